import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { counter, createMetricsRegistry, gauge, labelProcessMetrics, withinScrapeTime } from './metrics';
import { httpMetricsMiddleware, routeLabel, UNMATCHED_ROUTE } from './http-metrics';
import type { RouteResolver } from './request-refusals';

type FakeReq = Partial<Request> & { route?: { path: string } };

/** A request through the middleware, answered with `status`; the route is known to express only when `served`. */
function answer(mw: ReturnType<typeof httpMetricsMiddleware>, req: FakeReq, status: number) {
  const res = Object.assign(new EventEmitter(), { statusCode: status }) as unknown as Response;
  let passed = false;
  mw({ baseUrl: '', ...req } as Request, res, (() => void (passed = true)) as NextFunction);
  res.emit('finish');
  return passed;
}

describe('the process registry', () => {
  it('renders the default process metrics and the families registered on it, with the service label', async () => {
    const registry = createMetricsRegistry();
    labelProcessMetrics('ledger', registry);
    counter(registry, { name: 'huiying_test_total', help: 'a test counter', labelNames: ['kind'] as const }).inc({ kind: 'opinion' }, 2);
    const text = await registry.metrics();
    for (const family of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(text).toContain(`# TYPE ${family} `);
    }
    expect(text).toContain('huiying_test_total{kind="opinion",service="ledger"} 2');
  });

  it('declares a family once per process: the second declaration returns the first', () => {
    const registry = createMetricsRegistry();
    const a = gauge(registry, { name: 'huiying_test_gauge', help: 'x', labelNames: ['t'] as const });
    const b = gauge(registry, { name: 'huiying_test_gauge', help: 'x', labelNames: ['t'] as const });
    expect(b).toBe(a);
  });

  it('gives up on a scrape-time measurement that hangs', async () => {
    await expect(withinScrapeTime(new Promise(() => undefined), 20)).rejects.toThrow('not measured within 20 ms');
    await expect(withinScrapeTime(Promise.resolve(7), 20)).resolves.toBe(7);
  });
});

describe('HTTP metrics', () => {
  const resolver: RouteResolver = (method, path) => (method === 'POST' && path === '/v1/reports' ? { route: '/v1/reports', params: {} } : undefined);

  it('labels a request with the template of the route that served it, not its URL', () => {
    expect(routeLabel({ method: 'GET', path: '/v1/cases/5b0c', baseUrl: '', route: { path: '/v1/cases/:caseId' } })).toBe('/v1/cases/:caseId');
    // refused by the body stage before routing: the route its path would have reached
    expect(routeLabel({ method: 'POST', path: '/v1/reports', baseUrl: '' }, resolver)).toBe('/v1/reports');
    expect(routeLabel({ method: 'GET', path: '/wp-admin/x.php', baseUrl: '' }, resolver)).toBe(UNMATCHED_ROUTE);
  });

  it('counts requests and observes their duration by method, route template and status', async () => {
    const registry = createMetricsRegistry();
    const mw = httpMetricsMiddleware(resolver, registry);
    expect(answer(mw, { method: 'GET', path: '/v1/cases/a1', route: { path: '/v1/cases/:caseId' } }, 200)).toBe(true);
    answer(mw, { method: 'GET', path: '/v1/cases/b2', route: { path: '/v1/cases/:caseId' } }, 200);
    answer(mw, { method: 'GET', path: '/v1/cases/c3', route: { path: '/v1/cases/:caseId' } }, 404);
    answer(mw, { method: 'POST', path: '/v1/reports' }, 415);
    answer(mw, { method: 'BREW', path: '/pot/1' }, 404);
    const text = await registry.metrics();
    expect(text).toContain('huiying_http_requests_total{method="GET",route="/v1/cases/:caseId",status="200"} 2');
    expect(text).toContain('huiying_http_requests_total{method="GET",route="/v1/cases/:caseId",status="404"} 1');
    expect(text).toContain('huiying_http_requests_total{method="POST",route="/v1/reports",status="415"} 1');
    expect(text).toContain('huiying_http_requests_total{method="OTHER",route="unmatched",status="404"} 1');
    expect(text).toContain('huiying_http_request_duration_seconds_count{method="GET",route="/v1/cases/:caseId",status="200"} 2');
    expect(text).toMatch(/huiying_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/v1\/cases\/:caseId",status="200"\} \d/);
    expect(text).not.toContain('/v1/cases/a1');
  });
});
