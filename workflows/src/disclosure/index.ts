export * from './disclosure-application.workflow';
