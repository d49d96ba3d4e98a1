import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { LedgerConfig } from '../ledger.config';
import { CaseService } from './case.service';

/** Consumes cases.events.v1 into the read model; a one-line hand-off to CaseService. */
@Injectable()
export class CaseEventsConsumer extends HostedConsumer<typeof TOPICS.caseEvents> {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    producer: TypedProducer,
    config: LedgerConfig,
    service: CaseService,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(kafka, { groupId: config.LEDGER_CONSUMER_GROUP, topic: TOPICS.caseEvents, handle: (env) => service.onStageChanged(env) }, producer, logger);
  }
}
