import { Module } from '@nestjs/common';
import { CaseClosedConsumer } from './case-closed.consumer';
import { ReportController } from './report.controller';
import { ReportGrpcController } from './report-grpc.controller';
import { ReportRepository } from './report.repository';
import { ReportService } from './report.service';

@Module({
  controllers: [ReportController, ReportGrpcController],
  providers: [ReportService, ReportRepository, CaseClosedConsumer],
  exports: [CaseClosedConsumer],
})
export class ReportModule {}
