import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 — the 12345 platform's signed webhook: one delivery per reply (hotline.work-order-replies.v1), unique by
 * order number + reply sequence (the reply's idempotency key), with the exact body that is signed and POSTed, and every
 * attempt on record (time, HTTP status or error, duration). `attempts` counts over the delivery's life (an ops resend
 * goes on counting); `round_attempts` counts the attempts since the last (re)send, against `max_attempts`.
 */
export class PublicationHotlineReplyDeliveries1764531000000 implements MigrationInterface {
  name = 'PublicationHotlineReplyDeliveries1764531000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE publication.hotline_reply_deliveries (
      id uuid PRIMARY KEY,
      order_no text NOT NULL,
      sequence integer NOT NULL CHECK (sequence >= 1),
      envelope_id text NOT NULL,
      body text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      round_attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL CHECK (max_attempts >= 1),
      resends integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      leased_until timestamptz,
      last_error text,
      delivered_at timestamptz,
      failed_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (order_no, sequence)
    )`);
    await q.query(`CREATE INDEX hotline_reply_deliveries_due_idx ON publication.hotline_reply_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX hotline_reply_deliveries_status_idx ON publication.hotline_reply_deliveries (status, created_at DESC)`);
    await q.query(`CREATE TABLE publication.hotline_reply_delivery_attempts (
      delivery_id uuid NOT NULL REFERENCES publication.hotline_reply_deliveries (id),
      attempt integer NOT NULL CHECK (attempt >= 1),
      started_at timestamptz NOT NULL,
      duration_ms integer NOT NULL CHECK (duration_ms >= 0),
      http_status integer,
      error text,
      outcome text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
      PRIMARY KEY (delivery_id, attempt)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publication.hotline_reply_delivery_attempts`);
    await q.query(`DROP TABLE publication.hotline_reply_deliveries`);
  }
}
