import { HttpException, HttpStatus } from '@nestjs/common';

export enum PolicyApiErrorCode {
  /** The kind-specific content breaks the policy rules (422 with every problem). */
  InvalidPolicy = 'POLICY_INVALID',
  /** (kind, jurisdiction, version) is already published: versions are immutable, publish a new one. */
  VersionExists = 'POLICY_VERSION_EXISTS',
  /** Another version of the same kind and jurisdiction starts at the same instant. */
  EffectiveFromTaken = 'POLICY_EFFECTIVE_FROM_TAKEN',
  UnknownVersion = 'POLICY_UNKNOWN_VERSION',
  NoneInForce = 'POLICY_NONE_IN_FORCE',
}

const STATUS: Record<PolicyApiErrorCode, HttpStatus> = {
  [PolicyApiErrorCode.InvalidPolicy]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PolicyApiErrorCode.VersionExists]: HttpStatus.CONFLICT,
  [PolicyApiErrorCode.EffectiveFromTaken]: HttpStatus.CONFLICT,
  [PolicyApiErrorCode.UnknownVersion]: HttpStatus.NOT_FOUND,
  [PolicyApiErrorCode.NoneInForce]: HttpStatus.NOT_FOUND,
};

/** The policies feature's one exception; the code decides the HTTP status. */
export class PolicyApiException extends HttpException {
  constructor(
    readonly code: PolicyApiErrorCode,
    message: string,
    problems?: string[],
  ) {
    super({ statusCode: STATUS[code], code, message, ...(problems ? { problems } : {}) }, STATUS[code]);
  }
}
