import { HttpException, HttpStatus } from '@nestjs/common';

export enum AssessmentErrorCode {
  CaseNotFound = 'CASE_NOT_FOUND',
  /** The action does not fit the case's stage or history (e.g. approval before consultation). */
  ActionConflict = 'CASE_ACTION_CONFLICT',
  /** The action's content breaks a rule (e.g. an override without a reason). */
  ActionInvalid = 'CASE_ACTION_INVALID',
}

const STATUS: Record<AssessmentErrorCode, HttpStatus> = {
  [AssessmentErrorCode.CaseNotFound]: HttpStatus.NOT_FOUND,
  [AssessmentErrorCode.ActionConflict]: HttpStatus.CONFLICT,
  [AssessmentErrorCode.ActionInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The assessment feature's one exception; the code decides the HTTP status; the message is the reason. */
export class AssessmentException extends HttpException {
  constructor(
    readonly code: AssessmentErrorCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
