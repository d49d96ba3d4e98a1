import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { RoutingConfig } from '../routing.config';
import { DisclosureCaseService } from './disclosure-case.service';

/** Consumes intake.disclosure-applications.received.v1 (own consumer group); a one-line hand-off. */
@Injectable()
export class DisclosureReceivedConsumer extends HostedConsumer<typeof TOPICS.disclosureApplicationReceived> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: RoutingConfig, service: DisclosureCaseService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: `${config.ROUTING_CONSUMER_GROUP}-disclosure`, topic: TOPICS.disclosureApplicationReceived, handle: (env) => service.onApplicationReceived(env) }, producer, logger);
  }
}
