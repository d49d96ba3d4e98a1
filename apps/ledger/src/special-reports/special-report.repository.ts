import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AutomaticTrigger } from './special-report.automatic';
import type { SpecialReportContent } from './special-report.content';

export interface StoredReport {
  caseId: string;
  version: number;
  generatedAt: Date;
  generatedBy: string;
  lastSequence: number;
  sha256Html: string;
  sha256Pdf: string;
  pdfBytes: number;
  /** The automatic triggers this version served (empty: asked for). */
  triggers: AutomaticTrigger[];
}

/** The pending triggers of one case, claimed by a sweep. */
export interface AutomaticClaim {
  caseId: string;
  triggers: AutomaticTrigger[];
  /** Failed generations so far (the most of the claimed triggers). */
  attempts: number;
}

export interface RenderedReport {
  content: SpecialReportContent;
  html: string;
  pdf: Buffer;
  sha256Html: string;
  sha256Pdf: string;
}

const COLUMNS = `case_id, version, generated_at, generated_by, last_sequence, sha256_html, sha256_pdf, octet_length(pdf) AS pdf_bytes`;
type Row = { case_id: string; version: number; generated_at: Date; generated_by: string; last_sequence: number; sha256_html: string; sha256_pdf: string; pdf_bytes: number; triggers?: AutomaticTrigger[] };
const toStored = (r: Row): StoredReport => ({
  caseId: r.case_id, version: r.version, generatedAt: new Date(r.generated_at), generatedBy: r.generated_by, lastSequence: r.last_sequence,
  sha256Html: r.sha256_html.trim(), sha256Pdf: r.sha256_pdf.trim(), pdfBytes: Number(r.pdf_bytes), triggers: r.triggers ?? [],
});

/**
 * Records the automatic special reports a case is owed (ledger.special_report_triggers), in the read-model fold's
 * transaction: each trigger once per case, whatever was recorded or generated before.
 */
