import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 (traces) — the ledger's outbox (bulletins, 1764525000000) keeps the W3C trace context of the request that
 * wrote a row like intake's and routing's (1764527000000): the relay reads `traceparent` / `tracestate` of every outbox.
 */
export class LedgerOutboxTraceContext1764528000000 implements MigrationInterface {
  name = 'LedgerOutboxTraceContext1764528000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.outbox ADD COLUMN traceparent text, ADD COLUMN tracestate text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.outbox DROP COLUMN traceparent, DROP COLUMN tracestate`);
  }
}
