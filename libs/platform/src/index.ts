export * from './masking';
export * from './logger';
export * from './config';
export * from './validation';
export * from './health';
export * from './bootstrap';
export * from './grpc';
export * from './metrics';
