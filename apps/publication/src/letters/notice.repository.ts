import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DisclosureNoticeRequest } from '@huiying/contracts';

export interface StoredNotice {
  requestId: string;
  caseId: string;
  noticeId: string;
  kind: string;
  addressee: string;
  title: string;
  reference: string;
  articles: string[];
  /** Every source cited (empty for notices stored before citations were recorded). */
  citations: string[];
  remediesVersion: string | null;
  issuedOn: string;
  htmlSha256: string;
  pdfSha256: string;
  pdfBytes: number;
  font: string;
  createdAt: Date;
}

export interface NewNotice {
  request: DisclosureNoticeRequest;
  title: string;
  reference: string;
  articles: string[];
  citations: string[];
  remediesVersion: string | null;
  html: string;
  htmlSha256: string;
  pdf: Buffer;
  pdfSha256: string;
  font: string;
}

const META = `request_id, case_id, notice_id, kind, addressee, title, reference, articles, citations, remedies_version, issued_on::text AS issued_on,
  html_sha256, pdf_sha256, octet_length(pdf) AS pdf_bytes, font, created_at`;

function toStored(r: Record<string, unknown>): StoredNotice {
  return {
    requestId: r.request_id as string,
    caseId: r.case_id as string,
    noticeId: r.notice_id as string,
    kind: r.kind as string,
    addressee: r.addressee as string,
    title: r.title as string,
    reference: r.reference as string,
    articles: r.articles as string[],
    citations: (r.citations as string[] | null) ?? [],
    remediesVersion: (r.remedies_version as string | null) ?? null,
    issuedOn: r.issued_on as string,
    htmlSha256: r.html_sha256 as string,
    pdfSha256: r.pdf_sha256 as string,
    pdfBytes: Number(r.pdf_bytes),
    font: r.font as string,
    createdAt: r.created_at as Date,
  };
}

/** The only access to publication.notices. */
@Injectable()
export class NoticeRepository {
  constructor(private readonly ds: DataSource) {}

  /** Stores the notice once per request id (and case + notice id); a second insert changes nothing. */
  async insert(n: NewNotice): Promise<{ inserted: boolean }> {
    const r = n.request;
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO publication.notices (request_id, case_id, notice_id, kind, addressee, title, reference, articles, citations, remedies_version, issued_on,
         html, html_sha256, pdf, pdf_sha256, font, request)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT DO NOTHING RETURNING request_id`,
      [
        r.requestId,
        r.caseId,
        r.noticeId,
        r.content.kind,
        r.addressee,
        n.title,
        n.reference,
        n.articles,
        n.citations,
        n.remediesVersion,
        r.issuedOn,
        n.html,
        n.htmlSha256,
        n.pdf,
        n.pdfSha256,
        n.font,
        JSON.stringify(r),
      ],
    );
    return { inserted: rows.length > 0 };
  }

  /**
   * Whether a notice is stored for this request id or this case's notice id, and whether its stored request is the
   * same as `request` (jsonb equality: key order does not matter). null: nothing stored.
   */
  async sameAsStored(request: DisclosureNoticeRequest): Promise<{ same: boolean } | null> {
    const rows: { same: boolean }[] = await this.ds.query(
      `SELECT request = $3::jsonb AS same FROM publication.notices WHERE request_id = $1 OR (case_id = $2 AND notice_id = $4) LIMIT 1`,
      [request.requestId, request.caseId, JSON.stringify(request), request.noticeId],
    );
    return rows[0] ? { same: rows[0].same } : null;
  }

  /** The case's notices in the order issued. */
  async list(caseId: string): Promise<StoredNotice[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(`SELECT ${META} FROM publication.notices WHERE case_id = $1 ORDER BY issued_on, created_at`, [caseId]);
    return rows.map(toStored);
  }

  async find(caseId: string, noticeId: string): Promise<StoredNotice | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(`SELECT ${META} FROM publication.notices WHERE case_id = $1 AND notice_id = $2`, [caseId, noticeId]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async findHtml(caseId: string, noticeId: string): Promise<string | null> {
    const rows: { html: string }[] = await this.ds.query('SELECT html FROM publication.notices WHERE case_id = $1 AND notice_id = $2', [caseId, noticeId]);
    return rows[0]?.html ?? null;
  }

  async findPdf(caseId: string, noticeId: string): Promise<{ pdf: Buffer; reference: string } | null> {
    const rows: { pdf: Buffer; reference: string }[] = await this.ds.query('SELECT pdf, reference FROM publication.notices WHERE case_id = $1 AND notice_id = $2', [
      caseId,
      noticeId,
    ]);
    return rows[0] ?? null;
  }
}
