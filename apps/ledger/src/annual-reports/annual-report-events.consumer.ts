import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { LedgerConfig } from '../ledger.config';
import { AnnualReportService } from './annual-report.service';

/**
 * Folds cases.events.v1 into the annual report's read model with its own consumer group, so it reads the topic from
 * the beginning independently of the case read model; a one-line hand-off to AnnualReportService.
 */
@Injectable()
export class AnnualReportEventsConsumer extends HostedConsumer<typeof TOPICS.caseEvents> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: LedgerConfig, service: AnnualReportService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: `${config.LEDGER_CONSUMER_GROUP}-annual-reports`, topic: TOPICS.caseEvents, handle: (env) => service.onCaseEvent(env) }, producer, logger);
  }
}
