import { HttpException, HttpStatus } from '@nestjs/common';
import type { FieldError } from '@huiying/platform';

export enum DisclosureIntakeErrorCode {
  /** The body is well-formed but its parts do not fit together (channel evidence, organisation type…): 400 field-level. */
  InvalidApplication = 'DISCLOSURE_INVALID_APPLICATION',
  ApplicationNotFound = 'DISCLOSURE_APPLICATION_NOT_FOUND',
  /** Only filings that are not disclosure applications (complaint, petition, report) become opinion cases. */
  NotConvertible = 'DISCLOSURE_NOT_CONVERTIBLE',
  /** A receipt confirmation that does not fit the application (after today, before it arrived): 400 field-level. */
  InvalidReceiptConfirmation = 'DISCLOSURE_INVALID_RECEIPT_CONFIRMATION',
  /** The receipt is already recorded (handed in, signed for, or confirmed otherwise): a different confirmation is refused. */
  ReceiptAlreadyRecorded = 'DISCLOSURE_RECEIPT_ALREADY_RECORDED',
  InvalidPageToken = 'DISCLOSURE_INVALID_PAGE_TOKEN',
}

const STATUS: Record<DisclosureIntakeErrorCode, HttpStatus> = {
  [DisclosureIntakeErrorCode.InvalidApplication]: HttpStatus.BAD_REQUEST,
  [DisclosureIntakeErrorCode.ApplicationNotFound]: HttpStatus.NOT_FOUND,
  [DisclosureIntakeErrorCode.NotConvertible]: HttpStatus.CONFLICT,
  [DisclosureIntakeErrorCode.InvalidReceiptConfirmation]: HttpStatus.BAD_REQUEST,
  [DisclosureIntakeErrorCode.ReceiptAlreadyRecorded]: HttpStatus.CONFLICT,
  [DisclosureIntakeErrorCode.InvalidPageToken]: HttpStatus.BAD_REQUEST,
};

/** The disclosure intake feature's one exception; the code decides the HTTP status (and so the gRPC code). */
export class DisclosureIntakeException extends HttpException {
  constructor(
    readonly code: DisclosureIntakeErrorCode,
    message: string,
    errors?: FieldError[],
  ) {
    super({ statusCode: STATUS[code], code, message, ...(errors ? { errors } : {}) }, STATUS[code]);
  }
}
