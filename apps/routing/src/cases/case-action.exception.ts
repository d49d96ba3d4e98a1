import { HttpException, HttpStatus } from '@nestjs/common';

export enum CaseActionErrorCode {
  CaseNotFound = 'CASE_NOT_FOUND',
  /** The action does not fit the case's stage or history (e.g. claimed by another department, already claimed). */
  ActionConflict = 'CASE_ACTION_CONFLICT',
  /** The action's content breaks a rule of the case. */
  ActionInvalid = 'CASE_ACTION_INVALID',
}

const STATUS: Record<CaseActionErrorCode, HttpStatus> = {
  [CaseActionErrorCode.CaseNotFound]: HttpStatus.NOT_FOUND,
  [CaseActionErrorCode.ActionConflict]: HttpStatus.CONFLICT,
  [CaseActionErrorCode.ActionInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The case-actions feature's one exception; the code decides the HTTP status; the message is the workflow's reason. */
export class CaseActionException extends HttpException {
  constructor(
    readonly code: CaseActionErrorCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
