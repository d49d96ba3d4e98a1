import { Injectable } from '@nestjs/common';
import type { AnnualReportDto, CaseStageChangedV1, EventEnvelope } from '@huiying/contracts';
import { aggregateAnnualReport, annualReportCsv } from './annual-report.aggregate';
import { foldOf } from './annual-report.fold';
import { AnnualReportRepository } from './annual-report.repository';

@Injectable()
export class AnnualReportService {
  constructor(private readonly repo: AnnualReportRepository) {}

  async onCaseEvent(env: EventEnvelope<CaseStageChangedV1>): Promise<void> {
    const fold = foldOf(env.id, env.data);
    if (fold) await this.repo.fold(fold);
  }

  async disclosureReport(year: number, department?: string): Promise<AnnualReportDto> {
    const report = aggregateAnnualReport(await this.repo.applicationsFor(year, department), year);
    return { ...report, department: department ?? null, generatedAt: new Date().toISOString() };
  }

  async disclosureReportCsv(year: number, department?: string): Promise<string> {
    return annualReportCsv(aggregateAnnualReport(await this.repo.applicationsFor(year, department), year));
  }
}
