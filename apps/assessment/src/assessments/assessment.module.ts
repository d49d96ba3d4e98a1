import { Module } from '@nestjs/common';
import { AssessmentController } from './assessment.controller';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentService } from './assessment.service';
import { AutomaticGradingService } from './automatic-grading.service';
import { CaseEventsConsumer } from './case-events.consumer';
import { CaseFeaturesRepository } from './case-features.repository';
import { ReportReceivedConsumer } from './report-received.consumer';
import { ReportUpdatedConsumer } from './report-updated.consumer';

/** 研判: automatic grading from the case's features, analyst assessments, consultation, approval, verification. */
@Module({
  controllers: [AssessmentController],
  providers: [AssessmentRepository, CaseFeaturesRepository, AssessmentService, AutomaticGradingService, ReportReceivedConsumer, ReportUpdatedConsumer, CaseEventsConsumer],
  exports: [ReportReceivedConsumer, ReportUpdatedConsumer, CaseEventsConsumer],
})
export class AssessmentModule {}
