import { HttpException, HttpStatus } from '@nestjs/common';

export enum ResponseErrorCode {
  CaseNotFound = 'RESPONSE_CASE_NOT_FOUND',
  /** The case cannot take this response now (before verification, already closed, …): nothing is published. */
  CaseConflict = 'RESPONSE_CASE_CONFLICT',
  /** The response does not suit its form or a channel (no recipient for a point-to-point reply, too long for Weibo, …). */
  Invalid = 'RESPONSE_INVALID',
  /** The case workflow could not be asked (Temporal unreachable): nothing is published; try again. */
  WorkflowUnavailable = 'RESPONSE_WORKFLOW_UNAVAILABLE',
}

const STATUS: Record<ResponseErrorCode, HttpStatus> = {
  [ResponseErrorCode.CaseNotFound]: HttpStatus.NOT_FOUND,
  [ResponseErrorCode.CaseConflict]: HttpStatus.CONFLICT,
  [ResponseErrorCode.Invalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ResponseErrorCode.WorkflowUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** The responses feature's one exception; the code decides the HTTP status. */
export class ResponseException extends HttpException {
  constructor(
    readonly code: ResponseErrorCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
