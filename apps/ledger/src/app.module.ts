import { Module } from '@nestjs/common';
import { AccessModule, WorkflowCaseReach } from '@huiying/access';
import { LedgerCaseReach } from './cases/case-reach';
import { CaseReachRepository } from './cases/case-reach.repository';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { HealthModule, MetricsModule, type HealthCheck } from '@huiying/platform';
import { InfrastructureModule } from './infrastructure.module';
import { CaseEventsConsumer } from './cases/case-events.consumer';
import { CaseEventHub } from './cases/case-event-hub';
import { CaseModule } from './cases/case.module';
import { KeyCaseModule } from './key-cases/key-case.module';
import { SpecialReportModule } from './special-reports/special-report.module';
import { DailyLogModule } from './daily-log/daily-log.module';
import { MonthlyStatisticsModule } from './statistics/monthly-statistics.module';
import { BulletinModule } from './bulletins/bulletin.module';
import { AnnualReportModule } from './annual-reports/annual-report.module';
import { AccessAdminModule } from './access-admin/access-admin.module';
import { CaseMetricsModule } from './case-metrics/case-metrics.module';
import { AnnualReportEventsConsumer } from './annual-reports/annual-report-events.consumer';
import { HotlineStatusModule } from './hotline-status/hotline-status.module';
import { CaseReportsConsumer } from './hotline-status/hotline-status.consumer';

@Module({
  imports: [
    InfrastructureModule,
    MetricsModule.forRoot({ service: 'ledger' }),
    AccessModule.forRoot({ service: 'ledger', reach: { inject: [DataSource, Client], useFactory: (ds: DataSource, c: Client) => new LedgerCaseReach(new CaseReachRepository(ds), new WorkflowCaseReach(c)) } }),
    CaseModule,
    KeyCaseModule,
    SpecialReportModule,
    DailyLogModule,
    MonthlyStatisticsModule,
    BulletinModule,
    AnnualReportModule,
    AccessAdminModule,
    CaseMetricsModule,
    HotlineStatusModule,
    HealthModule.register({
      imports: [CaseModule, AnnualReportModule, HotlineStatusModule],
      inject: [DataSource, CaseEventsConsumer, CaseEventHub, AnnualReportEventsConsumer, CaseReportsConsumer],
      useFactory: (ds: DataSource, consumer: CaseEventsConsumer, hub: CaseEventHub, annual: AnnualReportEventsConsumer, reports: CaseReportsConsumer): HealthCheck[] => [
        { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
        consumer.healthCheck(),
        {
          name: 'case-event-stream',
          critical: false,
          check: async () => {
            if (!hub.healthy()) throw new Error('case event fan-out (gRPC WatchCaseEvents) is not running');
          },
        },
        { ...annual.healthCheck(), name: 'consumer:cases.events.v1 (annual report)' },
        reports.healthCheck(),
      ],
    }),
  ],
})
export class AppModule {}
