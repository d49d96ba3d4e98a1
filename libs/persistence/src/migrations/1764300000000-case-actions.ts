import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing: the opinion deadline policy version a case was started under (fixed once, like the rule version), and the
 * calendar notices already signalled to each open case (calendar.updated.v1 is delivered at least once).
 * Assessment: per-case report signals (features), automatic and analyst assessments with their score parts, and the
 * consultation / approval / verification decisions taken through the assessment API.
 */
export class CaseActions1764300000000 implements MigrationInterface {
  name = 'CaseActions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE routing.case_routes ADD COLUMN policy_version text`);
    await q.query(`CREATE TABLE routing.calendar_signals (
      event_id text NOT NULL,
      case_id uuid NOT NULL,
      case_kind text NOT NULL CHECK (case_kind IN ('opinion', 'disclosure')),
      signalled_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, case_id)
    )`);

    await q.query(`CREATE SCHEMA IF NOT EXISTS assessment`);
    await q.query(`CREATE TABLE assessment.case_reports (
      report_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      channel text NOT NULL,
      received_at timestamptz NOT NULL,
      district text,
      township text,
      sensitive_terms text[] NOT NULL,
      casualty_terms text[] NOT NULL,
      lexicon_version text NOT NULL,
      source_event_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX case_reports_case_idx ON assessment.case_reports (case_id, received_at)`);
    await q.query(`CREATE TABLE assessment.cases (
      case_id uuid PRIMARY KEY,
      stage text NOT NULL,
      department text,
      claimed boolean NOT NULL DEFAULT false,
      last_sequence int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE assessment.assessments (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      source text NOT NULL CHECK (source IN ('automatic', 'analyst')),
      grade text NOT NULL,
      risk_level text NOT NULL,
      needs_response boolean NOT NULL,
      sensitive boolean NOT NULL,
      flags jsonb NOT NULL,
      score int,
      score_parts jsonb,
      features jsonb,
      model_version text,
      lexicon_version text,
      assessed_by text NOT NULL,
      reason text,
      overrides_id uuid REFERENCES assessment.assessments (id),
      effective_grade text NOT NULL,
      workflow_sequence int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX assessments_case_idx ON assessment.assessments (case_id, created_at)`);
    await q.query(`CREATE TABLE assessment.decisions (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      action text NOT NULL CHECK (action IN ('consultation', 'approval', 'verification')),
      body jsonb NOT NULL,
      actor text NOT NULL,
      stage_after text NOT NULL,
      workflow_sequence int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX decisions_case_idx ON assessment.decisions (case_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA assessment CASCADE`);
    await q.query(`DROP TABLE routing.calendar_signals`);
    await q.query(`ALTER TABLE routing.case_routes DROP COLUMN policy_version`);
  }
}
