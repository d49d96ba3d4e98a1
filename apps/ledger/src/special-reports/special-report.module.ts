import { Module } from '@nestjs/common';
import { CaseModule } from '../cases/case.module';
import { SpecialReportController } from './special-report.controller';
import { SpecialReportRepository } from './special-report.repository';
import { SpecialReportService } from './special-report.service';
import { SpecialReportSweeper } from './special-report.sweeper';

@Module({
  imports: [CaseModule],
  controllers: [SpecialReportController],
  providers: [SpecialReportRepository, SpecialReportService, SpecialReportSweeper],
})
export class SpecialReportModule {}
