import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Near-duplicate grouping of reports (issue 4): each report keeps its place key and text fingerprint (MinHash) so
 * that the candidates of a new report come from one indexed query (same place key, received within the window), and
 * records why it joined its case. intake.closed_cases lists cases closed according to cases.events.v1: their reports
 * are no candidates (a near-duplicate of a closed case opens a new one). Reports stored before this migration have no
 * fingerprint and are never candidates.
 */
export class ReportGrouping1764460000000 implements MigrationInterface {
  name = 'ReportGrouping1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE intake.reports
      ADD COLUMN place_key text,
      ADD COLUMN text_minhash bytea,
      ADD COLUMN grouping_reason text CHECK (grouping_reason IN ('sourceRef', 'near_duplicate')),
      ADD COLUMN grouped_with_report_id uuid,
      ADD COLUMN grouping_similarity real CHECK (grouping_similarity BETWEEN 0 AND 1)`);
    await q.query(`CREATE INDEX reports_grouping_candidates_idx ON intake.reports (place_key, received_at) WHERE text_minhash IS NOT NULL`);
    await q.query(`CREATE TABLE intake.closed_cases (
      case_id uuid PRIMARY KEY,
      stage text NOT NULL,
      closed_at timestamptz NOT NULL,
      source_event_id text NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE intake.closed_cases`);
    await q.query(`DROP INDEX intake.reports_grouping_candidates_idx`);
    await q.query(`ALTER TABLE intake.reports DROP COLUMN grouping_similarity, DROP COLUMN grouped_with_report_id, DROP COLUMN grouping_reason, DROP COLUMN text_minhash, DROP COLUMN place_key`);
  }
}
