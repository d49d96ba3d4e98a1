export * from './opinion-case.workflow';
export * from './disclosure';
