export * from './opinion-case.workflow';
export * from './disclosure';
export * from './bulletin/bulletin.workflow';
