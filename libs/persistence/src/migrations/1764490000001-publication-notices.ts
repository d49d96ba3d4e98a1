import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * publication.notices: the notices of a disclosure application's process (补正告知书, 征求意见书, 延期答复告知书,
 * 收费通知书, the third-party notice, the 第三十五条 notices), rendered once per request id (`<caseId>:notice:<n>`)
 * as HTML and PDF with their SHA-256, beside the reply letters.
 */
export class PublicationNotices1764490000001 implements MigrationInterface {
  name = 'PublicationNotices1764490000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publication.notices (
        request_id text PRIMARY KEY,
        case_id uuid NOT NULL,
        notice_id text NOT NULL,
        kind text NOT NULL,
        addressee text NOT NULL,
        title text NOT NULL,
        reference text NOT NULL,
        articles text[] NOT NULL,
        issued_on date NOT NULL,
        html text NOT NULL,
        html_sha256 text NOT NULL,
        pdf bytea NOT NULL,
        pdf_sha256 text NOT NULL,
        font text NOT NULL,
        request jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, notice_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publication.notices`);
  }
}
