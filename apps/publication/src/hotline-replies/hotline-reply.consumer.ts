import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { HotlineReplyDeliveriesService } from './hotline-reply-deliveries.service';

/**
 * Consumes hotline.work-order-replies.v1 for the 12345 webhook (group `<PUBLICATION_CONSUMER_GROUP>-hotline-replies`):
 * a one-line hand-off to the service, which records one delivery per reply. Provided only when a webhook is configured.
 */
@Injectable()
export class HotlineReplyConsumer extends HostedConsumer<typeof TOPICS.hotlineWorkOrderReplies> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: PublicationConfig, service: HotlineReplyDeliveriesService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: `${config.PUBLICATION_CONSUMER_GROUP}-hotline-replies`, topic: TOPICS.hotlineWorkOrderReplies, handle: (env) => service.onReply(env) }, producer, logger);
  }
}
