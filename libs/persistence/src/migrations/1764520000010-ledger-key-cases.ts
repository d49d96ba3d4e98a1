import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (supervision) — the key-case ledger (重点舆情台账): ledger.cases `key_case_status` (null: not a key
 * case; open | resolution_recorded | resolved), `key_case_marked_at`, `accountability_talks` (约谈 count), folded
 * from the case events (fold version 4: cases folded before are folded again at start), so GET /v1/key-cases filters in SQL.
 */
export class LedgerKeyCases1764520000010 implements MigrationInterface {
  name = 'LedgerKeyCases1764520000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.cases
      ADD COLUMN key_case_status text CHECK (key_case_status IN ('open', 'resolution_recorded', 'resolved')),
      ADD COLUMN key_case_marked_at timestamptz,
      ADD COLUMN accountability_talks int NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX cases_key_case_idx ON ledger.cases (key_case_marked_at DESC, case_id) WHERE key_case_status IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger.cases_key_case_idx`);
    await q.query(`ALTER TABLE ledger.cases DROP COLUMN key_case_status, DROP COLUMN key_case_marked_at, DROP COLUMN accountability_talks`);
  }
}
