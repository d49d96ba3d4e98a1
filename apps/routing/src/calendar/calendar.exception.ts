import { HttpException, HttpStatus } from '@nestjs/common';
import type { FieldError } from '@huiying/platform';

export enum CalendarApiErrorCode {
  /** Query parameters the calendar cannot work with (400, field-level like the validation pipe). */
  InvalidQuery = 'CALENDAR_INVALID_QUERY',
  /** A year's data breaks the calendar rules (422 with every problem). */
  InvalidYearData = 'CALENDAR_INVALID_YEAR_DATA',
}

const STATUS: Record<CalendarApiErrorCode, HttpStatus> = {
  [CalendarApiErrorCode.InvalidQuery]: HttpStatus.BAD_REQUEST,
  [CalendarApiErrorCode.InvalidYearData]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The calendar feature's one exception; the code decides the HTTP status. */
export class CalendarApiException extends HttpException {
  constructor(
    readonly code: CalendarApiErrorCode,
    message: string,
    details: { errors?: FieldError[]; problems?: string[] } = {},
  ) {
    super({ statusCode: STATUS[code], code, message, ...details }, STATUS[code]);
  }

  static invalidQuery(errors: FieldError[]): CalendarApiException {
    return new CalendarApiException(CalendarApiErrorCode.InvalidQuery, 'Validation failed', { errors });
  }

  static invalidYear(problems: string[]): CalendarApiException {
    return new CalendarApiException(CalendarApiErrorCode.InvalidYearData, 'The year data breaks the calendar rules; nothing was stored', { problems });
  }
}
