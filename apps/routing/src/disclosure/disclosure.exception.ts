import { HttpException, HttpStatus } from '@nestjs/common';

export enum DisclosureCaseErrorCode {
  CaseNotFound = 'DISCLOSURE_CASE_NOT_FOUND',
  UnknownAction = 'DISCLOSURE_UNKNOWN_ACTION',
  /** The action does not fit the case's stage or history (e.g. a second extension). */
  ActionConflict = 'DISCLOSURE_ACTION_CONFLICT',
  /** The action's content breaks a rule (e.g. an extension not approved by the head of the disclosure office). */
  ActionInvalid = 'DISCLOSURE_ACTION_INVALID',
}

const STATUS: Record<DisclosureCaseErrorCode, HttpStatus> = {
  [DisclosureCaseErrorCode.CaseNotFound]: HttpStatus.NOT_FOUND,
  [DisclosureCaseErrorCode.UnknownAction]: HttpStatus.NOT_FOUND,
  [DisclosureCaseErrorCode.ActionConflict]: HttpStatus.CONFLICT,
  [DisclosureCaseErrorCode.ActionInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The disclosure case feature's one exception; the code decides the HTTP status. */
export class DisclosureCaseException extends HttpException {
  constructor(
    readonly code: DisclosureCaseErrorCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
