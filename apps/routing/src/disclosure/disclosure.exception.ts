import { HttpException, HttpStatus } from '@nestjs/common';

export enum DisclosureCaseErrorCode {
  CaseNotFound = 'DISCLOSURE_CASE_NOT_FOUND',
  UnknownAction = 'DISCLOSURE_UNKNOWN_ACTION',
  /** The action does not fit the case's stage or history (e.g. a second extension). */
  ActionConflict = 'DISCLOSURE_ACTION_CONFLICT',
  /** The action's content breaks a rule (e.g. an extension not approved by the head of the disclosure office). */
  ActionInvalid = 'DISCLOSURE_ACTION_INVALID',
  /** The approver named by approverId holds no active grant of the role for the case (条例第三十三条第二款): 422 on approverId. */
  ApproverNotGranted = 'DISCLOSURE_APPROVER_NOT_GRANTED',
  /** The case workflow did not answer in time (worker down or Temporal unreachable): 503, nothing read or changed. */
  WorkflowUnavailable = 'DISCLOSURE_WORKFLOW_UNAVAILABLE',
}

const STATUS: Record<DisclosureCaseErrorCode, HttpStatus> = {
  [DisclosureCaseErrorCode.CaseNotFound]: HttpStatus.NOT_FOUND,
  [DisclosureCaseErrorCode.UnknownAction]: HttpStatus.NOT_FOUND,
  [DisclosureCaseErrorCode.ActionConflict]: HttpStatus.CONFLICT,
  [DisclosureCaseErrorCode.ActionInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DisclosureCaseErrorCode.ApproverNotGranted]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DisclosureCaseErrorCode.WorkflowUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** The disclosure case feature's one exception; the code decides the HTTP status. */
export class DisclosureCaseException extends HttpException {
  constructor(
    readonly code: DisclosureCaseErrorCode,
    message: string,
    /** Field errors (`errors: [{field, messages}]`, as a 400 lists them) when one field is at fault. */
    errors?: { field: string; messages: string[] }[],
  ) {
    super({ statusCode: STATUS[code], code, message, ...(errors ? { errors } : {}) }, STATUS[code]);
  }
}
