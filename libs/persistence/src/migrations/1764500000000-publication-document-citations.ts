import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * publication: every document records every source it cites with its document (`citations`: the 条例's articles,
 * 国办函〔2020〕109号, the 行政复议法 / 行政诉讼法 articles of its remedies), and a notice that states remedies (the
 * third-party override notice) the remedies version it quoted. Documents stored before have none (null).
 */
export class PublicationDocumentCitations1764500000000 implements MigrationInterface {
  name = 'PublicationDocumentCitations1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publication.reply_letters ADD COLUMN citations text[]`);
    await q.query(`ALTER TABLE publication.notices ADD COLUMN citations text[], ADD COLUMN remedies_version text`);
    await q.query(`CREATE INDEX notices_case_issued_idx ON publication.notices (case_id, issued_on, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX publication.notices_case_issued_idx`);
    await q.query(`ALTER TABLE publication.notices DROP COLUMN remedies_version, DROP COLUMN citations`);
    await q.query(`ALTER TABLE publication.reply_letters DROP COLUMN citations`);
  }
}
