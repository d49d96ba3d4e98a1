import { Module } from '@nestjs/common';
import { AccessModule, WorkflowCaseReach } from '@huiying/access';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { HealthModule, MetricsModule, type HealthCheck } from '@huiying/platform';
import { InfrastructureModule } from './infrastructure.module';
import { LetterModule } from './letters/letter.module';
import { ReplyLetterConsumer } from './letters/reply-letter.consumer';
import { DeliveryWorker } from './responses/delivery.worker';
import { ResponsesModule } from './responses/responses.module';

@Module({
  imports: [
    InfrastructureModule,
    MetricsModule.forRoot({ service: 'publication' }),
    AccessModule.forRoot({ service: 'publication', reach: { inject: [Client], useFactory: (c: Client) => new WorkflowCaseReach(c) } }),
    LetterModule,
    ResponsesModule,
    HealthModule.register({
      imports: [LetterModule, ResponsesModule],
      inject: [DataSource, ReplyLetterConsumer, DeliveryWorker],
      useFactory: (ds: DataSource, letters: ReplyLetterConsumer, delivery: DeliveryWorker): HealthCheck[] => [
        { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
        letters.healthCheck(),
        {
          name: 'delivery-worker',
          critical: false,
          check: async () => {
            if (!delivery.healthy()) throw new Error('outbound delivery worker (publication.outbound_messages) is not running');
          },
        },
      ],
    }),
  ],
})
export class AppModule {}
