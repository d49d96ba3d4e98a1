import { Module } from '@nestjs/common';
import { AnnualReportEventsConsumer } from './annual-report-events.consumer';
import { AnnualReportController } from './annual-report.controller';
import { AnnualReportRepository } from './annual-report.repository';
import { AnnualReportService } from './annual-report.service';

/** Annual reports (年度报告): the disclosure table 三 from a read model folded from cases.events.v1. */
@Module({
  controllers: [AnnualReportController],
  providers: [AnnualReportRepository, AnnualReportService, AnnualReportEventsConsumer],
  exports: [AnnualReportEventsConsumer],
})
export class AnnualReportModule {}
