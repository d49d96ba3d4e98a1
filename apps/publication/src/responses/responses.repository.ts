import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FieldCipher } from '@huiying/persistence';
import type { OutboundStatus, PublicationChannel, ResponseStatus } from '@huiying/contracts';
import type { AttemptDecision } from './delivery-policy';
import type { ClaimedMessage, ClaimedRecording, DeliveryStore, RecordingOutcome } from './delivery-runner';

export interface ResponseRow {
  id: string;
  case_id: string;
  form: string;
  channels: string[];
  title: string | null;
  content: string;
  requested_by: string;
  reporter_encrypted: string | null;
  idempotency_key: string | null;
  status: ResponseStatus;
  published_at: Date | null;
  published_channel: string | null;
  recorded_at: Date | null;
  record_attempts: number;
  record_error: string | null;
  workflow_record: Record<string, unknown> | null;
  created_at: Date;
}

export interface OutboundRow {
  id: string;
  response_id: string;
  case_id: string;
  channel: PublicationChannel;
  status: OutboundStatus;
  payload: Record<string, unknown>;
  recipient_encrypted: string | null;
  recipient_masked: string | null;
  attempts: number;
  max_attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  external_ref: string | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  created_at: Date;
}

export interface NewResponse {
  id: string;
  caseId: string;
  form: string;
  channels: string[];
  title: string | null;
  content: string;
  requestedBy: string;
  reporterEncrypted: string | null;
  idempotencyKey: string | null;
  messages: { id: string; channel: string; payload: Record<string, unknown>; recipientEncrypted: string | null; recipientMasked: string | null }[];
  maxAttempts: number;
  now: Date;
}

