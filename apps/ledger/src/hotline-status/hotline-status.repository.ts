import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HOTLINE_SOURCE_PREFIX } from '@huiying/contracts';
import { syncHotlineReplies } from './hotline-replies.store';

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
  last_reply: { kind: string; sequence: number; stage: string; result: string; replied_at: string } | null;
}

/** The only place status by order number touches the database: ledger.case_reports joined with ledger.cases. */
@Injectable()
export class HotlineStatusRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Idempotent by report id: a redelivered event changes nothing. A 12345 order mapped to a case that was already
   * responded to or closed gets those replies now, in the same transaction (the count of new replies is returned).
   */
  async record(r: CaseReportRecord): Promise<{ recorded: boolean; replies: number }> {
    return this.ds.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO ledger.case_reports (report_id, case_id, source_ref, channel, jurisdiction, received_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (report_id) DO NOTHING RETURNING report_id`,
        [r.reportId, r.caseId, r.sourceRef, r.channel, r.jurisdiction, r.receivedAt],
      );
      const replies = r.sourceRef?.startsWith(HOTLINE_SOURCE_PREFIX) ? await syncHotlineReplies(em, r.caseId) : 0;
      return { recorded: inserted.length > 0, replies };
    });
  }

  async bySourceRefs(sourceRefs: string[]): Promise<OrderStatusRow[]> {
    return this.ds.query(
      `SELECT r.source_ref, r.report_id, r.case_id, r.received_at, r.jurisdiction AS report_jurisdiction,
              c.stage, c.department, c.co_departments, c.cc_departments, c.jurisdiction, c.overdue, c.pending_clock_due, c.closed_at,
              (SELECT count(*) FROM ledger.case_reports x WHERE x.case_id = r.case_id)::int AS reports_in_case,
              (SELECT json_build_object('kind', h.kind, 'sequence', h.sequence, 'stage', h.stage, 'result', h.result, 'replied_at', h.replied_at)
                 FROM ledger.hotline_replies h WHERE h.order_no = substr(r.source_ref, 7) ORDER BY h.sequence DESC LIMIT 1) AS last_reply
         FROM ledger.case_reports r LEFT JOIN ledger.cases c ON c.case_id = r.case_id
        WHERE r.source_ref = ANY($1::text[])
        ORDER BY r.received_at`,
      [sourceRefs],
    );
  }
}
