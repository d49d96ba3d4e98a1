import { Module } from '@nestjs/common';
import { ReportRepository } from '../reports/report.repository';
import { ReportService } from '../reports/report.service';
import { IntakeConfig } from '../intake.config';
import { ApplicantKeyer } from './applicant-key';
import { ApplicantKeyBackfill } from './applicant-key.backfill';
import { DisclosureApplicationController } from './disclosure.controller';
import { DisclosureApplicationGrpcController } from './disclosure-grpc.controller';
import { DisclosureApplicationRepository } from './disclosure.repository';
import { DisclosureApplicationService } from './disclosure.service';

/** Disclosure applications (依申请公开). Conversion to an opinion case goes through the report path (ReportService). */
@Module({
  controllers: [DisclosureApplicationController, DisclosureApplicationGrpcController],
  providers: [
    DisclosureApplicationService,
    DisclosureApplicationRepository,
    ReportService,
    ReportRepository,
    // the applicant key (monthly count, 国办函〔2020〕109号 第四条) is keyed by a key derived from the data key
    { provide: ApplicantKeyer, useFactory: (c: IntakeConfig) => new ApplicantKeyer(c.HUIYING_DATA_KEY), inject: [IntakeConfig] },
    ApplicantKeyBackfill,
  ],
})
export class DisclosureModule {}
