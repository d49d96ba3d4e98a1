import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AnnualReportApplication } from './annual-report.aggregate';

/** What one case event changes in the annual report's read model (null: leave as is). */
export interface DisclosureFold {
  caseId: string;
  eventId: string;
  applicationId: string | null;
  department: string | null;
  jurisdiction: string | null;
  receivedOn: string | null;
  applicantType: string | null;
  organisationType: string | null;
  resultCode: string | null;
  closedOn: string | null;
  closedStage: 'reply_issued' | 'abandoned' | null;
  /** A late correction accepted for a good reason reopened an application deemed withdrawn: its close is undone. */
  reopened: boolean;
}

/** The only access to ledger.disclosure_applications. */
@Injectable()
export class AnnualReportRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Folds one event: fields only ever get set (never cleared), and once the application is closed a later decision
   * event cannot change the result it was closed with — so redelivery and replays leave the row as it is. The one
   * exception is a reopen (a late correction accepted after 视为放弃): it clears the close and its result; events of a
   * case arrive in order on its partition, so a redelivery replays close and reopen in the same order.
   */
  async fold(f: DisclosureFold): Promise<void> {
    await this.ds.query(
      `INSERT INTO ledger.disclosure_applications AS t (case_id, application_id, department, jurisdiction, received_on, applicant_type,
         organisation_type, result_code, closed_on, closed_stage, last_event_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (case_id) DO UPDATE SET
         application_id = COALESCE(EXCLUDED.application_id, t.application_id),
         department = COALESCE(EXCLUDED.department, t.department),
         jurisdiction = COALESCE(EXCLUDED.jurisdiction, t.jurisdiction),
         received_on = COALESCE(EXCLUDED.received_on, t.received_on),
         applicant_type = COALESCE(EXCLUDED.applicant_type, t.applicant_type),
         organisation_type = COALESCE(EXCLUDED.organisation_type, t.organisation_type),
         result_code = CASE WHEN $12 THEN NULL
                            WHEN t.closed_on IS NOT NULL AND EXCLUDED.closed_on IS NULL THEN t.result_code
                            ELSE COALESCE(EXCLUDED.result_code, t.result_code) END,
         closed_on = CASE WHEN $12 THEN NULL ELSE COALESCE(t.closed_on, EXCLUDED.closed_on) END,
         closed_stage = CASE WHEN $12 THEN NULL ELSE COALESCE(t.closed_stage, EXCLUDED.closed_stage) END,
         last_event_id = EXCLUDED.last_event_id,
         updated_at = now()`,
      [f.caseId, f.applicationId, f.department, f.jurisdiction, f.receivedOn, f.applicantType, f.organisationType, f.resultCode, f.closedOn, f.closedStage, f.eventId, f.reopened],
    );
  }

  /** Every application that can count in the year's table: received by its end and not closed before its start. */
  async applicationsFor(year: number, department?: string): Promise<AnnualReportApplication[]> {
    const rows: { received_on: string | null; applicant_type: string | null; organisation_type: string | null; result_code: string | null; closed_on: string | null }[] =
      await this.ds.query(
        `SELECT received_on::text AS received_on, applicant_type, organisation_type, result_code, closed_on::text AS closed_on
         FROM ledger.disclosure_applications
         WHERE (received_on IS NULL OR received_on <= make_date($1, 12, 31))
           AND (closed_on IS NULL OR closed_on >= make_date($1, 1, 1))
           AND ($2::text IS NULL OR department = $2)`,
        [year, department ?? null],
      );
    return rows.map((r) => ({ receivedOn: r.received_on, applicantType: r.applicant_type, organisationType: r.organisation_type, resultCode: r.result_code, closedOn: r.closed_on }));
  }
}
