import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { TypedProducer } from './typed-producer';
import { outboxMetrics } from './outbox-metrics';
import { endProducerSpans, outboxRowContext, startProducerSpan } from './trace-propagation';

export interface OutboxRelayOptions {
  /** Fully qualified outbox table, e.g. intake.outbox. */
  table: string;
  batchSize?: number;
  idleDelayMs?: number;
  maxBackoffMs?: number;
}

export interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  payload: Record<string, unknown>;
  /** The W3C trace context of the request that wrote the row (null: none, or tracing was off). */
  traceparent: string | null;
  tracestate: string | null;
}

/**
 * The Kafka message of an outbox row and, when the row carries a trace context, the PRODUCER span that continues it:
 * its context goes in the `traceparent` / `tracestate` headers, so the consumer's span is in the request's trace.
 */
export function outboxMessage(row: OutboxRow, table: string) {
  const traced = startProducerSpan(row.topic, outboxRowContext(row), { eventId: row.event_id, key: row.message_key, outboxTable: table });
  return {
    message: { key: row.message_key, value: JSON.stringify(row.payload), ...(traced ? { headers: traced.headers } : {}) },
    traced,
  };
}

/** What waits in an outbox: rows not sent yet and the age of the oldest (0 when none). */
export interface OutboxBacklog {
  pending: number;
  oldestPendingAgeSeconds: number;
}

/** An outbox whose oldest unsent row is older than this is stuck (Kafka or the relay): readiness says so. */
export const OUTBOX_STUCK_AFTER_SECONDS = 60;

/**
 * Moves outbox rows to Kafka. Rows are claimed with FOR UPDATE SKIP LOCKED (several relays may run), sent with
 * acks=all, and marked sent in the same transaction only after the broker acknowledged: a crash in between
 * re-sends (at-least-once; consumers are idempotent by event id), never loses.
 */
export class OutboxRelay {
  private stopped = true;
  private loop?: Promise<void>;
  private wake?: () => void;
  private failures = 0;
  lastSuccessAt?: Date;

  constructor(
    private readonly ds: DataSource,
    private readonly producer: TypedProducer,
    private readonly logger: Logger,
    private readonly opts: OutboxRelayOptions,
  ) {
    if (!/^[a-z_]+\.[a-z_]+$/.test(opts.table)) throw new Error(`bad outbox table name ${opts.table}`);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    outboxMetrics().track(this);
    this.loop = this.run();
  }

  get table(): string {
    return this.opts.table;
  }

  /** The backlog now (for /metrics): one query on the partial index of unsent rows. */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = (await this.ds.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
         FROM ${this.opts.table} WHERE sent_at IS NULL`,
    )) as { pending: number; age: number }[];
    return { pending: Number(row?.pending ?? 0), oldestPendingAgeSeconds: Math.max(0, Number(row?.age ?? 0)) };
  }

  /**
   * Its /health check, non-critical: events waiting longer than `stuckAfterSeconds` make the service `degraded` and
   * name the backlog — what was acknowledged is stored and leaves once Kafka (or the relay) is back, so the service
   * stays in rotation; the degradation tells ops that downstream is running late.
   */
  healthCheck(stuckAfterSeconds = OUTBOX_STUCK_AFTER_SECONDS): { name: string; critical: false; check(): Promise<void> } {
    return {
      name: `outbox:${this.opts.table}`,
      critical: false,
      check: async () => {
        const b = await this.backlog();
        if (b.pending > 0 && b.oldestPendingAgeSeconds > stuckAfterSeconds) {
          throw new Error(
            `${b.pending} event(s) not yet sent to Kafka, the oldest for ${Math.round(b.oldestPendingAgeSeconds)} s (over ${stuckAfterSeconds} s): Kafka or the relay is stuck; they are stored and leave when it is back`,
          );
        }
      },
    };
  }

  /** Hint that rows were just written, so they leave without waiting for the next poll. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.nudge();
    await this.loop;
    outboxMetrics().untrack(this);
  }

  /** Sends one batch; returns the number of rows relayed. Exposed for tests and benchmarks. */
  async relayOnce(): Promise<number> {
    const batch = this.opts.batchSize ?? 200;
    const sent = await this.ds.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, event_id, topic, message_key, payload, traceparent, tracestate FROM ${this.opts.table}
          WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      if (!rows.length) return 0;
      const byTopic = new Map<string, OutboxRow[]>();
      for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      for (const [topic, list] of byTopic) {
        const out = list.map((r) => outboxMessage(r, this.opts.table));
        try {
          await this.producer.publishRaw(topic, out.map((o) => o.message));
        } catch (e) {
          endProducerSpans(out.map((o) => o.traced), e);
          throw e;
        }
        endProducerSpans(out.map((o) => o.traced));
      }
      await em.query(`UPDATE ${this.opts.table} SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
    if (sent) outboxMetrics().relayed(this.opts.table, sent);
    return sent;
  }

  private async recordFailure(error: unknown) {
    try {
      await this.ds.query(
        `UPDATE ${this.opts.table} SET attempts = attempts + 1, last_error = $1
          WHERE id IN (SELECT id FROM ${this.opts.table} WHERE sent_at IS NULL ORDER BY id LIMIT 1)`,
        [String((error as Error)?.message ?? error).slice(0, 1000)],
      );
    } catch {
      // the database itself is unreachable; the next round retries
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let sent = 0;
      try {
        sent = await this.relayOnce();
        this.failures = 0;
        this.lastSuccessAt = new Date();
      } catch (e) {
        this.failures++;
        outboxMetrics().failed(this.opts.table);
        this.logger.warn({ err: e, failures: this.failures }, 'outbox relay failed; will retry');
        await this.recordFailure(e);
      }
      if (sent > 0 && this.failures === 0) continue;
      const delay = this.failures
        ? Math.min(this.opts.maxBackoffMs ?? 5000, 100 * 2 ** Math.min(this.failures, 6))
        : (this.opts.idleDelayMs ?? 250);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
