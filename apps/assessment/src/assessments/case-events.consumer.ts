import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { AssessmentConfig } from '../assessment.config';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { AutomaticGradingService } from './automatic-grading.service';

/** Consumes cases.events.v1 (its own consumer group): where each case stands; a claim starts automatic grading. */
@Injectable()
export class CaseEventsConsumer extends HostedConsumer<typeof TOPICS.caseEvents> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: AssessmentConfig, service: AutomaticGradingService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: `${config.ASSESSMENT_CONSUMER_GROUP}-cases`, topic: TOPICS.caseEvents, handle: (env) => service.onCaseEvent(env) }, producer, logger);
  }
}
