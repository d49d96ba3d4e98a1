import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DisclosureApplicationEntity, OutboxEntity } from '@huiying/persistence';

const UNIQUE_VIOLATION = '23505';

export type OutboxRow = Omit<OutboxEntity, 'id' | 'createdAt' | 'sentAt' | 'attempts' | 'lastError'>;

/** The only place the disclosure intake touches the database (intake.disclosure_applications, intake.outbox). */
@Injectable()
export class DisclosureApplicationRepository {
  constructor(private readonly ds: DataSource) {}

  findByClientRef(clientRef: string): Promise<DisclosureApplicationEntity | null> {
    return this.ds.manager.findOne(DisclosureApplicationEntity, { where: { clientRef } });
  }

  find(id: string): Promise<DisclosureApplicationEntity | null> {
    return this.ds.manager.findOne(DisclosureApplicationEntity, { where: { id } });
  }

  /**
   * The application and its outbox row in one transaction. A concurrent insert of the same clientRef loses on the
   * unique index and gets the winner's application: one application per clientRef, always.
   */
  async storeWithOutbox(app: DisclosureApplicationEntity, outbox: OutboxRow): Promise<{ stored: DisclosureApplicationEntity; duplicate: boolean }> {
    try {
      await this.ds.transaction(async (em) => {
        await em.insert(DisclosureApplicationEntity, app as never);
        await em.getRepository(OutboxEntity).insert({ ...outbox, payload: outbox.payload as never, sentAt: null, attempts: 0, lastError: null });
      });
      return { stored: app, duplicate: false };
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION && app.clientRef) {
        const existing = await this.findByClientRef(app.clientRef);
        if (existing) return { stored: existing, duplicate: true };
      }
      throw e;
    }
  }

  /** Records the conversion once; a second conversion keeps the first opinion case. */
  async markConverted(id: string, opinionCaseId: string, convertedBy: string): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(DisclosureApplicationEntity)
      .set({ convertedCaseId: opinionCaseId, convertedBy, convertedAt: () => 'now()' })
      .where('id = :id AND converted_case_id IS NULL', { id })
      .execute();
  }
}
