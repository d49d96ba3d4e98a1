import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { AssessmentConfig } from '../assessment.config';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { AutomaticGradingService } from './automatic-grading.service';

/** Consumes intake.reports.received.v1 (its own consumer group): the features of each case. A one-line hand-off. */
@Injectable()
export class ReportReceivedConsumer extends HostedConsumer<typeof TOPICS.reportReceived> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: AssessmentConfig, service: AutomaticGradingService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: `${config.ASSESSMENT_CONSUMER_GROUP}-reports`, topic: TOPICS.reportReceived, handle: (env) => service.onReportReceived(env) }, producer, logger);
  }
}
