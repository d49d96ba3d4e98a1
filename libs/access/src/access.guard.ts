import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type AccessRule } from './access.decorators';
import { AccessException, AccessExceptionCode } from './access.exception';
import type { Caller, ReachMode } from './access.types';
import { AuditService } from './audit.service';
import { attachCaller, callInfo, caseTarget, type CallInfo } from './call-info';
import { CASE_REACH, type CaseReachResolver } from './case-reach';
import { KeyAuthenticator } from './key-cache';
import { canReach, reachesEverything } from './reach';
import { hasScope } from './scope';
import { TokenBuckets } from './token-bucket';

/** Looks up the access rule of a handler (method first, then its controller). */
export function accessRuleOf(reflector: Reflector, ctx: ExecutionContext): AccessRule | undefined {
  return reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [ctx.getHandler(), ctx.getClass()]);
}

/**
 * The one guard of every REST route and gRPC method: authenticates the key, applies the system's rate limit, checks the
 * scope the route declares and the caller's reach on the case it names. A refused state-changing call is audited here
 * (an accepted one by AuditInterceptor, with its result). A route that declares neither a scope nor @Public() is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: KeyAuthenticator,
    private readonly buckets: TokenBuckets,
    private readonly audit: AuditService,
    @Optional() @Inject(CASE_REACH) private readonly reach?: CaseReachResolver,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(this.reflector, ctx);
    if (rule?.public) return true;
    const call = callInfo(ctx);
    let caller: Caller | undefined;
    try {
      if (!rule) throw new AccessException(AccessExceptionCode.ScopeMissing, `${call.action} declares no access rule: refused`);
      if (!call.credential) {
        throw new AccessException(AccessExceptionCode.MissingCredentials, 'an API key is required: Authorization: Bearer <key> (or x-api-key)');
      }
      const auth = await this.keys.authenticate(call.credential);
      if ('failure' in auth) {
        caller = auth.systemId ? ({ systemId: auth.systemId, keyId: auth.keyId } as Caller) : undefined;
        const why = auth.failure === 'disabled' ? 'the calling system is disabled' : `the API key is ${auth.failure === 'malformed' || auth.failure === 'unknown' ? 'not valid' : auth.failure}`;
        throw new AccessException(AccessExceptionCode.InvalidCredentials, why);
      }
      caller = auth.caller;
      this.limit(caller, call);
      if (!hasScope(caller.scopes, rule.scope)) {
        throw new AccessException(AccessExceptionCode.ScopeMissing, `system ${caller.systemId} lacks scope '${rule.scope}' for ${call.action}`);
      }
      if (rule.departments === false && caller.kind === 'department') {
        const why = rule.departmentsRefusal ?? "spans every department's cases";
        throw new AccessException(AccessExceptionCode.OutOfReach, `${call.action} ${why}: not open to department system ${caller.systemId}`);
      }
      const caseId = caseTarget(call.params, rule.caseParam);
      if (caseId) await this.checkReach(caller, caseId, rule.scope === 'read' ? 'read' : 'act');
      attachCaller(call.holder, caller);
      return true;
    } catch (e) {
      if (e instanceof AccessException && call.stateChanging) await this.audit.refused(call, caller, e, caseTarget(call.params, rule && !rule.public ? rule.caseParam : undefined));
      throw e;
    }
  }

  private limit(caller: Caller, call: CallInfo): void {
    const r = this.buckets.take(caller.systemId, caller.rateLimitPerMinute);
    call.setHeader('RateLimit-Limit', r.limit);
    call.setHeader('RateLimit-Remaining', r.remaining);
    call.setHeader('RateLimit-Reset', r.resetSeconds);
    call.setHeader('RateLimit-Policy', `${r.limit};w=60`);
    if (!r.allowed) {
      call.setHeader('Retry-After', r.retryAfterSeconds);
      throw new AccessException(
        AccessExceptionCode.RateLimited,
        `rate limit of ${r.limit} requests per minute for system ${caller.systemId} exceeded on this service instance; retry after ${r.retryAfterSeconds} s`,
        { limitPerMinute: r.limit, retryAfterSeconds: r.retryAfterSeconds },
      );
    }
  }

  private async checkReach(caller: Caller, caseId: string, mode: ReachMode): Promise<void> {
    if (reachesEverything(caller)) return;
    if (!this.reach) {
      throw new AccessException(AccessExceptionCode.OutOfReach, `this service cannot tell whether case ${caseId} is within the reach of system ${caller.systemId}`);
    }
    const facts = await this.reach.facts(caseId, mode);
    if (!facts) return; // unknown case: the handler answers 404, nothing is disclosed
    if (!canReach(caller, facts, mode)) {
      throw new AccessException(AccessExceptionCode.OutOfReach, `case ${caseId} is outside the reach of system ${caller.systemId} (${mode})`);
    }
  }
}
