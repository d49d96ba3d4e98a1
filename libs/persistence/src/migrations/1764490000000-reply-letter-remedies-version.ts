import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * publication.reply_letters.remedies_version: the remedies (救济途径) version a letter quoted — the one in force on its
 * issue date (@huiying/policy remedies.ts). Letters stored before it have none.
 */
export class ReplyLetterRemediesVersion1764490000000 implements MigrationInterface {
  name = 'ReplyLetterRemediesVersion1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publication.reply_letters ADD COLUMN remedies_version text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publication.reply_letters DROP COLUMN remedies_version`);
  }
}
