import { Module } from '@nestjs/common';
import { AccessModule, WorkflowCaseReach } from '@huiying/access';
import { DataSource } from 'typeorm';
import { Client, Connection } from '@temporalio/client';
import { HealthModule, MetricsModule, type HealthCheck } from '@huiying/platform';
import { checkTemporal } from '@huiying/temporal';
import { AssessmentConfig } from './assessment.config';
import { AssessmentModule } from './assessments/assessment.module';
import { CaseEventsConsumer } from './assessments/case-events.consumer';
import { ReportReceivedConsumer } from './assessments/report-received.consumer';
import { ReportUpdatedConsumer } from './assessments/report-updated.consumer';
import { InfrastructureModule } from './infrastructure.module';

@Module({
  imports: [
    InfrastructureModule,
    MetricsModule.forRoot({ service: 'assessment' }),
    AccessModule.forRoot({ service: 'assessment', reach: { inject: [Client], useFactory: (c: Client) => new WorkflowCaseReach(c) } }),
    AssessmentModule,
    HealthModule.register({
      imports: [AssessmentModule],
      inject: [DataSource, Connection, AssessmentConfig, ReportReceivedConsumer, CaseEventsConsumer, ReportUpdatedConsumer],
      useFactory: (ds: DataSource, conn: Connection, c: AssessmentConfig, reports: ReportReceivedConsumer, cases: CaseEventsConsumer, updates: ReportUpdatedConsumer): HealthCheck[] => [
        { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
        { name: 'temporal', check: () => checkTemporal(conn, c.TEMPORAL_NAMESPACE) },
        reports.healthCheck(),
        cases.healthCheck(),
        updates.healthCheck(),
      ],
    }),
  ],
})
export class AppModule {}
