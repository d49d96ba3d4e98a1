import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { IdDocumentType } from '@huiying/contracts';
import { FieldCipher } from '@huiying/persistence';
import { LOGGER } from '../infrastructure.module';
import { ApplicantKeyer } from './applicant-key';
import { DisclosureApplicationRepository } from './disclosure.repository';

const PAGE = 200;

/**
 * Applications stored before the applicant key existed get it at start, in the background (decrypted here, never
 * logged), so they count in their month like the others. Idempotent, safe with several instances (a key is only set
 * where none is). A row that cannot be decrypted (another data key) is skipped and named by id.
 */
@Injectable()
export class ApplicantKeyBackfill implements OnApplicationBootstrap {
  constructor(
    private readonly repo: DisclosureApplicationRepository,
    private readonly cipher: FieldCipher,
    private readonly keyer: ApplicantKeyer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap() {
    void this.run().catch((err) => this.logger.error({ err }, 'keying older disclosure applications failed; it is retried at the next start'));
  }

  async run(): Promise<{ keyed: number; skipped: string[] }> {
    let after: string | null = null;
    let keyed = 0;
    const skipped: string[] = [];
    for (;;) {
      const rows = await this.repo.unkeyed(after, PAGE);
      if (!rows.length) break;
      for (const row of rows) {
        let key: string;
        try {
          const { idDocument } = this.cipher.decryptJson<{ idDocument: { type: IdDocumentType; number: string } }>(row.applicantEncrypted);
          key = this.keyer.keyOf(idDocument);
        } catch {
          skipped.push(row.id);
          continue;
        }
        await this.repo.setApplicantKey(row.id, key);
        keyed += 1;
      }
      after = rows[rows.length - 1].id;
    }
    if (keyed || skipped.length) this.logger.info({ keyed, skipped }, 'older disclosure applications keyed by applicant (monthly count)');
    return { keyed, skipped };
  }
}
