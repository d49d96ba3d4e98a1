import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * publication schema: reply letters of disclosure applications (政府信息公开申请答复告知书), one per case reply, as HTML
 * and PDF with their SHA-256, the data they were rendered from, and the record of the copy (抄送) to the supervising
 * disclosure department.
 */
export class PublicationReplyLetters1764200000000 implements MigrationInterface {
  name = 'PublicationReplyLetters1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS publication`);
    await q.query(`CREATE TABLE publication.reply_letters (
      letter_id uuid PRIMARY KEY,
      case_id uuid NOT NULL UNIQUE,
      request_id text NOT NULL UNIQUE,
      application_id uuid NOT NULL,
      reply_type text NOT NULL,
      result_code text NOT NULL,
      reference text NOT NULL,
      articles text[] NOT NULL,
      received_on date NOT NULL,
      answer_due date,
      issued_on date NOT NULL,
      html text NOT NULL,
      html_sha256 char(64) NOT NULL,
      pdf bytea NOT NULL,
      pdf_sha256 char(64) NOT NULL,
      font text NOT NULL,
      request jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX reply_letters_issued_on_idx ON publication.reply_letters (issued_on)`);
    await q.query(`CREATE TABLE publication.letter_copies (
      letter_id uuid NOT NULL REFERENCES publication.reply_letters (letter_id),
      department text NOT NULL,
      department_name text NOT NULL,
      copied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (letter_id, department)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publication.letter_copies`);
    await q.query(`DROP TABLE publication.reply_letters`);
  }
}