export async function recordAutomaticTriggers(em: EntityManager, caseId: string, triggers: readonly AutomaticTrigger[]): Promise<void> {
  if (!triggers.length) return;
  await em.query(`INSERT INTO ledger.special_report_triggers (case_id, trigger) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [caseId, triggers]);
}

/**
 * The pending triggers of the case whose oldest due trigger comes first, locked for this transaction. A row another
 * sweep holds is skipped (SKIP LOCKED): two replicas never serve the same trigger; the case's other pending triggers
 * (also those waiting for a retry) are served by the same version.
 */
const CLAIM = `WITH next AS (
    SELECT case_id FROM ledger.special_report_triggers
    WHERE version IS NULL AND next_attempt_at <= now()
    ORDER BY next_attempt_at, recorded_at, case_id LIMIT 1 FOR UPDATE SKIP LOCKED)
  SELECT t.case_id, t.trigger, t.attempts FROM ledger.special_report_triggers t JOIN next USING (case_id)
  WHERE t.version IS NULL ORDER BY t.recorded_at, t.trigger DESC FOR UPDATE OF t SKIP LOCKED`; // major before closed

/** ledger.special_reports: every version of every case's special report (append-only); ledger.special_report_triggers. */
@Injectable()
export class SpecialReportRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Stores the next version of the case's report: `render` gets the version number and builds the document. Versions of
   * one case are numbered one after the other (the case is locked for the transaction), so two requests at once get 1 and 2.
   */
  async storeNextVersion(caseId: string, meta: { generatedAt: Date; generatedBy: string }, render: (version: number) => Promise<RenderedReport>): Promise<StoredReport> {
    return this.ds.transaction((em) => this.insertNextVersion(em, caseId, meta, render));
  }

  private async insertNextVersion(em: EntityManager, caseId: string, meta: { generatedAt: Date; generatedBy: string }, render: (version: number) => Promise<RenderedReport>): Promise<StoredReport> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('ledger.special_reports:' || $1))`, [caseId]);
    const [{ next }] = (await em.query(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM ledger.special_reports WHERE case_id = $1`, [caseId])) as [{ next: number }];
    const r = await render(Number(next));
    const rows: Row[] = await em.query(
      `INSERT INTO ledger.special_reports (case_id, version, generated_at, generated_by, last_sequence, content, html, pdf, sha256_html, sha256_pdf)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [caseId, Number(next), meta.generatedAt, meta.generatedBy, r.content.lastSequence, JSON.stringify(r.content), r.html, r.pdf, r.sha256Html, r.sha256Pdf],
    );
    return toStored(rows[0] as Row);
  }

  /**
   * Serves the pending automatic triggers of one case: claims them (CLAIM), lets `build` render the next version from
   * the case as it is now (`em`: this transaction), stores it and marks the triggers with it — all in one
   * transaction, so a crash leaves them pending and a commit serves them once. Null when none is due. A failure
   * rolls everything back and postpones the claimed triggers (retryDelaySeconds), then is rethrown.
   */
  async storeNextAutomatic(
    meta: { generatedAt: Date; generatedBy: string },
    build: (claim: AutomaticClaim, version: number, em: EntityManager) => Promise<RenderedReport>,
    retryAfterSeconds: (attempts: number) => number,
  ): Promise<StoredReport | null> {
    let claim: AutomaticClaim | undefined;
    try {
      return await this.ds.transaction(async (em) => {
        const rows: { case_id: string; trigger: AutomaticTrigger; attempts: number }[] = await em.query(CLAIM);
        const first = rows[0];
        if (!first) return null;
        claim = { caseId: first.case_id, triggers: rows.map((r) => r.trigger), attempts: Math.max(...rows.map((r) => r.attempts)) };
        const c = claim;
        const stored = await this.insertNextVersion(em, c.caseId, meta, (version) => build(c, version, em));
        await em.query(
          `UPDATE ledger.special_report_triggers SET version = $3, generated_at = $4, last_error = NULL WHERE case_id = $1 AND trigger = ANY($2::text[])`,
          [c.caseId, c.triggers, stored.version, meta.generatedAt],
        );
        return { ...stored, triggers: c.triggers };
      });
    } catch (e) {
      const c = claim as AutomaticClaim | undefined;
      if (c) {
        await this.ds
          .query(
            `UPDATE ledger.special_report_triggers SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $3), last_error = $4
             WHERE case_id = $1 AND trigger = ANY($2::text[]) AND version IS NULL`,
            [c.caseId, c.triggers, retryAfterSeconds(c.attempts + 1), String((e as Error)?.message ?? e).slice(0, 1000)],
          )
          .catch(() => undefined); // the database itself failed: the triggers stay due, the sweep backs off
      }
      throw e;
    }
  }

  async list(caseId: string): Promise<StoredReport[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS},
         ARRAY(SELECT t.trigger FROM ledger.special_report_triggers t WHERE t.case_id = r.case_id AND t.version = r.version ORDER BY t.recorded_at, t.trigger DESC) AS triggers
       FROM ledger.special_reports r WHERE case_id = $1 ORDER BY version`,
      [caseId],
    );
    return rows.map(toStored);
  }

  async content(caseId: string, version: number): Promise<SpecialReportContent | null> {
    const rows: { content: SpecialReportContent }[] = await this.ds.query(`SELECT content FROM ledger.special_reports WHERE case_id = $1 AND version = $2`, [caseId, version]);
    return rows[0]?.content ?? null;
  }

  async html(caseId: string, version: number): Promise<string | null> {
    const rows: { html: string }[] = await this.ds.query(`SELECT html FROM ledger.special_reports WHERE case_id = $1 AND version = $2`, [caseId, version]);
    return rows[0]?.html ?? null;
  }

  async pdf(caseId: string, version: number): Promise<Buffer | null> {
    const rows: { pdf: Buffer }[] = await this.ds.query(`SELECT pdf FROM ledger.special_reports WHERE case_id = $1 AND version = $2`, [caseId, version]);
    return rows[0]?.pdf ?? null;
  }
}
