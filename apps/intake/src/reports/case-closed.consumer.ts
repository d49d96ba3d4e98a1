import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { IntakeConfig } from '../intake.config';
import { ReportService } from './report.service';

/** Consumes cases.events.v1 (own group) so that closed cases stop taking near-duplicates; a one-line hand-off. */
@Injectable()
export class CaseClosedConsumer extends HostedConsumer<typeof TOPICS.caseEvents> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: IntakeConfig, service: ReportService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: config.INTAKE_CASES_CONSUMER_GROUP, topic: TOPICS.caseEvents, handle: (env) => service.onCaseEvent(env) }, producer, logger);
  }
}
