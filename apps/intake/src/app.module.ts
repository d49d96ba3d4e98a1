import { Module } from '@nestjs/common';
import { AccessModule } from '@huiying/access';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { HealthModule, MetricsModule, type HealthCheck } from '@huiying/platform';
import { OutboxRelay } from '@huiying/messaging';
import { InfrastructureModule, KAFKA } from './infrastructure.module';
import { ReportModule } from './reports/report.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import { HotlineModule } from './hotline/hotline.module';
import { HotlineWorkOrderConsumer } from './hotline/hotline.consumer';
import { CaseClosedConsumer } from './reports/case-closed.consumer';

@Module({
  imports: [
    InfrastructureModule,
    MetricsModule.forRoot({ service: 'intake' }),
    AccessModule.forRoot({ service: 'intake' }),
    ReportModule,
    DisclosureModule,
    HotlineModule,
    HealthModule.register({
      imports: [HotlineModule, ReportModule],
      inject: [DataSource, KAFKA, HotlineWorkOrderConsumer, CaseClosedConsumer, OutboxRelay],
      useFactory: (ds: DataSource, kafka: Kafka, hotline: HotlineWorkOrderConsumer, cases: CaseClosedConsumer, relay: OutboxRelay): HealthCheck[] => [
        // reports and applications are acknowledged once stored: Postgres is critical; Kafka and the consumers are not
        // (the outbox keeps events while Kafka is away, the hotline feed and closed-case news wait in their topics)
        { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
        hotline.healthCheck(),
        cases.healthCheck(),
        relay.healthCheck(),
        {
          name: 'kafka',
          critical: false,
          check: async () => {
            const admin = kafka.admin();
            await admin.connect();
            try {
              await admin.describeCluster();
            } finally {
              await admin.disconnect();
            }
          },
        },
      ],
    }),
  ],
})
export class AppModule {}
