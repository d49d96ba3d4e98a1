export * from './case';
export * from './temporal';
