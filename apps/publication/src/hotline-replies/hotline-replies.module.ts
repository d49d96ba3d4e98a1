import { Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { HotlineReplyConsumer } from './hotline-reply.consumer';
import { HotlineReplyDeliveriesController } from './hotline-reply-deliveries.controller';
import { HotlineReplyDeliveriesRepository } from './hotline-reply-deliveries.repository';
import { HotlineReplyDeliveriesService } from './hotline-reply-deliveries.service';
import { ReplyWebhookWorker } from './reply-webhook.worker';

/** The consumer of the reply feed, or null when no webhook is configured (then the feed is not consumed here at all). */
export const HOTLINE_REPLY_CONSUMER = Symbol('HOTLINE_REPLY_CONSUMER');

/** Replies to the 12345 platform by signed webhook (issue 15): recorded from hotline.work-order-replies.v1, sent with retries. */
@Module({
  controllers: [HotlineReplyDeliveriesController],
  providers: [
    HotlineReplyDeliveriesRepository,
    HotlineReplyDeliveriesService,
    ReplyWebhookWorker,
    {
      provide: HOTLINE_REPLY_CONSUMER,
      useFactory: (kafka: Kafka, producer: TypedProducer, config: PublicationConfig, service: HotlineReplyDeliveriesService, logger: Logger) =>
        config.HOTLINE_REPLY_WEBHOOK_URL ? new HotlineReplyConsumer(kafka, producer, config, service, logger) : null,
      inject: [KAFKA, TypedProducer, PublicationConfig, HotlineReplyDeliveriesService, LOGGER],
    },
  ],
  exports: [ReplyWebhookWorker, HOTLINE_REPLY_CONSUMER],
})
export class HotlineRepliesModule {}
