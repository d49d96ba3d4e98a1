import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (monthly statistics) — the figures of a month that is over, kept once computed: a month's figures read
 * nothing after its end, so they change only when an event of that month (or earlier) is folded late; the ledger then
 * drops the snapshots from that month on and bumps the jurisdiction's epoch, and a computation that started before
 * the bump does not store its answer. Keys: jurisdiction '*' = all jurisdictions, department '*' = all departments.
 */
export class LedgerMonthlyStatisticsSnapshots1764520000000 implements MigrationInterface {
  name = 'LedgerMonthlyStatisticsSnapshots1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger.monthly_statistics_snapshots (
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
        jurisdiction text NOT NULL,
        department text NOT NULL,
        figures jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (month, jurisdiction, department)
      )`);
    await q.query(`CREATE INDEX monthly_statistics_snapshots_jurisdiction_idx ON ledger.monthly_statistics_snapshots (jurisdiction, month)`);
    await q.query(`
      CREATE TABLE ledger.statistics_epochs (
        jurisdiction text PRIMARY KEY,
        epoch bigint NOT NULL DEFAULT 0
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.statistics_epochs`);
    await q.query(`DROP TABLE ledger.monthly_statistics_snapshots`);
  }
}
