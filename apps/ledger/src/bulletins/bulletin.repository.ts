import { traceCarrierOf } from '@huiying/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredBulletinMeta {
  id: string;
  kind: 'monthly' | 'quarterly';
  period: string;
  jurisdiction: string;
  revision: number;
  title: string;
  generatedAt: Date;
  generatedBy: string;
  figuresSha256: string;
  htmlSha256: string;
  pdfSha256: string;
  pdfBytes: number;
}

export interface NewBulletin extends Omit<StoredBulletinMeta, 'pdfBytes'> {
  figures: object;
  html: string;
  pdf: Buffer;
  notices: { caseId: string; clock: string; department: string | null; lateSeconds: number | null }[];
  outbox: { eventId: string; topic: string; messageKey: string; payload: object };
}

const META = `id, kind, period, jurisdiction, revision, title, generated_at, generated_by, figures_sha256, html_sha256, pdf_sha256, octet_length(pdf) AS pdf_bytes`;
type MetaRow = { id: string; kind: 'monthly' | 'quarterly'; period: string; jurisdiction: string; revision: number; title: string; generated_at: Date; generated_by: string; figures_sha256: string; html_sha256: string; pdf_sha256: string; pdf_bytes: number };
const meta = (r: MetaRow): StoredBulletinMeta => ({
  id: r.id, kind: r.kind, period: r.period, jurisdiction: r.jurisdiction, revision: r.revision, title: r.title, generatedAt: r.generated_at,
  generatedBy: r.generated_by, figuresSha256: r.figures_sha256, htmlSha256: r.html_sha256, pdfSha256: r.pdf_sha256, pdfBytes: Number(r.pdf_bytes),
});

/** The only place bulletins touch the database: ledger.bulletins, ledger.bulletin_notices, ledger.outbox. */
@Injectable()
export class BulletinRepository {
  constructor(private readonly ds: DataSource) {}

  async latest(kind: string, period: string, jurisdiction: string): Promise<StoredBulletinMeta | null> {
    const [row] = (await this.ds.query(
      `SELECT ${META} FROM ledger.bulletins WHERE kind = $1 AND period = $2 AND jurisdiction = $3 ORDER BY revision DESC LIMIT 1`,
      [kind, period, jurisdiction],
    )) as MetaRow[];
    return row ? meta(row) : null;
  }

  /**
   * Stores a revision with its 通报 entries and its outbox row in one transaction. Returns false when that revision
   * was stored meanwhile by a concurrent generation (the unique key refuses the second): the caller reads it again.
   */
  async insert(b: NewBulletin): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const inserted = (await em.query(
        `INSERT INTO ledger.bulletins (id, kind, period, jurisdiction, revision, title, generated_at, generated_by, figures, figures_sha256, html, html_sha256, pdf, pdf_sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (kind, period, jurisdiction, revision) DO NOTHING RETURNING id`,
        [b.id, b.kind, b.period, b.jurisdiction, b.revision, b.title, b.generatedAt, b.generatedBy, JSON.stringify(b.figures), b.figuresSha256, b.html, b.htmlSha256, b.pdf, b.pdfSha256],
      )) as unknown[];
      if (!inserted.length) return false;
      for (const n of b.notices) {
        await em.query(
          `INSERT INTO ledger.bulletin_notices (bulletin_id, case_id, clock, department, late_seconds, published_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [b.id, n.caseId, n.clock, n.department, n.lateSeconds, b.generatedAt],
        );
      }
      const { traceparent, tracestate } = traceCarrierOf(); // the consumers continue the request's trace
      await em.query(`INSERT INTO ledger.outbox (event_id, topic, message_key, payload, traceparent, tracestate) VALUES ($1, $2, $3, $4, $5, $6)`, [
        b.outbox.eventId, b.outbox.topic, b.outbox.messageKey, JSON.stringify(b.outbox.payload), traceparent, tracestate,
      ]);
      return true;
    });
  }

  /** Newest first; `jurisdiction` null: every jurisdiction. */
  async list(f: { kind?: string; period?: string; jurisdiction: string | null }, limit = 200): Promise<StoredBulletinMeta[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['kind', f.kind], ['period', f.period], ['jurisdiction', f.jurisdiction ?? undefined]] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    params.push(limit);
    const rows = (await this.ds.query(
      `SELECT ${META} FROM ledger.bulletins ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY generated_at DESC, id LIMIT $${params.length}`,
      params,
    )) as MetaRow[];
    return rows.map(meta);
  }

  async meta(id: string): Promise<StoredBulletinMeta | null> {
    const [row] = (await this.ds.query(`SELECT ${META} FROM ledger.bulletins WHERE id = $1`, [id])) as MetaRow[];
    return row ? meta(row) : null;
  }

  async figures(id: string): Promise<Record<string, unknown> | null> {
    const [row] = (await this.ds.query(`SELECT figures FROM ledger.bulletins WHERE id = $1`, [id])) as { figures: Record<string, unknown> }[];
    return row?.figures ?? null;
  }

  async html(id: string): Promise<string | null> {
    const [row] = (await this.ds.query(`SELECT html FROM ledger.bulletins WHERE id = $1`, [id])) as { html: string }[];
    return row?.html ?? null;
  }

  async pdf(id: string): Promise<Buffer | null> {
    const [row] = (await this.ds.query(`SELECT pdf FROM ledger.bulletins WHERE id = $1`, [id])) as { pdf: Buffer }[];
    return row?.pdf ?? null;
  }
}
