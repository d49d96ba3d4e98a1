import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A report as the ledger keeps it for status by order number: no text, no reporter. */
export interface CaseReportRecord {
  reportId: string;
  caseId: string;
  sourceRef: string | null;
  channel: string;
  jurisdiction: string | null;
  receivedAt: string;
}

/** One order's report with its case as the read model holds it (case columns null until the case is folded). */
export interface OrderStatusRow {
  source_ref: string;
  report_id: string;
  case_id: string;
  received_at: Date;
  report_jurisdiction: string | null;
  stage: string | null;
  department: string | null;
  co_departments: string[] | null;
  cc_departments: string[] | null;
  jurisdiction: string | null;
  overdue: boolean | null;
  pending_clock_due: Date[] | null;
  closed_at: Date | null;
  reports_in_case: number;
}

/** The only place status by order number touches the database: ledger.case_reports joined with ledger.cases. */
@Injectable()
export class HotlineStatusRepository {
  constructor(private readonly ds: DataSource) {}

  /** Idempotent by report id: a redelivered event changes nothing. */
  async record(r: CaseReportRecord): Promise<boolean> {
    const inserted: unknown[] = await this.ds.query(
      `INSERT INTO ledger.case_reports (report_id, case_id, source_ref, channel, jurisdiction, received_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (report_id) DO NOTHING RETURNING report_id`,
      [r.reportId, r.caseId, r.sourceRef, r.channel, r.jurisdiction, r.receivedAt],
    );
    return inserted.length > 0;
  }

  async bySourceRefs(sourceRefs: string[]): Promise<OrderStatusRow[]> {
    return this.ds.query(
      `SELECT r.source_ref, r.report_id, r.case_id, r.received_at, r.jurisdiction AS report_jurisdiction,
              c.stage, c.department, c.co_departments, c.cc_departments, c.jurisdiction, c.overdue, c.pending_clock_due, c.closed_at,
              (SELECT count(*) FROM ledger.case_reports x WHERE x.case_id = r.case_id)::int AS reports_in_case
         FROM ledger.case_reports r LEFT JOIN ledger.cases c ON c.case_id = r.case_id
        WHERE r.source_ref = ANY($1::text[])
        ORDER BY r.received_at`,
      [sourceRefs],
    );
  }
}
