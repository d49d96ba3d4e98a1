import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (special reports 舆情专报 for major cases) — ledger.special_report_triggers: why the ledger owes an opinion
 * case an automatic special report, one row per case and trigger — `major` (the case was graded major or especially
 * major) and `closed` (such a case was closed). The read-model fold records them in the transaction of the event
 * (INSERT … ON CONFLICT DO NOTHING: each trigger once per case); the ledger's sweep claims the pending ones with
 * FOR UPDATE SKIP LOCKED and, in one transaction, stores the version and marks them with it (`version`), so a trigger
 * is neither lost nor served twice, with any number of ledger replicas. A failed generation is retried later
 * (`attempts`, `next_attempt_at`, `last_error`). Existing cases are recorded here from the read model.
 */
export class LedgerSpecialReportTriggers1764529000000 implements MigrationInterface {
  name = 'LedgerSpecialReportTriggers1764529000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger.special_report_triggers (
      case_id uuid NOT NULL,
      trigger text NOT NULL CHECK (trigger IN ('major', 'closed')),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      version int,
      generated_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      PRIMARY KEY (case_id, trigger),
      FOREIGN KEY (case_id, version) REFERENCES ledger.special_reports (case_id, version)
    )`);
    await q.query(`CREATE INDEX special_report_triggers_pending_idx ON ledger.special_report_triggers (next_attempt_at) WHERE version IS NULL`);
    // cases the ledger holds already: graded major or above at some event (or now), and closed among them
    await q.query(`INSERT INTO ledger.special_report_triggers (case_id, trigger)
      SELECT c.case_id, t.trigger FROM ledger.cases c
      CROSS JOIN LATERAL (VALUES ('major'), ('closed')) AS t (trigger)
      WHERE c.kind = 'opinion'
        AND (c.grade IN ('major', 'especially_major')
          OR EXISTS (SELECT 1 FROM ledger.case_history h WHERE h.case_id = c.case_id AND h.grade IN ('major', 'especially_major')))
        AND (t.trigger = 'major'
          OR EXISTS (SELECT 1 FROM ledger.case_history h WHERE h.case_id = c.case_id AND h.change = 'stage' AND h.stage IN ('closed', 'evaluated')))
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger.special_report_triggers`);
  }
}
