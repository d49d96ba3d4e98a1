import { HttpException, HttpStatus } from '@nestjs/common';

export enum CaseExceptionCode {
  CaseNotFound = 'CASE_NOT_FOUND',
  InvalidPageToken = 'INVALID_PAGE_TOKEN',
  /** The action does not fit the case's stage or history (e.g. closing before the response): nothing changed. */
  ActionConflict = 'CASE_ACTION_CONFLICT',
  /** The action's content breaks a rule of the workflow. */
  ActionInvalid = 'CASE_ACTION_INVALID',
  /** The case workflow cannot be reached: nothing changed, try again. */
  WorkflowUnavailable = 'CASE_WORKFLOW_UNAVAILABLE',
}

const STATUS: Record<CaseExceptionCode, HttpStatus> = {
  [CaseExceptionCode.CaseNotFound]: HttpStatus.NOT_FOUND,
  [CaseExceptionCode.InvalidPageToken]: HttpStatus.BAD_REQUEST,
  [CaseExceptionCode.ActionConflict]: HttpStatus.CONFLICT,
  [CaseExceptionCode.ActionInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CaseExceptionCode.WorkflowUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

export class CaseException extends HttpException {
  constructor(
    readonly code: CaseExceptionCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
