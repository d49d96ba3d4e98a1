import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DisclosureReplyLetterRequest } from '@huiying/contracts';

export interface StoredLetter {
  letterId: string;
  caseId: string;
  requestId: string;
  applicationId: string;
  replyType: string;
  resultCode: string;
  reference: string;
  articles: string[];
  receivedOn: string;
  answerDue: string | null;
  issuedOn: string;
  htmlSha256: string;
  pdfSha256: string;
  pdfBytes: number;
  font: string;
  /** The remedies version the letter quoted (null for letters stored before versions were recorded). */
  remediesVersion: string | null;
  /** Every source cited (empty for letters stored before citations were recorded). */
  citations: string[];
  createdAt: Date;
  copies: { department: string; departmentName: string; copiedAt: Date }[];
}

export interface NewLetter {
  letterId: string;
  request: DisclosureReplyLetterRequest;
  reference: string;
  articles: string[];
  html: string;
  htmlSha256: string;
  pdf: Buffer;
  pdfSha256: string;
  font: string;
  remediesVersion: string | null;
  citations: string[];
  copy: { department: string; departmentName: string };
}

/** The only access to publication.reply_letters and publication.letter_copies. */
@Injectable()
export class LetterRepository {
  constructor(private readonly ds: DataSource) {}

  /** Stores the letter and its copy record in one transaction; a second letter for the same case changes nothing. */
  async insert(l: NewLetter): Promise<{ inserted: boolean }> {
    return this.ds.transaction(async (em) => {
      const rows: unknown[] = await em.query(
        `INSERT INTO publication.reply_letters (letter_id, case_id, request_id, application_id, reply_type, result_code, reference, articles,
           received_on, answer_due, issued_on, html, html_sha256, pdf, pdf_sha256, font, request, remedies_version, citations)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         ON CONFLICT DO NOTHING RETURNING letter_id`,
        [
          l.letterId,
          l.request.caseId,
          l.request.requestId,
          l.request.applicationId,
          l.request.decision.replyType,
          l.request.decision.resultCode,
          l.reference,
          l.articles,
          l.request.receivedOn,
          l.request.answerDue,
          l.request.reply.issuedOn,
          l.html,
          l.htmlSha256,
          l.pdf,
          l.pdfSha256,
          l.font,
          JSON.stringify(l.request),
          l.remediesVersion,
          l.citations,
        ],
      );
      if (rows.length === 0) return { inserted: false };
      await em.query(`INSERT INTO publication.letter_copies (letter_id, department, department_name) VALUES ($1, $2, $3)`, [
        l.letterId,
        l.copy.department,
        l.copy.departmentName,
      ]);
      return { inserted: true };
    });
  }

  async exists(caseId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query('SELECT 1 FROM publication.reply_letters WHERE case_id = $1', [caseId]);
    return rows.length > 0;
  }

  async findMeta(caseId: string): Promise<StoredLetter | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT letter_id, case_id, request_id, application_id, reply_type, result_code, reference, articles, received_on::text AS received_on,
         answer_due::text AS answer_due, issued_on::text AS issued_on, html_sha256, pdf_sha256, octet_length(pdf) AS pdf_bytes, font, remedies_version, citations, created_at
       FROM publication.reply_letters WHERE case_id = $1`,
      [caseId],
    );
    const r = rows[0];
    if (!r) return null;
    const copies: { department: string; department_name: string; copied_at: Date }[] = await this.ds.query(
      'SELECT department, department_name, copied_at FROM publication.letter_copies WHERE letter_id = $1 ORDER BY department',
      [r.letter_id],
    );
    return {
      letterId: r.letter_id as string,
      caseId: r.case_id as string,
      requestId: r.request_id as string,
      applicationId: r.application_id as string,
      replyType: r.reply_type as string,
      resultCode: r.result_code as string,
      reference: r.reference as string,
      articles: r.articles as string[],
      receivedOn: r.received_on as string,
      answerDue: (r.answer_due as string | null) ?? null,
      issuedOn: r.issued_on as string,
      htmlSha256: r.html_sha256 as string,
      pdfSha256: r.pdf_sha256 as string,
      pdfBytes: Number(r.pdf_bytes),
      font: r.font as string,
      remediesVersion: (r.remedies_version as string | null) ?? null,
      citations: (r.citations as string[] | null) ?? [],
      createdAt: r.created_at as Date,
      copies: copies.map((c) => ({ department: c.department, departmentName: c.department_name, copiedAt: c.copied_at })),
    };
  }

  async findHtml(caseId: string): Promise<string | null> {
    const rows: { html: string }[] = await this.ds.query('SELECT html FROM publication.reply_letters WHERE case_id = $1', [caseId]);
    return rows[0]?.html ?? null;
  }

  async findPdf(caseId: string): Promise<{ pdf: Buffer; reference: string } | null> {
    const rows: { pdf: Buffer; reference: string }[] = await this.ds.query('SELECT pdf, reference FROM publication.reply_letters WHERE case_id = $1', [caseId]);
    return rows[0] ?? null;
  }
}
