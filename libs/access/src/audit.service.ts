import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { FIELD_ERRORS_TRAILER, GrpcStatus, toGrpcError } from '@huiying/platform';
import { AccessRepository } from './access.repository';
import type { AuditEntry, AuditOutcome, Caller } from './access.types';
import type { CallInfo } from './call-info';

export const ACCESS_SERVICE_NAME = Symbol('ACCESS_SERVICE_NAME');
export const ACCESS_LOGGER = Symbol('ACCESS_LOGGER');

/** ok below 400; denied for 401, 403, 429; error from 500; rejected otherwise. */
export function outcomeOf(httpStatus: number): AuditOutcome {
  if (httpStatus < 400) return 'ok';
  if (httpStatus === 401 || httpStatus === 403 || httpStatus === 429) return 'denied';
  return httpStatus >= 500 ? 'error' : 'rejected';
}

function httpStatusOf(e: unknown): number {
  if (e instanceof HttpException) return e.getStatus();
  const grpc = toGrpcError(e);
  const byGrpc: Record<number, number> = {
    [GrpcStatus.INVALID_ARGUMENT]: 400,
    [GrpcStatus.UNAUTHENTICATED]: 401,
    [GrpcStatus.PERMISSION_DENIED]: 403,
    [GrpcStatus.NOT_FOUND]: 404,
    [GrpcStatus.ALREADY_EXISTS]: 409,
    [GrpcStatus.FAILED_PRECONDITION]: 422,
    [GrpcStatus.RESOURCE_EXHAUSTED]: 429,
  };
  return byGrpc[grpc.code] ?? 500;
}

/** The error's code (our exceptions' `code`) and, for a 400, the names of the fields at fault — never values. */
function errorDetail(e: unknown): Record<string, unknown> {
  if (e instanceof HttpException) {
    const body = e.getResponse() as { code?: unknown; errors?: { field?: unknown }[] } | string;
    if (typeof body === 'object') {
      return {
        ...(typeof body.code === 'string' ? { code: body.code } : {}),
        ...(Array.isArray(body.errors) ? { fields: body.errors.map((x) => String(x.field)) } : {}),
      };
    }
    return {};
  }
  const grpc = toGrpcError(e);
  const code = grpc.metadata?.get('huiying-error-code')?.[0];
  const fieldErrors = grpc.metadata?.get(FIELD_ERRORS_TRAILER)?.[0];
  let fields: string[] | undefined;
  try {
    fields = typeof fieldErrors === 'string' ? (JSON.parse(fieldErrors) as { field: string }[]).map((f) => String(f.field)) : undefined;
  } catch {
    fields = undefined;
  }
  return { ...(typeof code === 'string' ? { code } : {}), ...(fields ? { fields } : {}), ...(grpc.code === GrpcStatus.INTERNAL ? { error: 'internal' } : {}) };
}

/**
 * Writes the audit log (access.audit_log): one row per state-changing call, accepted or refused, before the answer
 * leaves. No bodies, no personal data: who (system, key), what (method, action, target), the status and the outcome,
 * when, from where, the request id.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AccessRepository,
    @Inject(ACCESS_SERVICE_NAME) private readonly service: string,
    @Inject(ACCESS_LOGGER) private readonly logger: Logger,
  ) {}

  private statusText(call: CallInfo, httpStatus: number, e?: unknown): string {
    if (call.transport === 'rest') return String(httpStatus);
    const code = e === undefined ? GrpcStatus.OK : toGrpcError(e).code;
    return GrpcStatus[code] ?? String(code);
  }

  async write(entry: AuditEntry): Promise<void> {
    try {
      await this.repo.appendAudit(entry);
    } catch (err) {
      // the call itself has happened (or been refused): say so loudly, do not turn its answer into an error
      this.logger.error({ err, audit: { ...entry, detail: undefined } }, 'audit row could not be written');
    }
  }

  private base(call: CallInfo, caller: Caller | undefined, target: string | null): Omit<AuditEntry, 'status' | 'outcome' | 'detail'> {
    return {
      service: this.service,
      transport: call.transport,
      systemId: caller?.systemId ?? null,
      keyId: caller?.keyId ?? null,
      method: call.method,
      action: call.action,
      target,
      requestId: call.requestId,
      remoteAddress: call.remoteAddress,
    };
  }

  refused(call: CallInfo, caller: Caller | undefined, e: unknown, target: string | undefined): Promise<void> {
    const status = httpStatusOf(e);
    return this.write({ ...this.base(call, caller, target ?? null), status: this.statusText(call, status, e), outcome: outcomeOf(status), detail: errorDetail(e) });
  }

  completed(call: CallInfo, caller: Caller | undefined, target: string | null, httpStatus: number, detail: Record<string, unknown> = {}): Promise<void> {
    return this.write({ ...this.base(call, caller, target), status: this.statusText(call, httpStatus), outcome: outcomeOf(httpStatus), detail });
  }

  failed(call: CallInfo, caller: Caller | undefined, target: string | null, e: unknown): Promise<void> {
    const status = httpStatusOf(e);
    return this.write({ ...this.base(call, caller, target), status: this.statusText(call, status, e), outcome: outcomeOf(status), detail: errorDetail(e) });
  }
}
