import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DisclosureApplicationEntity, OutboxEntity } from '@huiying/persistence';

const UNIQUE_VIOLATION = '23505';

export type OutboxRow = Omit<OutboxEntity, 'id' | 'createdAt' | 'sentAt' | 'attempts' | 'lastError'>;

/** The received event of an application, built once its receipt (and everything decided with it) is set. */
export type ReceivedEventFor = (app: DisclosureApplicationEntity) => OutboxRow;

/** What the service decided about a confirmation, seeing the locked application. */
export type ConfirmationPlan =
  | { kind: 'unchanged' }
  | {
      kind: 'confirm';
      receivedOn: string;
      confirmation: Pick<DisclosureApplicationEntity, 'receiptConfirmedOn' | 'receiptConfirmedVia' | 'receiptConfirmedBy' | 'receiptConfirmationNote' | 'receiptConfirmationRecordedAt'>;
      event: ReceivedEventFor;
    };

/** One row of the queue of unconfirmed receipts (no personal data). */
export interface UnconfirmedRow {
  id: string;
  caseId: string;
  channel: string;
  filedAs: string;
  clientRef: string | null;
  receipt: Record<string, unknown>;
  receivedAt: Date;
  /** received_at as Postgres prints it: the exact keyset position (microseconds). */
  receivedAtKey: string;
}

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
   * The application, and its received event when its receipt is known, in one transaction (nothing acknowledged is
   * lost). A concurrent insert of the same clientRef loses on the unique index and gets the winner's application: one
   * application per clientRef, always.
   */
  async storeWithOutbox(app: DisclosureApplicationEntity, event: ReceivedEventFor | null): Promise<{ stored: DisclosureApplicationEntity; duplicate: boolean }> {
    try {
      await this.ds.transaction(async (em) => {
        await em.insert(DisclosureApplicationEntity, app as never);
        if (event) await this.insertOutbox(em, event(app));
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

  /**
   * Records a receipt confirmation once: the application is locked (SELECT … FOR UPDATE) so two confirmations at the
   * same moment are decided one after the other; `decide` sees the locked row and says whether anything changes (it
   * may throw to refuse). The receipt, the confirmation and the received event are written in one transaction, so the
   * event leaves exactly once. Null when there is no such application.
   */
  async confirmReceipt(id: string, decide: (app: DisclosureApplicationEntity) => ConfirmationPlan): Promise<{ app: DisclosureApplicationEntity; changed: boolean } | null> {
    return this.ds.transaction(async (em) => {
      const app = await em.findOne(DisclosureApplicationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!app) return null;
      const plan = decide(app);
      if (plan.kind === 'unchanged') return { app, changed: false };
      Object.assign(app, plan.confirmation, { receiptStatus: 'received', receivedOn: plan.receivedOn });
      await em.update(
        DisclosureApplicationEntity,
        { id, receiptStatus: 'awaiting_receipt_confirmation' },
        { ...plan.confirmation, receiptStatus: 'received', receivedOn: plan.receivedOn },
      );
      await this.insertOutbox(em, plan.event(app));
      return { app, changed: true };
    });
  }

  /** Applications awaiting receipt confirmation, oldest first (keyset after the given position). */
  async listUnconfirmed(limit: number, after?: { receivedAtKey: string; id: string }): Promise<UnconfirmedRow[]> {
    const rows = (await this.ds.query(
      `SELECT id, case_id, channel, filed_as, client_ref, receipt, received_at, received_at::text AS received_at_key
         FROM intake.disclosure_applications
        WHERE receipt_status = 'awaiting_receipt_confirmation'
          AND ($1::timestamptz IS NULL OR (received_at, id) > ($1::timestamptz, $2::uuid))
        ORDER BY received_at, id
        LIMIT $3`,
      [after?.receivedAtKey ?? null, after?.id ?? null, limit],
    )) as { id: string; case_id: string; channel: string; filed_as: string; client_ref: string | null; receipt: Record<string, unknown>; received_at: Date; received_at_key: string }[];
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      channel: r.channel,
      filedAs: r.filed_as,
      clientRef: r.client_ref,
      receipt: r.receipt,
      receivedAt: r.received_at,
      receivedAtKey: r.received_at_key,
    }));
  }

  async countUnconfirmed(): Promise<number> {
    const [row] = (await this.ds.query(`SELECT count(*)::int AS n FROM intake.disclosure_applications WHERE receipt_status = 'awaiting_receipt_confirmation'`)) as { n: number }[];
    return row.n;
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

  private async insertOutbox(em: EntityManager, outbox: OutboxRow): Promise<void> {
    await em.getRepository(OutboxEntity).insert({ ...outbox, payload: outbox.payload as never, sentAt: null, attempts: 0, lastError: null });
  }
}
