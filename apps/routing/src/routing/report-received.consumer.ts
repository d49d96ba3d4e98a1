import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { RoutingConfig } from '../routing.config';
import { RoutingService } from './routing.service';

/** Consumes intake.reports.received.v1; a one-line hand-off to RoutingService. */
@Injectable()
export class ReportReceivedConsumer extends HostedConsumer<typeof TOPICS.reportReceived> {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    producer: TypedProducer,
    config: RoutingConfig,
    service: RoutingService,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(kafka, { groupId: config.ROUTING_CONSUMER_GROUP, topic: TOPICS.reportReceived, handle: (env) => service.onReportReceived(env) }, producer, logger);
  }
}
