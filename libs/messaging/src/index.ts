export * from './kafka';
export * from './typed-producer';
export * from './validate-message';
export * from './consumer';
export * from './consumer-supervisor';
export * from './outbox-relay';
export * from './consumer-lag';
export * from './hosted-consumer';
