import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HotlineReplyDeliveryStatus } from '@huiying/contracts';
import { canResend, type ReplyAttemptDecision } from './reply-delivery-policy';
import type { ClaimedReplyDelivery, ReplyAttemptRecord, ReplyDeliveryStore } from './reply-webhook.runner';

export interface ReplyDeliveryRow {
  id: string;
  order_no: string;
  sequence: number;
  envelope_id: string;
  body: string;
  status: HotlineReplyDeliveryStatus;
  attempts: number;
  round_attempts: number;
  max_attempts: number;
  resends: number;
  next_attempt_at: Date;
  last_error: string | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  created_at: Date;
}

export interface ReplyDeliveryAttemptRow {
  delivery_id: string;
  attempt: number;
  started_at: Date;
  duration_ms: number;
  http_status: number | null;
  error: string | null;
  outcome: 'delivered' | 'retry' | 'failed';
}

export interface NewReplyDelivery {
  id: string;
  orderNo: string;
  sequence: number;
  envelopeId: string;
  body: string;
  maxAttempts: number;
  now: Date;
}

export type ResendResult = { status: 'resent'; row: ReplyDeliveryRow } | { status: 'not_found' } | { status: 'conflict'; reason: string };

/** The only access to publication.hotline_reply_deliveries and publication.hotline_reply_delivery_attempts. */
@Injectable()
export class HotlineReplyDeliveriesRepository implements ReplyDeliveryStore {
  constructor(private readonly ds: DataSource) {}

  /** One delivery per reply (order number + sequence): a reply seen before adds nothing. True when it is new. */
  async insertDelivery(d: NewReplyDelivery): Promise<boolean> {
    const inserted = rowsOf<{ id: string }>(
      await this.ds.query(
        `INSERT INTO publication.hotline_reply_deliveries (id, order_no, sequence, envelope_id, body, status, max_attempts, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $7, $7)
         ON CONFLICT (order_no, sequence) DO NOTHING RETURNING id`,
        [d.id, d.orderNo, d.sequence, d.envelopeId, d.body, d.maxAttempts, d.now],
      ),
    );
    return inserted.length > 0;
  }

  async listDeliveries(filter: { status?: string; orderNo?: string }, limit: number): Promise<{ rows: ReplyDeliveryRow[]; attempts: ReplyDeliveryAttemptRow[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.orderNo) where.push(`order_no = $${params.push(filter.orderNo)}`);
    params.push(limit);
    const rows: ReplyDeliveryRow[] = await this.ds.query(
      `SELECT * FROM publication.hotline_reply_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    if (!rows.length) return { rows, attempts: [] };
    const attempts: ReplyDeliveryAttemptRow[] = await this.ds.query(
      `SELECT * FROM publication.hotline_reply_delivery_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, attempt`,
      [rows.map((r) => r.id)],
    );
    return { rows, attempts };
  }

  /** Ops: a failed or delivered delivery goes back to pending for a new round of attempts (its attempts are kept). */
  async resend(id: string, now: Date): Promise<ResendResult> {
    return this.ds.transaction(async (em) => {
      const [current] = (await em.query(`SELECT status FROM publication.hotline_reply_deliveries WHERE id = $1 FOR UPDATE`, [id])) as { status: HotlineReplyDeliveryStatus }[];
      if (!current) return { status: 'not_found' };
      const allowed = canResend(current.status);
      if (!allowed.ok) return { status: 'conflict', reason: allowed.reason };
      const [row] = rowsOf<ReplyDeliveryRow>(
        await em.query(
          `UPDATE publication.hotline_reply_deliveries SET status = 'pending', round_attempts = 0, resends = resends + 1,
             next_attempt_at = $2, leased_until = NULL, delivered_at = NULL, failed_at = NULL, updated_at = $2
           WHERE id = $1 RETURNING *`,
          [id, now],
        ),
      );
      return { status: 'resent', row: row as ReplyDeliveryRow };
    });
  }

  // ---- ReplyDeliveryStore

  async claimDueDeliveries(now: Date, limit: number, leaseMs: number): Promise<ClaimedReplyDelivery[]> {
    const rows = rowsOf<ReplyDeliveryRow>(
      await this.ds.query(
        `UPDATE publication.hotline_reply_deliveries SET attempts = attempts + 1, round_attempts = round_attempts + 1, leased_until = $2, updated_at = $1
         WHERE id IN (
           SELECT id FROM publication.hotline_reply_deliveries
           WHERE status = 'pending' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [now, new Date(now.getTime() + leaseMs), limit],
      ),
    );
    return rows.map((r) => ({
      id: r.id,
      orderNo: r.order_no,
      envelopeId: r.envelope_id,
      body: r.body,
      attempt: r.attempts,
      roundAttempt: r.round_attempts,
      maxAttempts: r.max_attempts,
    }));
  }

  async finishDeliveryAttempt(d: ClaimedReplyDelivery, record: ReplyAttemptRecord, decision: ReplyAttemptDecision): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const at = decision.status === 'pending' ? new Date(record.startedAt.getTime() + record.durationMs) : decision.at;
      // only the holder of this attempt may finish it (a lease that ran out and was claimed again is not ours)
      const updated = rowsOf<{ id: string }>(
        await em.query(
          `UPDATE publication.hotline_reply_deliveries SET status = $3, leased_until = NULL, updated_at = $4,
             next_attempt_at = COALESCE($5, next_attempt_at), last_error = $6, delivered_at = $7, failed_at = $8
           WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id`,
          [
            d.id, d.attempt, decision.status, at,
            decision.status === 'pending' ? decision.nextAttemptAt : null,
            decision.status === 'delivered' ? null : decision.error,
            decision.status === 'delivered' ? decision.at : null,
            decision.status === 'failed' ? decision.at : null,
          ],
        ),
      );
      if (!updated.length) return false;
      await em.query(
        `INSERT INTO publication.hotline_reply_delivery_attempts (delivery_id, attempt, started_at, duration_ms, http_status, error, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [d.id, d.attempt, record.startedAt, Math.round(record.durationMs), record.httpStatus, decision.status === 'delivered' ? null : record.error, decision.status === 'pending' ? 'retry' : decision.status],
      );
      return true;
    });
  }
}

/** typeorm answers UPDATE … RETURNING as [rows, count]. */
function rowsOf<T>(r: unknown): T[] {
  return (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r) as T[];
}
