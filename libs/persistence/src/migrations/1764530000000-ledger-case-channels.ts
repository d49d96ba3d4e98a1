import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 — cases listed by channel: `ledger.cases.channels` holds every channel a case's reports came through (the
 * first report's and each grouped one's, first-heard order), so `GET /v1/cases?channel=hotline_12345` finds a case
 * that any 12345 work order joined, not only the ones a 12345 order opened. Filled by the fold (FOLD_VERSION 6 refolds
 * the cases already stored, in the background at the ledger's start).
 */
export class LedgerCaseChannels1764530000000 implements MigrationInterface {
  name = 'LedgerCaseChannels1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.cases ADD COLUMN channels text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX cases_channels_idx ON ledger.cases USING gin (channels)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger.cases_channels_idx`);
    await q.query(`ALTER TABLE ledger.cases DROP COLUMN channels`);
  }
}
