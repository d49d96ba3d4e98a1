// HTTP server spans: one express middleware installed first by bootstrapHttpApp opens a SERVER span per request,
// continuing the caller's trace when it sends a W3C `traceparent`, and names it by route template when the answer is
// sent. Only codes go into attributes (method, route template, status): never the URL, its query or the body.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Tracer } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { methodLabel, routeLabel } from './http-metrics';
import type { RouteResolver } from './request-refusals';

/** Probes and scrapes answered many times a minute: not traced. */
const UNTRACED_PATHS = new Set(['/health', '/health/live', '/metrics']);

const REQUEST_CONTEXT = Symbol('huiying.trace-context');
type TracedRequest = Request & { [REQUEST_CONTEXT]?: Context };

export function httpTracer(): Tracer {
  return trace.getTracer('@huiying/platform/http');
}

/** Opens the request's SERVER span (`POST /v1/reports`) and runs the rest of the chain in its context. */
export function httpTracingMiddleware(resolveRoute?: RouteResolver, tracer: Tracer = httpTracer()) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (UNTRACED_PATHS.has(req.path)) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const method = methodLabel(req.method);
    const span = tracer.startSpan(
      `${method}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.scheme': req.protocol === 'https' ? 'https' : 'http' } },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    (req as TracedRequest)[REQUEST_CONTEXT] = ctx;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = routeLabel(req, resolveRoute);
      span.updateName(`${method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.statusCode}` });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(ctx, next);
  };
}

/**
 * Re-enters the request's trace context. Body parsing resumes the chain from the request stream's events, which run
 * in the connection's async context, not the request's: installed after the body stage, this puts the controllers,
 * the guards and everything they await back in the request's span.
 */
export function reenterRequestTrace(req: Request, _res: Response, next: NextFunction): void {
  const ctx = (req as TracedRequest)[REQUEST_CONTEXT];
  if (ctx) context.with(ctx, next);
  else next();
}
