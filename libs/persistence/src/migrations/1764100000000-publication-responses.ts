import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publication schema for responses (回应) to opinion cases: the response as requested, one outbound message per channel
 * (the durable delivery queue: status pending → delivered | failed, attempts, next attempt) and every attempt on record.
 * Personal data (the reporter a point-to-point reply goes to) is stored encrypted only.
 */
export class PublicationResponses1764100000000 implements MigrationInterface {
  name = 'PublicationResponses1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS publication`);
    await q.query(`CREATE TABLE publication.responses (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      form text NOT NULL,
      channels text[] NOT NULL CHECK (cardinality(channels) >= 1),
      title text,
      content text NOT NULL,
      requested_by text NOT NULL,
      reporter_encrypted text,
      idempotency_key text,
      status text NOT NULL CHECK (status IN ('publishing', 'recording', 'published', 'failed', 'unrecorded')),
      published_at timestamptz,
      published_channel text,
      recorded_at timestamptz,
      record_attempts int NOT NULL DEFAULT 0,
      next_record_at timestamptz,
      record_error text,
      workflow_record jsonb,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (case_id, idempotency_key)
    )`);
    await q.query(`CREATE INDEX responses_case_idx ON publication.responses (case_id, created_at)`);
    await q.query(`CREATE INDEX responses_recording_idx ON publication.responses (next_record_at) WHERE status = 'recording'`);
    await q.query(`CREATE TABLE publication.outbound_messages (
      id uuid PRIMARY KEY,
      response_id uuid NOT NULL REFERENCES publication.responses (id),
      case_id uuid NOT NULL,
      channel text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      payload jsonb NOT NULL,
      recipient_encrypted text,
      recipient_masked text,
      attempts int NOT NULL DEFAULT 0,
      max_attempts int NOT NULL CHECK (max_attempts >= 1),
      next_attempt_at timestamptz NOT NULL,
      leased_until timestamptz,
      last_error text,
      external_ref text,
      delivered_at timestamptz,
      failed_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (response_id, channel)
    )`);
    await q.query(`CREATE INDEX outbound_messages_due_idx ON publication.outbound_messages (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX outbound_messages_ops_idx ON publication.outbound_messages (channel, status, created_at DESC)`);
    await q.query(`CREATE TABLE publication.delivery_attempts (
      message_id uuid NOT NULL REFERENCES publication.outbound_messages (id),
      attempt int NOT NULL CHECK (attempt >= 1),
      started_at timestamptz NOT NULL,
      finished_at timestamptz NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
      error text,
      PRIMARY KEY (message_id, attempt)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publication.delivery_attempts`);
    await q.query(`DROP TABLE publication.outbound_messages`);
    await q.query(`DROP TABLE publication.responses`);
  }
}
