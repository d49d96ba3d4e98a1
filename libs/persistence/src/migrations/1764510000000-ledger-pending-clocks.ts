import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 (metrics) — ledger.cases `pending_clock_due`: the due times of the case's clocks still running, folded from
 * its events (clock snapshots, clocks a claim starts, a transfer's claim clock), for the ledger's gauge of clocks due
 * within the next hour. Cases folded before get it when the ledger refolds them at start (fold version 3).
 */
export class LedgerPendingClocks1764510000000 implements MigrationInterface {
  name = 'LedgerPendingClocks1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.cases ADD COLUMN pending_clock_due timestamptz[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.cases DROP COLUMN pending_clock_due`);
  }
}
