/** Error codes of the policy library; mapped once to HTTP/gRPC statuses by the apps. */
export enum PolicyErrorCode {
  InvalidPolicy = 'POLICY_INVALID',
  VersionExists = 'POLICY_VERSION_EXISTS',
  NoPolicyInForce = 'POLICY_NONE_IN_FORCE',
  UnknownVersion = 'POLICY_UNKNOWN_VERSION',
  InvalidGrade = 'POLICY_INVALID_GRADE',
  InvalidFeeInput = 'POLICY_INVALID_FEE_INPUT',
  FeeMethodConflict = 'POLICY_FEE_METHOD_CONFLICT',
  ExtensionNotAllowed = 'POLICY_EXTENSION_NOT_ALLOWED',
  UnknownDecision = 'POLICY_UNKNOWN_DECISION',
}

export class PolicyException extends Error {
  constructor(
    readonly code: PolicyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyException';
  }
}
