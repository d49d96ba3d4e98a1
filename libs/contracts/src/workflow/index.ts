export * from './case';
export * from './opinion-actions';
export * from './key-case';
export * from './temporal';
export * from './disclosure';
export * from './reply-letter';
export * from './disclosure-notices';
export * from './bulletin';
