import { Module } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@huiying/platform';
import { CaseMetricsRepository } from './case-metrics.repository';
import { CaseMetricsService } from './case-metrics.service';

/** The ledger's business gauges on /metrics (open cases, clocks due within the hour, overdue cases). */
@Module({
  providers: [
    CaseMetricsRepository,
    { provide: CaseMetricsService, inject: [CaseMetricsRepository, METRICS_REGISTRY], useFactory: (repo: CaseMetricsRepository, registry: Registry) => new CaseMetricsService(repo, registry) },
  ],
})
export class CaseMetricsModule {}
