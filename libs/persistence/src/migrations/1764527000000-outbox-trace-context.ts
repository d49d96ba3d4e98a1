import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 (traces) — the W3C trace context of the request that wrote an outbox row (`traceparent`, `tracestate`),
 * so the relay can put it in the Kafka message's headers and the consumers continue the same trace. Nullable: rows
 * written while tracing is off, and every row written before this migration, carry none.
 */
export class OutboxTraceContext1764527000000 implements MigrationInterface {
  name = 'OutboxTraceContext1764527000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['intake.outbox', 'policy.outbox']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN traceparent text, ADD COLUMN tracestate text`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['intake.outbox', 'policy.outbox']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN traceparent, DROP COLUMN tracestate`);
    }
  }
}
