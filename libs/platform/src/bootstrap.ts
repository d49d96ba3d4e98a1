import { randomUUID } from 'node:crypto';
import { DependencyFailureFilter } from './dependency-failure.filter';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { createLogger, JsonNestLogger } from './logger';
import { createValidationPipe } from './validation';
import { createGrpcHealth, grpcServerOptions, type GrpcServerSettings } from './grpc';
import { HEALTH_CHECKS, runHealthChecks, type HealthCheck } from './health';
import { GRPC_ENHANCERS, type GrpcEnhancers } from './access-metadata';
import { buildOpenApiDocument } from './openapi';
import { httpMetricsMiddleware } from './http-metrics';
import { httpTracingMiddleware, reenterRequestTrace } from './http-tracing';
import {
  auditRefusalsBeforeController,
  expressRouteResolver,
  JSON_BODY_TYPES,
  REFUSAL_AUDIT,
  refuseInvalidUtf8,
  refuseUnsafeInput,
  requireJsonBody,
  type RefusalAuditSink,
} from './request-refusals';

export interface HttpAppOptions {
  service: string;
  title: string;
  description: string;
  port: number;
  host?: string;
  logLevel?: string;
  /** Largest JSON body accepted (express/body-parser syntax); larger bodies get 413. Default 100kb. */
  jsonBodyLimit?: string;
  /** Also serve gRPC (hybrid app) with the health-checking service and server reflection. */
  grpc?: GrpcServerSettings;
}

const GRPC_HEALTH_INTERVAL_MS = 5000;

/** How long the HTTP server waits for calls in flight after SIGTERM before it cuts the connections left. */
export const HTTP_DRAIN_MS = 5000;

/**
 * Starts a service's HTTP side the same way everywhere: JSON logs with masking, request ids,
 * the body stage, the global validation pipe, OpenAPI at /docs (JSON at /docs-json; openapi.ts), graceful shutdown.
 */
export async function bootstrapHttpApp(
  module: unknown,
  opts: HttpAppOptions,
): Promise<{ app: INestApplication; logger: Logger }> {
  const logger = createLogger(opts.service, opts.logLevel);
  // bodyParser false: JSON is the only body we take (no form parser), parsed by the body stage below
  const app = await NestFactory.create<NestExpressApplication>(module as never, { logger: new JsonNestLogger(logger), bufferLogs: true, bodyParser: false });
  // the request id and the log line first, so that a request refused by the body stage has both
  // Draining on SIGTERM: the HTTP server closes only when every connection has ended, and a client that keeps its
  // keep-alive connection busy (a load generator, another service) would hold it open past the stack script's SIGKILL.
  // From the signal on, every answer says `Connection: close`, idle connections are closed at once and again each
  // second, and whatever is still open after HTTP_DRAIN_MS is cut.
  let draining = false;
  const drain = () => {
    if (draining) return;
    draining = true;
    const server = app.getHttpServer() as import('node:http').Server;
    const idle = setInterval(() => server.closeIdleConnections(), 1000).unref();
    server.closeIdleConnections();
    setTimeout(() => {
      clearInterval(idle);
      server.closeAllConnections();
    }, HTTP_DRAIN_MS).unref();
  };
  process.once('SIGTERM', drain);
  process.once('SIGINT', drain);
  // the request's SERVER span (http-tracing.ts; a no-op when tracing is off), first so that everything below is in it
  app.use(httpTracingMiddleware(expressRouteResolver(app.getHttpAdapter().getInstance())));
  // request rate, latency and status by route template (http-metrics.ts), first so that every answer is counted
  app.use(httpMetricsMiddleware(expressRouteResolver(app.getHttpAdapter().getInstance())));
  app.use((_req: Request, res: Response, next: NextFunction) => {
    if (draining) res.setHeader('Connection', 'close');
    next();
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (req.path === '/health' || req.path === '/health/live') return;
      logger.info(
        { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'http request',
      );
    });
    next();
  });
  // the body stage (request-refusals.ts): JSON only, within the limit, UTF-8, storable text (input-safety.ts); its
  // refusals answered with our error body and audited (REFUSAL_AUDIT, from libs/access) before any guard or controller
  app.use(requireJsonBody);
  app.useBodyParser('json', { limit: opts.jsonBodyLimit ?? '100kb', type: JSON_BODY_TYPES, verify: refuseInvalidUtf8 });
  app.use(refuseUnsafeInput);
  const refusalAudit = optional<RefusalAuditSink>(app, REFUSAL_AUDIT);
  if (!refusalAudit) logger.warn('no REFUSAL_AUDIT provider (AccessModule): refusals before the controller are answered but not audited');
  app.use(auditRefusalsBeforeController({ sink: refusalAudit, resolveRoute: expressRouteResolver(app.getHttpAdapter().getInstance()), logger }));
  // the body was read from the connection's events: back into the request's span for the guards and controllers
  app.use(reenterRequestTrace);
  app.useGlobalPipes(createValidationPipe());
  // an error no handler mapped that is a dependency being down: 503 DEPENDENCY_UNAVAILABLE with Retry-After, not 500
  app.useGlobalFilters(new DependencyFailureFilter(app.getHttpAdapter(), logger));
  app.enableShutdownHooks();
  const doc = buildOpenApiDocument(app, opts);
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs-json' });
  const grpcHealth = opts.grpc ? await startGrpc(app, opts.grpc, logger) : undefined;
  await app.listen(opts.port, opts.host ?? '0.0.0.0');
  await grpcHealth?.();
  logger.info({ port: opts.port, grpcPort: opts.grpc?.port }, `${opts.service} listening; OpenAPI at /docs`);
  return { app, logger };
}

