import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 — every clock starts on the right event, every published policy is honoured:
 * - intake.reports: `discovered_at` (when the channel or monitoring found the matter, if it said so) and
 *   `jurisdiction` (the policy jurisdiction the report asked for; null = the deployment's default);
 * - routing.case_routes: which jurisdiction's version decided the routing and the deadlines, and how the deadline
 *   policy was chosen (its own version in force, or the national baseline). Rows written before stay null: their
 *   rule and policy versions are of the case's own jurisdiction, or the workflow resolved the policy itself;
 * - ledger.cases: `discovered_at_source` (channel | receipt), folded from the collected event.
 */
export class PolicyInForce1764480000000 implements MigrationInterface {
  name = 'PolicyInForce1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE intake.reports ADD COLUMN discovered_at timestamptz, ADD COLUMN jurisdiction text`);
    await q.query(`ALTER TABLE intake.reports ADD CONSTRAINT reports_discovered_not_after_receipt CHECK (discovered_at IS NULL OR discovered_at <= received_at + interval '5 minutes')`);
    await q.query(`ALTER TABLE routing.case_routes
      ADD COLUMN rule_jurisdiction text,
      ADD COLUMN policy_jurisdiction text,
      ADD COLUMN policy_resolved_by text CHECK (policy_resolved_by IN ('in_force', 'national_fallback'))`);
    await q.query(`ALTER TABLE ledger.cases ADD COLUMN discovered_at_source text CHECK (discovered_at_source IN ('channel', 'receipt'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger.cases DROP COLUMN discovered_at_source`);
    await q.query(`ALTER TABLE routing.case_routes DROP COLUMN policy_resolved_by, DROP COLUMN policy_jurisdiction, DROP COLUMN rule_jurisdiction`);
    await q.query(`ALTER TABLE intake.reports DROP CONSTRAINT reports_discovered_not_after_receipt`);
    await q.query(`ALTER TABLE intake.reports DROP COLUMN jurisdiction, DROP COLUMN discovered_at`);
  }
}
