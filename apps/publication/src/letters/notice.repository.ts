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
  issuedOn: string;
  htmlSha256: string;
  pdfSha256: string;
  pdfBytes: number;
  createdAt: Date;
}

export interface NewNotice {
  request: DisclosureNoticeRequest;
  title: string;
  reference: string;
  articles: string[];
  html: string;
  htmlSha256: string;
  pdf: Buffer;
  pdfSha256: string;
  font: string;
}

/** The only access to publication.notices. */
@Injectable()
export class NoticeRepository {
  constructor(private readonly ds: DataSource) {}

  /** Stores a notice once per request id; a redelivery changes nothing. */
  async insert(n: NewNotice): Promise<{ inserted: boolean }> {
    const r = n.request;
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO publication.notices (request_id, case_id, notice_id, kind, addressee, title, reference, articles, issued_on, html, html_sha256, pdf, pdf_sha256, font, request)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING RETURNING request_id`,
      [r.requestId, r.caseId, r.noticeId, r.content.kind, r.addressee, n.title, n.reference, n.articles, r.issuedOn, n.html, n.htmlSha256, n.pdf, n.pdfSha256, n.font, JSON.stringify(r)],
    );
    return { inserted: rows.length > 0 };
  }

  async list(caseId: string): Promise<StoredNotice[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT request_id, case_id, notice_id, kind, addressee, title, reference, articles, issued_on::text AS issued_on, html_sha256, pdf_sha256,
         octet_length(pdf) AS pdf_bytes, created_at
       FROM publication.notices WHERE case_id = $1 ORDER BY length(notice_id), notice_id`,
      [caseId],
    );
    return rows.map((x) => ({
      requestId: x.request_id as string,
      caseId: x.case_id as string,
      noticeId: x.notice_id as string,
      kind: x.kind as string,
      addressee: x.addressee as string,
      title: x.title as string,
      reference: x.reference as string,
      articles: x.articles as string[],
      issuedOn: x.issued_on as string,
      htmlSha256: x.html_sha256 as string,
      pdfSha256: x.pdf_sha256 as string,
      pdfBytes: Number(x.pdf_bytes),
      createdAt: x.created_at as Date,
    }));
  }

  async findHtml(caseId: string, noticeId: string): Promise<string | null> {
    const rows: { html: string }[] = await this.ds.query('SELECT html FROM publication.notices WHERE case_id = $1 AND notice_id = $2', [caseId, noticeId]);
    return rows[0]?.html ?? null;
  }

  async findPdf(caseId: string, noticeId: string): Promise<Buffer | null> {
    const rows: { pdf: Buffer }[] = await this.ds.query('SELECT pdf FROM publication.notices WHERE case_id = $1 AND notice_id = $2', [caseId, noticeId]);
    return rows[0]?.pdf ?? null;
  }
}
