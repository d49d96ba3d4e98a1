import { Module } from '@nestjs/common';
import { AccessModule, WorkflowCaseReach } from '@huiying/access';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { HealthModule, MetricsModule, type HealthCheck } from '@huiying/platform';
import { HOTLINE_REPLY_CONSUMER, HotlineRepliesModule } from './hotline-replies/hotline-replies.module';
import type { HotlineReplyConsumer } from './hotline-replies/hotline-reply.consumer';
import { ReplyWebhookWorker } from './hotline-replies/reply-webhook.worker';
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
    HotlineRepliesModule,
    HealthModule.register({
      imports: [LetterModule, ResponsesModule, HotlineRepliesModule],
      inject: [DataSource, ReplyLetterConsumer, DeliveryWorker, HOTLINE_REPLY_CONSUMER, ReplyWebhookWorker],
      useFactory: (ds: DataSource, letters: ReplyLetterConsumer, delivery: DeliveryWorker, replies: HotlineReplyConsumer | null, webhook: ReplyWebhookWorker): HealthCheck[] => [
        { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
        letters.healthCheck(),
        // the 12345 webhook's reply consumer runs only when a webhook is configured
        ...(replies ? [replies.healthCheck()] : []),
        {
          name: 'hotline-reply-webhook',
          critical: false,
          check: async () => {
            if (!webhook.healthy()) throw new Error('12345 reply webhook worker (publication.hotline_reply_deliveries) is not running');
          },
        },
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
