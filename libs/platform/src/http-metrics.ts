// HTTP request rate, latency and status by route: one express middleware installed first by bootstrapHttpApp, so it
// also counts what the body stage, the access guard or an unknown path answer before any controller runs.
import type { NextFunction, Request, Response } from 'express';
import type { Registry } from 'prom-client';
import { counter, histogram, metricsRegistry } from './metrics';
import type { RouteResolver } from './request-refusals';

/** Routes no handler serves (probes for random paths, the Swagger UI's assets) share one label value. */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Request duration buckets (seconds): 5 ms to 10 s. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The `route` label of a request: the template of the route that served it (`/v1/cases/:caseId`), never the raw URL,
 * so the number of series is bounded by the number of routes. A request refused before routing (body stage) is
 * labelled with the route its path would have reached; a path no route serves is `unmatched`.
 */
export function routeLabel(req: Pick<Request, 'method' | 'path' | 'baseUrl'> & { route?: { path?: unknown } }, resolve?: RouteResolver): string {
  const own = req.route?.path;
  if (typeof own === 'string') return `${req.baseUrl ?? ''}${own}` || '/';
  try {
    return resolve?.(req.method, req.path)?.route ?? UNMATCHED_ROUTE;
  } catch {
    return UNMATCHED_ROUTE;
  }
}

export function methodLabel(method: string): string {
  const m = method.toUpperCase();
  return METHODS.has(m) ? m : 'OTHER';
}

/** Records every answered request in `huiying_http_requests_total` and `huiying_http_request_duration_seconds`. */
export function httpMetricsMiddleware(resolveRoute?: RouteResolver, registry: Registry = metricsRegistry()) {
  const requests = counter(registry, {
    name: 'huiying_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
  });
  const duration = histogram(registry, {
    name: 'huiying_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its answer, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_DURATION_BUCKETS,
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { method: methodLabel(req.method), route: routeLabel(req, resolveRoute), status: String(res.statusCode) };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
