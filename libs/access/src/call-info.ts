import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import type { Request, Response } from 'express';
import { credentialFrom } from './api-key';
import type { Caller, CallTransport } from './access.types';

const PATTERN_METADATA = 'microservices:pattern';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What access control and the audit need to know about one call, REST or gRPC alike. */
export interface CallInfo {
  transport: CallTransport;
  /** HTTP method, or 'RPC'. */
  method: string;
  /** Route template (`/v1/cases/:caseId/claim`) or RPC name (`huiying.v1.IntakeService/SubmitReport`). */
  action: string;
  /** REST POST/PUT/PATCH/DELETE and gRPC Submit*: audited. */
  stateChanging: boolean;
  credential: string | undefined;
  requestId: string | null;
  remoteAddress: string | null;
  /** Route parameters (REST) or the request message (gRPC). */
  params: Record<string, unknown>;
  /** Sets a response header (REST only). */
  setHeader(name: string, value: string | number): void;
  /** Where the authenticated caller is kept for the handler. */
  holder: object;
}

const callers = new WeakMap<object, Caller>();

/** The authenticated caller of a REST request (the express Request) or gRPC call (the request message). */
export function callerOf(holder: object): Caller | undefined {
  return callers.get(holder);
}

export function attachCaller(holder: object, caller: Caller): void {
  callers.set(holder, caller);
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function callInfo(ctx: ExecutionContext): CallInfo {
  if (ctx.getType() === 'rpc') {
    const data = (ctx.switchToRpc().getData() ?? {}) as Record<string, unknown>;
    const metadata = ctx.switchToRpc().getContext() as Metadata | undefined;
    const call = ctx.getArgs()[2] as { getPeer?: () => string } | undefined;
    const md = (k: string) => {
      const v = metadata?.get?.(k)?.[0];
      return typeof v === 'string' ? v : undefined;
    };
    const pattern = (Reflect.getMetadata(PATTERN_METADATA, ctx.getHandler()) as { service?: string; rpc?: string }[] | undefined)?.[0];
    const rpc = pattern?.rpc ?? ctx.getHandler().name;
    return {
      transport: 'grpc',
      method: 'RPC',
      action: `${pattern?.service ?? ctx.getClass().name}/${rpc}`,
      stateChanging: /^(Submit|Create|Update|Delete)/.test(rpc),
      credential: credentialFrom(md('authorization'), md('x-api-key')),
      requestId: md('x-request-id') ?? randomUUID(),
      remoteAddress: call?.getPeer?.() ?? null,
      params: data,
      setHeader: () => undefined,
      holder: data,
    };
  }
  const req = ctx.switchToHttp().getRequest<Request>();
  const res = ctx.switchToHttp().getResponse<Response>();
  const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
  const requestId = res.getHeader('x-request-id') ?? header(req.headers['x-request-id']);
  return {
    transport: 'rest',
    method: req.method,
    action: `${req.method} ${route}`,
    stateChanging: !SAFE_METHODS.has(req.method),
    credential: credentialFrom(header(req.headers.authorization), header(req.headers['x-api-key'] as string | string[] | undefined)),
    requestId: requestId === undefined ? null : String(requestId),
    remoteAddress: req.ip ?? req.socket?.remoteAddress ?? null,
    params: (req.params ?? {}) as Record<string, unknown>,
    setHeader: (name, value) => {
      if (!res.headersSent) res.setHeader(name, value);
    },
    holder: req,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case a call names (by the rule's caseParam, else `caseId`, else `id`), when it looks like a case id. */
export function caseTarget(params: Record<string, unknown>, caseParam: string | false | undefined): string | undefined {
  if (caseParam === false) return undefined;
  const v = caseParam ? params[caseParam] : (params.caseId ?? params.id);
  return typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : undefined;
}

/** The caller the guard authenticated for this request (REST: the express Request; gRPC: the request message). */
export function requireCaller(holder: object): Caller {
  const caller = callerOf(holder);
  // the guard attaches a caller to every call that is not public: its absence is a programming error, refused safely
  if (!caller) throw new Error('no authenticated caller on this call (is the route @Public()?)');
  return caller;
}
