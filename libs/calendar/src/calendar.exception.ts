/** Error codes of the calendar library; mapped once to HTTP/gRPC statuses by the apps. */
export enum CalendarErrorCode {
  InvalidDate = 'CALENDAR_INVALID_DATE',
  InvalidInstant = 'CALENDAR_INVALID_INSTANT',
  InvalidWorkingDays = 'CALENDAR_INVALID_WORKING_DAYS',
  InvalidHours = 'CALENDAR_INVALID_HOURS',
  InvalidPause = 'CALENDAR_INVALID_PAUSE',
  InvalidYearData = 'CALENDAR_INVALID_YEAR_DATA',
  InvalidCorrection = 'CALENDAR_INVALID_CORRECTION',
  ExtensionAlreadyGranted = 'CALENDAR_EXTENSION_ALREADY_GRANTED',
  ExtensionOutOfRange = 'CALENDAR_EXTENSION_OUT_OF_RANGE',
  RangeTooLarge = 'CALENDAR_RANGE_TOO_LARGE',
}

export class CalendarException extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarException';
  }
}
