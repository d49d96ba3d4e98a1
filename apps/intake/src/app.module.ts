import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { HealthModule, type HealthCheck } from '@huiying/platform';
import { InfrastructureModule, KAFKA } from './infrastructure.module';
import { ReportModule } from './reports/report.module';
import { DisclosureModule } from './disclosure/disclosure.module';

@Module({
  imports: [
    InfrastructureModule,
    ReportModule,
    DisclosureModule,
    HealthModule.register({
      inject: [DataSource, KAFKA],
      useFactory: (ds: DataSource, kafka: Kafka): HealthCheck[] => [
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
