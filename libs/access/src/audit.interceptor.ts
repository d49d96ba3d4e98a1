import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, mergeMap, catchError, throwError, type Observable } from 'rxjs';
import { accessRuleOf } from './access.guard';
import { AuditService } from './audit.service';
import { callerOf, callInfo, caseTarget } from './call-info';

/**
 * The case or resource a call acted on: the case it names, else the case it created, else its other route parameter,
 * else the id of the resource it created (a role grant, a calling system).
 */
export function targetOf(params: Record<string, unknown>, caseParam: string | false | undefined, result?: unknown): string | null {
  const named = caseTarget(params, caseParam);
  if (named) return named;
  const body = typeof result === 'object' && result ? (result as { caseId?: unknown; id?: unknown }) : {};
  if (typeof body.caseId === 'string') return body.caseId;
  const other = Object.values(params).find((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200);
  if (other) return other;
  return typeof body.id === 'string' && body.id.length > 0 && body.id.length <= 200 ? body.id : null;
}

/**
 * Audits every accepted state-changing call once its handler has answered (or failed: validation, conflicts…), before
 * the response is written. Refusals by the guard are audited by the guard.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = accessRuleOf(this.reflector, ctx);
    const call = callInfo(ctx);
    if (!call.stateChanging || rule?.public) return next.handle();
    const caller = callerOf(call.holder);
    const caseParam = rule && !rule.public ? rule.caseParam : undefined;
    // gRPC: the request message is the parameter bag; only its case id is a target (never its content)
    const params = call.transport === 'grpc' ? { caseId: call.params.caseId } : call.params;
    return next.handle().pipe(
      mergeMap((result) => {
        const status = call.transport === 'rest' ? ctx.switchToHttp().getResponse<Response>().statusCode : 200;
        return from(this.audit.completed(call, caller, targetOf(params, caseParam, result), status)).pipe(mergeMap(() => [result]));
      }),
      catchError((e: unknown) => from(this.audit.failed(call, caller, targetOf(params, caseParam), e)).pipe(mergeMap(() => throwError(() => e)))),
    );
  }
}
