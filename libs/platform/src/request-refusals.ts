// The body stage of every service, before routing and before any guard or controller (issue 14): a body must be JSON
// (415), within the size limit (413), parse (400 MALFORMED_JSON), be UTF-8 (400 INVALID_UTF8) and hold only storable
// text within the depth bound (400 UNSAFE_TEXT / BODY_TOO_DEEP, input-safety.ts). Each refusal is answered with our
// error body ({statusCode, error, message, code, errors?}) and — being a refused call like any other — audited before
// it leaves, through REFUSAL_AUDIT (libs/access provides it: it names the caller when the key can be read). One piece
// for all services: bootstrapHttpApp installs it.
import { HttpException, HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { isValidUtf8, MAX_BODY_DEPTH, unsafeInput } from './input-safety';
import { maskText } from './masking';
import type { FieldError } from './validation';

/** Token of the audit sink for refusals made before any controller (provided by libs/access's AccessModule). */
export const REFUSAL_AUDIT = Symbol.for('huiying.refusal-audit');

/** Why a request was refused before any controller saw it (the `code` of the answer and of the audit row). */
export type EarlyRefusalCode = 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'MALFORMED_JSON' | 'INVALID_UTF8' | 'UNSAFE_TEXT' | 'BODY_TOO_DEEP' | 'BODY_UNREADABLE' | 'INTERNAL_ERROR';

/** What the audit may know of such a request: never its body, personal data masked. */
export interface EarlyRefusal {
  method: string;
  /** `POST /v1/cases/:caseId/claim` when a route matches, else the method and the path (masked, bounded). */
  action: string;
  /** The matched route's parameters (masked, bounded); none when no route matched. */
  params: Record<string, string>;
  /** The credential headers, only to tell who called (the sink never stores them). */
  authorization?: string;
  apiKey?: string;
  requestId: string | null;
  remoteAddress: string | null;
  status: number;
  code: EarlyRefusalCode;
  /** Names of the fields at fault (UNSAFE_TEXT), masked and bounded; never values. */
  fields?: string[];
}

export interface RefusalAuditSink {
  refusedBeforeController(refusal: EarlyRefusal): Promise<void>;
}

/** The route a request would have reached: its template (as req.route.path would say) and parameters. */
export type RouteResolver = (method: string, path: string) => { route: string; params: Record<string, string> } | undefined;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MAX_ACTION = 300;
const MAX_PARAM = 200;
const MAX_FIELD = 100;
const MAX_FIELDS = 20;
const JSON_MEDIA_TYPE = /^application\/([a-z0-9.!#$&^_-]+\+)?json\s*(;|$)/i;
/** What the JSON parser reads: the same media types requireJsonBody lets through. */
export const JSON_BODY_TYPES = ['application/json', 'application/*+json'];

/** Our error body for a refusal of the body stage. */
export function earlyRefusal(status: number, code: EarlyRefusalCode, message: string, errors?: FieldError[]): HttpException {
  const error = (HttpStatus[status] ?? 'Error').toLowerCase().replace(/(^|_)([a-z])/g, (_m, sep: string, c: string) => `${sep ? ' ' : ''}${c.toUpperCase()}`);
  return new HttpException({ statusCode: status, error, message, code, ...(errors ? { errors } : {}) }, status);
}

/** Text an audit row may hold: personal data masked, NUL and unpaired surrogates replaced (Postgres cannot store them), bounded. */
export function auditSafe(text: string, max: number): string {
  const clean = maskText(text).split('\u0000').join('\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

/** 415 for a body that is not JSON: no route of ours takes anything else (a form body would pass input safety unchecked). */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!hasBody(req)) return next();
  const type = req.headers['content-type'];
  if (typeof type === 'string' && JSON_MEDIA_TYPE.test(type)) return next();
  const sent = typeof type === 'string' && type.length ? `not ${auditSafe(type.split(';')[0]?.trim() ?? '', 100)}` : 'none was named';
  next(earlyRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', `the request body must be JSON (content-type: application/json); ${sent}`));
}

/** body-parser `verify`: a body that is not UTF-8 is refused (400) before it is decoded with replacement characters. */
export function refuseInvalidUtf8(_req: Request, _res: Response, buf: Buffer): void {
  if (!isValidUtf8(buf)) throw Object.assign(new Error('the request body is not valid UTF-8'), { status: 400, statusCode: 400, expose: true, type: 'encoding.invalid' });
}

/** 400 with field errors for text that is not storable Unicode (NUL, unpaired surrogates) or a body nested too deeply. */
export function refuseUnsafeInput(req: Request, _res: Response, next: NextFunction): void {
  if (req.body === undefined || req.body === null || typeof req.body !== 'object') return next();
  const { errors, tooDeep } = unsafeInput(req.body);
  if (tooDeep) return next(earlyRefusal(400, 'BODY_TOO_DEEP', `the request body is nested more than ${MAX_BODY_DEPTH} levels deep`));
  if (errors.length) return next(earlyRefusal(400, 'UNSAFE_TEXT', 'Validation failed', errors));
  next();
}

/**
 * The answer to an error of the body stage: ours as they are; body-parser's (http-errors with a `type`) as our error
 * body with a code; anything else (a fault of ours) undefined — it stays a 500.
 */
export function refusalOf(err: unknown): HttpException | undefined {
  if (err instanceof HttpException) return err;
  const e = (typeof err === 'object' && err ? err : {}) as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown; expose?: unknown; limit?: unknown };
  const status = Number(e.status ?? e.statusCode);
  if (!(status >= 400 && status < 500)) return undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  switch (e.type) {
    case 'entity.too.large':
      return earlyRefusal(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than the limit of ${String(e.limit)} bytes`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return earlyRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', message);
    case 'entity.parse.failed':
      return earlyRefusal(400, 'MALFORMED_JSON', message);
    case 'encoding.invalid':
      return earlyRefusal(400, 'INVALID_UTF8', message);
    default:
      return earlyRefusal(status, 'BODY_UNREADABLE', e.expose === true && message ? message : 'the request body could not be read');
  }
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The audit's view of a refused request: route template (or masked path), parameters, credential headers, ids — no body. */
export function earlyRefusalRecord(req: Request, res: Response, refusal: HttpException | undefined, resolveRoute: RouteResolver): EarlyRefusal {
  const status = refusal?.getStatus() ?? 500;
  const body = refusal?.getResponse() as { code?: EarlyRefusalCode; errors?: FieldError[] } | undefined;
  const matched = (() => {
    try {
      return resolveRoute(req.method, req.path);
    } catch {
      return undefined;
    }
  })();
  const requestId = res.getHeader('x-request-id') ?? header(req.headers['x-request-id']);
  const params = Object.fromEntries(Object.entries(matched?.params ?? {}).map(([k, v]) => [auditSafe(k, MAX_FIELD), auditSafe(v, MAX_PARAM)]));
  return {
    method: req.method,
    action: auditSafe(`${req.method} ${matched?.route ?? req.path}`, MAX_ACTION),
    params,
    authorization: header(req.headers.authorization),
    apiKey: header(req.headers['x-api-key'] as string | string[] | undefined),
    requestId: requestId === undefined ? null : auditSafe(String(requestId), MAX_PARAM),
    remoteAddress: req.ip ?? req.socket?.remoteAddress ?? null,
    status,
    code: body?.code ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BODY_UNREADABLE'),
    ...(Array.isArray(body?.errors) ? { fields: body.errors.slice(0, MAX_FIELDS).map((f) => auditSafe(String(f.field), MAX_FIELD)) } : {}),
  };
}

/**
 * Express error middleware right after the body stage: turns its refusals into our error body and audits each
 * state-changing one (POST/PUT/PATCH/DELETE, as the guard does) before passing it on to be answered. An audit that
 * fails is logged and does not change the answer.
 */
export function auditRefusalsBeforeController(deps: { sink?: RefusalAuditSink; resolveRoute: RouteResolver; logger: Pick<Logger, 'error'> }) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    const refusal = refusalOf(err);
    const answer = refusal ?? err;
    if (!deps.sink || SAFE_METHODS.has(req.method)) return next(answer);
    let record: EarlyRefusal;
    try {
      record = earlyRefusalRecord(req, res, refusal, deps.resolveRoute);
    } catch (e) {
      deps.logger.error({ err: e }, 'refusal before the controller could not be described for the audit');
      return next(answer);
    }
    deps.sink.refusedBeforeController(record).then(
      () => next(answer),
      (e: unknown) => {
        deps.logger.error({ err: e, audit: { action: record.action, status: record.status, code: record.code } }, 'audit row of a refusal before the controller could not be written');
        next(answer);
      },
    );
  };
}

interface RouterLayer {
  route?: { path?: unknown; methods?: Record<string, boolean> };
  params?: Record<string, string>;
  match?(path: string): boolean | { params?: Record<string, string> };
}

/**
 * Which registered route a method and path would reach, from an express app's router (routes are registered at
 * init; this asks at request time). Works with the router's two `match` styles (a result, or true plus layer.params).
 */
export function expressRouteResolver(instance: unknown): RouteResolver {
  return (method, path) => {
    const app = instance as { router?: { stack?: RouterLayer[] }; _router?: { stack?: RouterLayer[] } };
    const stack = app.router?.stack ?? app._router?.stack ?? [];
    const verb = method.toLowerCase();
    for (const layer of stack) {
      const route = layer.route;
      if (!route || typeof route.path !== 'string' || typeof layer.match !== 'function') continue;
      if (!route.methods?.[verb] && !route.methods?._all) continue;
      let m: ReturnType<NonNullable<RouterLayer['match']>>;
      try {
        m = layer.match(path);
      } catch {
        continue; // a parameter that does not decode: not this route's to name
      }
      if (!m) continue;
      const params = typeof m === 'object' ? (m.params ?? {}) : (layer.params ?? {});
      return { route: route.path, params: Object.fromEntries(Object.entries(params).filter((p): p is [string, string] => typeof p[1] === 'string')) };
    }
    return undefined;
  };
}
