import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { LedgerConfig } from '../ledger.config';
import { HotlineStatusService } from './hotline-status.service';

/**
 * Maps every report of intake.reports.received.v1 to its case (ledger.case_reports) with its own consumer group, from
 * the beginning of the topic's retention; a one-line hand-off to HotlineStatusService.
 */
@Injectable()
export class CaseReportsConsumer extends HostedConsumer<typeof TOPICS.reportReceived> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: LedgerConfig, service: HotlineStatusService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: `${config.LEDGER_CONSUMER_GROUP}-case-reports`, topic: TOPICS.reportReceived, handle: (env) => service.onReportReceived(env) }, producer, logger);
  }
}
