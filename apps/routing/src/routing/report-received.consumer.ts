import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { TypedProducer, ValidatingConsumer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { RoutingConfig } from '../routing.config';
import { RoutingService } from './routing.service';

/** Consumes intake.reports.received.v1; a one-line hand-off to RoutingService. */
@Injectable()
export class ReportReceivedConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly consumer: ValidatingConsumer<typeof TOPICS.reportReceived>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    producer: TypedProducer,
    config: RoutingConfig,
    service: RoutingService,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.consumer = new ValidatingConsumer(
      kafka,
      { groupId: config.ROUTING_CONSUMER_GROUP, topic: TOPICS.reportReceived, handle: (env) => service.onReportReceived(env) },
      producer,
      logger,
    );
  }

  onApplicationBootstrap() {
    return this.consumer.start();
  }

  onApplicationShutdown() {
    return this.consumer.stop();
  }
}
