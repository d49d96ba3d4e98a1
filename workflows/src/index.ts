export * from './opinion-case.workflow';
