export * from './connection';
export * from './search-attributes';
export * from './workflow-bundle';
export * from './workflow-update';
export * from './opinion-refusal';
export * from './tracing';
