import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthModule, type HealthCheck } from '@huiying/platform';
import { InfrastructureModule } from './infrastructure.module';
import { CaseEventsConsumer } from './cases/case-events.consumer';
import { CaseEventHub } from './cases/case-event-hub';
import { CaseModule } from './cases/case.module';

@Module({
  imports: [
    InfrastructureModule,
    CaseModule,
    HealthModule.register({
      imports: [CaseModule],
      inject: [DataSource, CaseEventsConsumer, CaseEventHub],
      useFactory: (ds: DataSource, consumer: CaseEventsConsumer, hub: CaseEventHub): HealthCheck[] => [
        { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
        {
          name: 'kafka-consumer',
          check: async () => {
            if (!consumer.consumer.healthy()) throw new Error('case-events consumer is not running');
          },
        },
        {
          name: 'case-event-stream',
          check: async () => {
            if (!hub.healthy()) throw new Error('case event fan-out (gRPC WatchCaseEvents) is not running');
          },
        },
      ],
    }),
  ],
})
export class AppModule {}
