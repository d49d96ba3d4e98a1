import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * assessment.case_reports.revision: which revision of a report its features were computed from
 * (intake.reports.updated.v1). 0 = as first received; an update applies only over an older revision, so a
 * redelivered or late older revision changes nothing.
 */
export class AssessmentReportRevisions1764470000000 implements MigrationInterface {
  name = 'AssessmentReportRevisions1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assessment.case_reports ADD COLUMN revision int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE assessment.case_reports ADD COLUMN updated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assessment.case_reports DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE assessment.case_reports DROP COLUMN revision`);
  }
}
