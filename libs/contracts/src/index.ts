export * from './workflow';
export * from './topics';
export * from './envelope';
export * from './event-map';
export * from './events/report-received.event';
export * from './events/case-stage-changed.event';
export * from './rest/submit-report.dto';
export * from './rest/case-view.dto';
