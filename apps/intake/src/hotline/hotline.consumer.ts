import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { IntakeConfig } from '../intake.config';
import { HotlineService } from './hotline.service';

/**
 * Work orders the 12345 platform produces to hotline.work-orders.v1 (envelope, key = orderNo). Invalid messages go to
 * dlq.hotline.work-orders.v1 with the reason; a burst simply waits in the topic (lag: GET /metrics, huiying_kafka_consumer_lag).
 */
@Injectable()
export class HotlineWorkOrderConsumer extends HostedConsumer<typeof TOPICS.hotlineWorkOrders> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: IntakeConfig, service: HotlineService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: config.HOTLINE_CONSUMER_GROUP, topic: TOPICS.hotlineWorkOrders, handle: async (env) => void (await service.ingest(env.data, 'kafka')) }, producer, logger);
  }
}
