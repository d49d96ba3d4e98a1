import { HttpException, HttpStatus } from '@nestjs/common';
import type { FieldError } from '@huiying/platform';

export enum DisclosureIntakeErrorCode {
  /** The body is well-formed but its parts do not fit together (channel evidence, organisation type…): 400 field-level. */
  InvalidApplication = 'DISCLOSURE_INVALID_APPLICATION',
  ApplicationNotFound = 'DISCLOSURE_APPLICATION_NOT_FOUND',
  /** Only filings that are not disclosure applications (complaint, petition, report) become opinion cases. */
  NotConvertible = 'DISCLOSURE_NOT_CONVERTIBLE',
}

const STATUS: Record<DisclosureIntakeErrorCode, HttpStatus> = {
  [DisclosureIntakeErrorCode.InvalidApplication]: HttpStatus.BAD_REQUEST,
  [DisclosureIntakeErrorCode.ApplicationNotFound]: HttpStatus.NOT_FOUND,
  [DisclosureIntakeErrorCode.NotConvertible]: HttpStatus.CONFLICT,
};

/** The disclosure intake feature's one exception; the code decides the HTTP status. */
export class DisclosureIntakeException extends HttpException {
  constructor(
    readonly code: DisclosureIntakeErrorCode,
    message: string,
    errors?: FieldError[],
  ) {
    super({ statusCode: STATUS[code], code, message, ...(errors ? { errors } : {}) }, STATUS[code]);
  }
}
