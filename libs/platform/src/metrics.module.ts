import { Controller, Get, Header, Inject, Module, type DynamicModule } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Registry } from 'prom-client';
import { PublicRoute } from './access-metadata';
import { labelProcessMetrics, metricsRegistry, PROMETHEUS_CONTENT_TYPE } from './metrics';

/** The process's prom-client registry, for providers that add their own families (e.g. the ledger's case gauges). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

@ApiTags('metrics')
@PublicRoute()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  /** Everything the process measures; families measured at scrape time (lag, outbox, case gauges) are queried now. */
  @Get()
  @Header('content-type', PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus text format (README → Metrics lists every family, its labels and meaning)' })
  @ApiOkResponse({ description: 'text/plain; version=0.0.4' })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * GET /metrics for a service: the process's registry (default process metrics, HTTP metrics recorded by
 * bootstrapHttpApp, Kafka consumer lag and dead letters, outbox backlog) labelled `service`. Import it once, in the
 * app module: `MetricsModule.forRoot({ service: 'intake' })`.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: { service: string }): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        {
          provide: METRICS_REGISTRY,
          useFactory: () => {
            const registry = metricsRegistry();
            labelProcessMetrics(options.service, registry);
            return registry;
          },
        },
      ],
      exports: [METRICS_REGISTRY],
    };
  }
}
