import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
}

export interface RenderedReport {
  content: SpecialReportContent;
  html: string;
  pdf: Buffer;
  sha256Html: string;
  sha256Pdf: string;
}

const COLUMNS = `case_id, version, generated_at, generated_by, last_sequence, sha256_html, sha256_pdf, octet_length(pdf) AS pdf_bytes`;
type Row = { case_id: string; version: number; generated_at: Date; generated_by: string; last_sequence: number; sha256_html: string; sha256_pdf: string; pdf_bytes: number };
const toStored = (r: Row): StoredReport => ({
  caseId: r.case_id, version: r.version, generatedAt: new Date(r.generated_at), generatedBy: r.generated_by, lastSequence: r.last_sequence,
  sha256Html: r.sha256_html.trim(), sha256Pdf: r.sha256_pdf.trim(), pdfBytes: Number(r.pdf_bytes),
});

/** ledger.special_reports: every version of every case's special report (append-only). */
@Injectable()
export class SpecialReportRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Stores the next version of the case's report: `render` gets the version number and builds the document. Versions of
   * one case are numbered one after the other (the case is locked for the transaction), so two requests at once get 1 and 2.
   */
  async storeNextVersion(caseId: string, meta: { generatedAt: Date; generatedBy: string }, render: (version: number) => Promise<RenderedReport>): Promise<StoredReport> {
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('ledger.special_reports:' || $1))`, [caseId]);
      const [{ next }] = (await em.query(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM ledger.special_reports WHERE case_id = $1`, [caseId])) as [{ next: number }];
      const r = await render(Number(next));
      const rows: Row[] = await em.query(
        `INSERT INTO ledger.special_reports (case_id, version, generated_at, generated_by, last_sequence, content, html, pdf, sha256_html, sha256_pdf)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [caseId, Number(next), meta.generatedAt, meta.generatedBy, r.content.lastSequence, JSON.stringify(r.content), r.html, r.pdf, r.sha256Html, r.sha256Pdf],
      );
      return toStored(rows[0] as Row);
    });
  }

  async list(caseId: string): Promise<StoredReport[]> {
    const rows: Row[] = await this.ds.query(`SELECT ${COLUMNS} FROM ledger.special_reports WHERE case_id = $1 ORDER BY version`, [caseId]);
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
