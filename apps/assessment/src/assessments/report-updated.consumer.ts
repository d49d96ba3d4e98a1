import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { AssessmentConfig } from '../assessment.config';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { AutomaticGradingService } from './automatic-grading.service';

/** Consumes intake.reports.updated.v1 (its own consumer group): a report's newer revision refreshes the case's features. */
@Injectable()
export class ReportUpdatedConsumer extends HostedConsumer<typeof TOPICS.reportUpdated> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: AssessmentConfig, service: AutomaticGradingService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: `${config.ASSESSMENT_CONSUMER_GROUP}-report-updates`, topic: TOPICS.reportUpdated, handle: (env) => service.onReportUpdated(env) }, producer, logger);
  }
}
