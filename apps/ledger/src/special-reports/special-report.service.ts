import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Caller } from '@huiying/access';
import type { SpecialReportListDto, SpecialReportVersionDto } from '@huiying/contracts';
import { chineseFontPath } from '@huiying/platform';
import { CaseRepository, type CaseRow, type HistoryRow } from '../cases/case.repository';
import { LOGGER } from '../infrastructure.module';
import { LedgerConfig } from '../ledger.config';
import { AUTOMATIC_GENERATED_BY, retryDelaySeconds } from './special-report.automatic';
import { buildSpecialReport, type ReportCase, type SpecialReportContent } from './special-report.content';
import { SpecialReportException, SpecialReportExceptionCode } from './special-report.exception';
import { renderSpecialReportHtml, renderSpecialReportPdf } from './special-report.render';
import { SpecialReportRepository, type StoredReport } from './special-report.repository';

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

export function reportCaseOf(r: CaseRow): ReportCase {
  return {
    caseId: r.case_id, kind: r.kind, stage: r.stage, department: r.department, ccDepartments: r.cc_departments ?? [], coDepartments: r.co_departments ?? [],
    grade: r.grade, jurisdiction: r.jurisdiction, channel: r.channel, category: r.category, territory: r.territory, discoveredAt: r.discovered_at,
    createdAt: r.created_at, reportCount: r.report_count, overdue: r.overdue, overdueClocks: r.overdue_clocks ?? [], escalationLevel: r.escalation_level,
    closedAt: r.closed_at,
  };
}

/** Special reports (舆情专报) of opinion cases: built from the ledger's case record and history, each version stored. */
@Injectable()
export class SpecialReportService {
  private readonly fontPath: string;

  constructor(
    private readonly reports: SpecialReportRepository,
    private readonly cases: CaseRepository,
    config: LedgerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.fontPath = config.SPECIAL_REPORT_FONT_PATH ?? chineseFontPath();
  }

  async generate(caseId: string, caller: Caller): Promise<SpecialReportVersionDto> {
    const found = await this.cases.findCase(caseId);
    if (!found) throw new SpecialReportException(SpecialReportExceptionCode.CaseNotFound, `no case ${caseId} in the ledger (yet)`);
    if (found.case.kind !== 'opinion') {
      throw new SpecialReportException(SpecialReportExceptionCode.NotAnOpinionCase, `case ${caseId} is a ${found.case.kind} case: special reports are written on opinion cases`);
    }
    const generatedAt = new Date();
    const stored = await this.reports.storeNextVersion(caseId, { generatedAt, generatedBy: caller.systemId }, (version) => this.render(reportCaseOf(found.case), found.history, version, generatedAt));
    this.logger.info({ caseId, version: stored.version, lastSequence: stored.lastSequence, pdfBytes: stored.pdfBytes }, 'special report generated');
    return view(stored);
  }

  /**
   * One round of the automatic sweep: the next case owed an automatic version (special-report.automatic.ts) gets it,
   * built from the case as the read model holds it now. Null when none is due.
   */
  async generateNextAutomatic(): Promise<StoredReport | null> {
    const generatedAt = new Date();
    const stored = await this.reports.storeNextAutomatic(
      { generatedAt, generatedBy: AUTOMATIC_GENERATED_BY },
      async (claim, version, em) => {
        const found = await this.cases.findCase(claim.caseId, em);
        if (!found) throw new SpecialReportException(SpecialReportExceptionCode.CaseNotFound, `no case ${claim.caseId} in the ledger`);
        if (found.case.kind !== 'opinion') throw new SpecialReportException(SpecialReportExceptionCode.NotAnOpinionCase, `case ${claim.caseId} is a ${found.case.kind} case`);
        return this.render(reportCaseOf(found.case), found.history, version, generatedAt);
      },
      retryDelaySeconds,
    );
    if (stored) this.logger.info({ caseId: stored.caseId, version: stored.version, triggers: stored.triggers, lastSequence: stored.lastSequence, pdfBytes: stored.pdfBytes }, 'automatic special report generated');
    return stored;
  }

  private async render(c: ReportCase, history: HistoryRow[], version: number, generatedAt: Date) {
    const content = buildSpecialReport(c, history, version, generatedAt);
    const html = renderSpecialReportHtml(content);
    const pdf = await renderSpecialReportPdf(content, this.fontPath);
    return { content, html, pdf, sha256Html: sha256(html), sha256Pdf: sha256(pdf) };
  }

  async list(caseId: string): Promise<SpecialReportListDto> {
    const versions = await this.reports.list(caseId);
    if (!versions.length && !(await this.cases.findCase(caseId))) throw new SpecialReportException(SpecialReportExceptionCode.CaseNotFound, `no case ${caseId} in the ledger (yet)`);
    return { caseId, versions: versions.map(view) };
  }

  async content(caseId: string, version: number): Promise<SpecialReportContent> {
    return found(await this.reports.content(caseId, version), caseId, version);
  }

  async html(caseId: string, version: number): Promise<string> {
    return found(await this.reports.html(caseId, version), caseId, version);
  }

  async pdf(caseId: string, version: number): Promise<Buffer> {
    return found(await this.reports.pdf(caseId, version), caseId, version);
  }
}

function found<T>(value: T | null, caseId: string, version: number): T {
  if (value === null) throw new SpecialReportException(SpecialReportExceptionCode.ReportNotFound, `case ${caseId} has no special report version ${version}`);
  return value;
}

function view(r: StoredReport): SpecialReportVersionDto {
  const base = `/v1/cases/${r.caseId}/special-reports/${r.version}`;
  return {
    caseId: r.caseId, version: r.version, generatedAt: r.generatedAt.toISOString(), generatedBy: r.generatedBy, lastSequence: r.lastSequence,
    sha256Html: r.sha256Html, sha256Pdf: r.sha256Pdf, pdfBytes: r.pdfBytes, htmlUrl: `${base}.html`, pdfUrl: `${base}.pdf`, triggers: r.triggers,
  };
}