/** The only access to publication.responses, publication.outbound_messages and publication.delivery_attempts. */
@Injectable()
export class ResponsesRepository implements DeliveryStore {
  constructor(
    private readonly ds: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /** Stores the response and its outbound messages in one transaction; an Idempotency-Key seen before returns the first. */
  async insertResponse(r: NewResponse): Promise<{ id: string; created: boolean }> {
    return this.ds.transaction(async (em) => {
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO publication.responses (id, case_id, form, channels, title, content, requested_by, reporter_encrypted, idempotency_key, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'publishing', $10, $10)
         ON CONFLICT (case_id, idempotency_key) DO NOTHING RETURNING id`,
        [r.id, r.caseId, r.form, r.channels, r.title, r.content, r.requestedBy, r.reporterEncrypted, r.idempotencyKey, r.now],
      );
      if (!inserted.length) {
        const [existing] = (await em.query(`SELECT id FROM publication.responses WHERE case_id = $1 AND idempotency_key = $2`, [r.caseId, r.idempotencyKey])) as { id: string }[];
        return { id: (existing as { id: string }).id, created: false };
      }
      for (const m of r.messages) {
        await em.query(
          `INSERT INTO publication.outbound_messages (id, response_id, case_id, channel, status, payload, recipient_encrypted, recipient_masked, attempts, max_attempts, next_attempt_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, 0, $8, $9, $9, $9)`,
          [m.id, r.id, r.caseId, m.channel, JSON.stringify(m.payload), m.recipientEncrypted, m.recipientMasked, r.maxAttempts, r.now],
        );
      }
      return { id: r.id, created: true };
    });
  }

  async findResponse(id: string): Promise<ResponseRow | null> {
    const rows: ResponseRow[] = await this.ds.query(`SELECT * FROM publication.responses WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async listResponses(caseId: string): Promise<ResponseRow[]> {
    return this.ds.query(`SELECT * FROM publication.responses WHERE case_id = $1 ORDER BY created_at, id`, [caseId]);
  }

  async listOutboundOf(responseIds: string[]): Promise<OutboundRow[]> {
    if (!responseIds.length) return [];
    return this.ds.query(`SELECT * FROM publication.outbound_messages WHERE response_id = ANY($1::uuid[]) ORDER BY created_at, channel`, [responseIds]);
  }

  async listOutbound(filter: { channel?: string; status?: string }, limit: number): Promise<OutboundRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.channel) where.push(`channel = $${params.push(filter.channel)}`);
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    params.push(limit);
    return this.ds.query(
      `SELECT * FROM publication.outbound_messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  // ---- DeliveryStore

  async claimDueMessages(now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    const rows: OutboundRow[] = await this.ds.query(
      `UPDATE publication.outbound_messages SET attempts = attempts + 1, leased_until = $2, updated_at = $1
       WHERE id IN (
         SELECT id FROM publication.outbound_messages
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, new Date(now.getTime() + leaseMs), limit],
    ).then((r) => rowsOf<OutboundRow>(r));
    return rows.map((m) => ({
      id: m.id,
      responseId: m.response_id,
      caseId: m.case_id,
      channel: m.channel,
      payload: m.payload,
      recipient: m.recipient_encrypted ? this.cipher.decrypt(m.recipient_encrypted) : null,
      attempt: m.attempts,
      maxAttempts: m.max_attempts,
    }));
  }

  async finishAttempt(m: ClaimedMessage, startedAt: Date, d: AttemptDecision): Promise<void> {
    await this.ds.transaction(async (em) => {
      const now = d.status === 'delivered' ? d.deliveredAt : d.status === 'failed' ? d.failedAt : startedAt;
      // Only the holder of this attempt may finish it (a lease that ran out and was claimed again is not ours).
      const updated: unknown[] = await em.query(
        `UPDATE publication.outbound_messages SET
           status = $3, leased_until = NULL, updated_at = $4,
           next_attempt_at = COALESCE($5, next_attempt_at), last_error = $6, external_ref = COALESCE($7, external_ref),
           delivered_at = $8, failed_at = $9
         WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id`,
        [
          m.id, m.attempt, d.status, now,
          d.status === 'pending' ? d.nextAttemptAt : null,
          d.status === 'delivered' ? null : d.error,
          d.status === 'delivered' ? d.externalRef : null,
          d.status === 'delivered' ? d.deliveredAt : null,
          d.status === 'failed' ? d.failedAt : null,
        ],
      ).then((r) => rowsOf<unknown>(r));
      if (!updated.length) return;
      await em.query(
        `INSERT INTO publication.delivery_attempts (message_id, attempt, started_at, finished_at, outcome, error)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [m.id, m.attempt, startedAt, now, d.status === 'pending' ? 'retry' : d.status, d.status === 'delivered' ? null : d.error],
      );
      if (d.status === 'delivered') await this.firstDelivery(em, m.responseId, m.channel, d.deliveredAt);
      if (d.status === 'failed') {
        await em.query(
          `UPDATE publication.responses SET status = 'failed', updated_at = $2
           WHERE id = $1 AND status = 'publishing'
             AND NOT EXISTS (SELECT 1 FROM publication.outbound_messages WHERE response_id = $1 AND status <> 'failed')`,
          [m.responseId, d.failedAt],
        );
      }
    });
  }

  /** The first delivery publishes the response: its time is the publication time the workflow judges lateness on. */
  private async firstDelivery(em: EntityManager, responseId: string, channel: string, at: Date): Promise<void> {
    await em.query(
      `UPDATE publication.responses SET status = 'recording', published_at = $2, published_channel = $3, next_record_at = $2, updated_at = $2
       WHERE id = $1 AND status = 'publishing'`,
      [responseId, at, channel],
    );
  }

  async claimDueRecordings(now: Date, limit: number, leaseMs: number): Promise<ClaimedRecording[]> {
    const rows: { id: string; case_id: string; record_attempts: number }[] = await this.ds
      .query(
        `UPDATE publication.responses SET record_attempts = record_attempts + 1, next_record_at = $2, updated_at = $1
         WHERE id IN (
           SELECT id FROM publication.responses WHERE status = 'recording' AND next_record_at <= $1
           ORDER BY next_record_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id, case_id, record_attempts`,
        [now, new Date(now.getTime() + leaseMs), limit],
      )
      .then((x) => rowsOf<{ id: string; case_id: string; record_attempts: number }>(x));
    return rows.map((r) => ({ responseId: r.id, caseId: r.case_id, attempt: r.record_attempts }));
  }

  async finishRecording(r: ClaimedRecording, outcome: RecordingOutcome, now: Date, nextAt: Date | null): Promise<void> {
    if (outcome.status === 'retry') {
      await this.ds.query(
        `UPDATE publication.responses SET record_error = $3, next_record_at = $4, updated_at = $5 WHERE id = $1 AND record_attempts = $2 AND status = 'recording'`,
        [r.responseId, r.attempt, outcome.error, nextAt, now],
      );
      return;
    }
    await this.ds.query(
      `UPDATE publication.responses SET status = $3, recorded_at = $4, record_error = $5, workflow_record = $6, next_record_at = NULL, updated_at = $4
       WHERE id = $1 AND record_attempts = $2 AND status = 'recording'`,
      [
        r.responseId, r.attempt, outcome.status, now,
        outcome.status === 'unrecorded' ? outcome.reason : null,
        outcome.status === 'published' && outcome.workflowRecord ? JSON.stringify(outcome.workflowRecord) : null,
      ],
    );
  }
}

/** typeorm answers UPDATE … RETURNING as [rows, count]. */
function rowsOf<T>(r: unknown): T[] {
  return (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r) as T[];
}
