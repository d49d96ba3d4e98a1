import { Module } from '@nestjs/common';
import { ReportRepository } from '../reports/report.repository';
import { ReportService } from '../reports/report.service';
import { DisclosureApplicationController } from './disclosure.controller';
import { DisclosureApplicationGrpcController } from './disclosure-grpc.controller';
import { DisclosureApplicationRepository } from './disclosure.repository';
import { DisclosureApplicationService } from './disclosure.service';

/** Disclosure applications (依申请公开). Conversion to an opinion case goes through the report path (ReportService). */
@Module({
  controllers: [DisclosureApplicationController, DisclosureApplicationGrpcController],
  providers: [DisclosureApplicationService, DisclosureApplicationRepository, ReportService, ReportRepository],
})
export class DisclosureModule {}
