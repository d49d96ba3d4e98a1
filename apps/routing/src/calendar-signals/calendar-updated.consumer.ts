import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { RoutingConfig } from '../routing.config';
import { CalendarSignalService } from './calendar-signal.service';

/** Consumes calendar.updated.v1 (own consumer group); a one-line hand-off. */
@Injectable()
export class CalendarUpdatedConsumer extends HostedConsumer<typeof TOPICS.calendarUpdated> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: RoutingConfig, service: CalendarSignalService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: `${config.ROUTING_CONSUMER_GROUP}-calendar`, topic: TOPICS.calendarUpdated, handle: (env) => service.onCalendarUpdated(env) }, producer, logger);
  }
}
