export * from './calendar.exception';
export * from './iso-date';
export * from './instant';
export * from './year-calendar';
export { CHINESE_DAYS_SOURCE, CHINESE_DAYS_YEARS } from './chinese-days-data';
export * from './calendar';
export * from './working-days';
export * from './reporting-period';
