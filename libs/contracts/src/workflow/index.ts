export * from './case';
export * from './temporal';
export * from './disclosure';
