import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DisclosureApplicationEntity, OutboxEntity } from '@huiying/persistence';
import { traceCarrierOf } from '@huiying/platform';
import { applicantMonthOf } from './applicant-key';

const UNIQUE_VIOLATION = '23505';
/** First key of pg_advisory_xact_lock(int, int) for an applicant's monthly count (the second is the applicant key's hash). */
const APPLICANT_MONTH_LOCK_CLASS = 20265;

export type OutboxRow = Omit<OutboxEntity, 'id' | 'createdAt' | 'sentAt' | 'attempts' | 'lastError' | 'traceparent' | 'tracestate'>;

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
        await this.countInMonth(em, app);
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
      await this.countInMonth(em, app);
      await em.update(
        DisclosureApplicationEntity,
        { id, receiptStatus: 'awaiting_receipt_confirmation' },
        { ...plan.confirmation, receiptStatus: 'received', receivedOn: plan.receivedOn, applicantMonth: app.applicantMonth, applicantMonthOrdinal: app.applicantMonthOrdinal },
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

  /**
   * Inside the caller's transaction, when an application's receipt is set: its ordinal among the applicant's disclosure
   * applications received in the same calendar month (国办函〔2020〕109号 第四条; by receipt date, Asia/Shanghai).
   * The applicant key is locked for the rest of the transaction (pg_advisory_xact_lock), so two applications of one
   * applicant received at the same moment are counted one after the other: never the same ordinal (the unique index
   * would refuse it anyway). The ordinal is fixed once given: an application whose receipt is recorded later with an
   * earlier receipt date in the month counts after those already counted — the month's total is right either way.
   * Filings that are not disclosure applications (complaint, petition, report) are not counted.
   */
  private async countInMonth(em: EntityManager, app: DisclosureApplicationEntity): Promise<void> {
    if (!app.receivedOn || !app.applicantKey || app.filedAs !== 'disclosure_application' || app.applicantMonthOrdinal !== null) return;
    await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [APPLICANT_MONTH_LOCK_CLASS, app.applicantKey]);
    const month = applicantMonthOf(app.receivedOn);
    const [row] = (await em.query(
      `SELECT count(*)::int AS n FROM intake.disclosure_applications
        WHERE applicant_key = $1 AND filed_as = 'disclosure_application' AND receipt_status = 'received'
          AND received_on >= $2::date AND received_on < ($2::date + interval '1 month') AND id <> $3`,
      [app.applicantKey, `${month}-01`, app.id],
    )) as { n: number }[];
    app.applicantMonth = month;
    app.applicantMonthOrdinal = row.n + 1;
  }

  /**
   * Applications stored before the applicant key existed, a page at a time (keyset by id): intake keys them at start
   * so they count in their month too.
   */
  async unkeyed(afterId: string | null, limit: number): Promise<{ id: string; applicantEncrypted: string }[]> {
    const rows = (await this.ds.query(
      `SELECT id, applicant_encrypted FROM intake.disclosure_applications
        WHERE applicant_key IS NULL AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    )) as { id: string; applicant_encrypted: string }[];
    return rows.map((r) => ({ id: r.id, applicantEncrypted: r.applicant_encrypted }));
  }

  /** Sets a missing applicant key (another instance may have set it first: then nothing changes). */
  async setApplicantKey(id: string, applicantKey: string): Promise<void> {
    await this.ds.query(`UPDATE intake.disclosure_applications SET applicant_key = $2 WHERE id = $1 AND applicant_key IS NULL`, [id, applicantKey]);
  }

  private async insertOutbox(em: EntityManager, outbox: OutboxRow): Promise<void> {
    // with the request's trace context, which the relay sends on in the Kafka headers (README → Traces)
    await em.getRepository(OutboxEntity).insert({ ...outbox, payload: outbox.payload as never, sentAt: null, attempts: 0, lastError: null, ...traceCarrierOf() });
  }
}