/**
 * The gRPC side of a hybrid app: Nest's gRPC transport on its own port, every error mapped to a gRPC status by
 * GrpcExceptionFilter, and grpc.health.v1 reporting SERVING while GET /health would answer 200 (no critical check down).
 */
async function startGrpc(app: INestApplication, settings: GrpcServerSettings, logger: Logger): Promise<() => Promise<void>> {
  const { health, set } = createGrpcHealth(settings.services);
  // Not inheriting the HTTP app's pipes and filters: gRPC controllers (GrpcController) validate and map errors themselves.
  // Deferred: the handlers are bound at listen, after the global enhancers below are in place.
  const grpc = app.connectMicroservice(grpcServerOptions(settings, health), { inheritAppConfig: false, deferInitialization: true });
  // …except access control (guard + audit), which must hold on gRPC exactly as on REST
  const enhancers = optional<GrpcEnhancers>(app, GRPC_ENHANCERS);
  if (enhancers) {
    grpc.useGlobalGuards(...enhancers.guards);
    grpc.useGlobalInterceptors(...enhancers.interceptors);
  }
  // the HTTP app runs the modules' lifecycle hooks (once) for both sides
  (grpc as unknown as { setIsInitHookCalled(v: boolean): void }).setIsInitHookCalled(true);
  await app.startAllMicroservices();
  const checks = app.get<HealthCheck[]>(HEALTH_CHECKS, { strict: false });
  let last: string | undefined;
  const refresh = async () => {
    const { ok, results } = await runHealthChecks(checks);
    const status = ok ? 'SERVING' : 'NOT_SERVING'; // degraded (a non-critical part down) still serves
    set(status);
    if (status !== last) logger.info({ grpcHealth: status, checks: results }, 'gRPC health');
    last = status;
  };
  await refresh();
  const timer = setInterval(() => void refresh().catch(() => set('NOT_SERVING')), GRPC_HEALTH_INTERVAL_MS);
  timer.unref();
  logger.info({ grpcPort: settings.port, services: settings.services }, 'gRPC listening (health + reflection)');
  return refresh;
}

function optional<T>(app: INestApplication, token: symbol): T | undefined {
  try {
    return app.get<T>(token, { strict: false });
  } catch {
    return undefined;
  }
}
