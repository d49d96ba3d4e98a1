import { HttpException, HttpStatus } from '@nestjs/common';

export enum AccessExceptionCode {
  /** No key given (Authorization: Bearer <key>, x-api-key, gRPC metadata authorization). */
  MissingCredentials = 'MISSING_CREDENTIALS',
  /** Unknown, malformed, revoked or expired key, or a disabled system. */
  InvalidCredentials = 'INVALID_CREDENTIALS',
  /** The system's scopes do not include the one the call needs. */
  ScopeMissing = 'SCOPE_MISSING',
  /** The case is outside the caller's reach (department / jurisdiction). */
  OutOfReach = 'OUT_OF_REACH',
  /** The system's rate limit is used up for now. */
  RateLimited = 'RATE_LIMITED',
  /** Access administration: the system or key does not exist / already exists. */
  SystemNotFound = 'SYSTEM_NOT_FOUND',
  SystemExists = 'SYSTEM_EXISTS',
  KeyNotFound = 'KEY_NOT_FOUND',
  InvalidAuditCursor = 'INVALID_AUDIT_CURSOR',
  /** Role grants: no such grant / it is revoked already (a revocation is final). */
  RoleGrantNotFound = 'ROLE_GRANT_NOT_FOUND',
  RoleGrantRevoked = 'ROLE_GRANT_REVOKED',
}

const STATUS: Record<AccessExceptionCode, HttpStatus> = {
  [AccessExceptionCode.MissingCredentials]: HttpStatus.UNAUTHORIZED,
  [AccessExceptionCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [AccessExceptionCode.ScopeMissing]: HttpStatus.FORBIDDEN,
  [AccessExceptionCode.OutOfReach]: HttpStatus.FORBIDDEN,
  [AccessExceptionCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [AccessExceptionCode.SystemNotFound]: HttpStatus.NOT_FOUND,
  [AccessExceptionCode.SystemExists]: HttpStatus.CONFLICT,
  [AccessExceptionCode.KeyNotFound]: HttpStatus.NOT_FOUND,
  [AccessExceptionCode.InvalidAuditCursor]: HttpStatus.BAD_REQUEST,
  [AccessExceptionCode.RoleGrantNotFound]: HttpStatus.NOT_FOUND,
  [AccessExceptionCode.RoleGrantRevoked]: HttpStatus.CONFLICT,
};

export class AccessException extends HttpException {
  constructor(
    readonly code: AccessExceptionCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super({ statusCode: STATUS[code], code, message, ...extra }, STATUS[code]);
  }
}
