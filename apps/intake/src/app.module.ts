import { Module } from '@nestjs/common';
import { AccessModule } from '@huiying/access';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { HealthModule, type HealthCheck } from '@huiying/platform';
import { InfrastructureModule, KAFKA } from './infrastructure.module';
import { ReportModule } from './reports/report.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import { HotlineModule } from './hotline/hotline.module';
import { HotlineWorkOrderConsumer } from './hotline/hotline.consumer';
import { CaseClosedConsumer } from './reports/case-closed.consumer';

@Module({
  imports: [
    InfrastructureModule,
    AccessModule.forRoot({ service: 'intake' }),
    ReportModule,
    DisclosureModule,
    HotlineModule,
    HealthModule.register({
      imports: [HotlineModule, ReportModule],
      inject: [DataSource, KAFKA, HotlineWorkOrderConsumer, CaseClosedConsumer],
      useFactory: (ds: DataSource, kafka: Kafka, hotline: HotlineWorkOrderConsumer, cases: CaseClosedConsumer): HealthCheck[] => [
        {
          name: 'hotline-consumer',
          check: async () => {
            if (!hotline.consumer.healthy()) throw new Error('hotline.work-orders.v1 consumer is not running');
          },
        },
        {
          name: 'cases-consumer',
          check: async () => {
            if (!cases.healthy()) throw new Error('cases.events.v1 consumer (closed cases stop taking near-duplicates) is not running');
          },
        },
        { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
        {
          name: 'kafka',
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
