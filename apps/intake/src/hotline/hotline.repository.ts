import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReportGroupingV1 } from '@huiying/contracts';
import { HotlineWorkOrderEntity, HotlineWorkOrderRevisionEntity, ReportEntity } from '@huiying/persistence';
import { traceCarrierOf } from '@huiying/platform';
import { ReportRepository, type ReportDraft } from '../reports/report.repository';
import { placeKey } from '../reports/similarity/place-key';
import { reportText, textFingerprint } from '../reports/similarity/text-fingerprint';

import type { ReportUpdatedOutboxRow } from './hotline.mapping';

const UNIQUE_VIOLATION = '23505';

export interface StoredOrder {
  orderNo: string;
  revision: number;
  reportId: string;
  caseId: string;
  snapshot: Record<string, unknown>;
  callerEncrypted: string | null;
}

/** What to store for a work order never seen before (its case is decided by the report grouping). */
export interface NewOrderPlan {
  report: ReportDraft;
  order: Omit<HotlineWorkOrderEntity, 'caseId'>;
  revision: HotlineWorkOrderRevisionEntity;
}

/** What to store for a later revision of a known order. */
export interface RevisionPlan {
  order: Partial<HotlineWorkOrderEntity>;
  report: Pick<ReportEntity, 'title' | 'content' | 'category' | 'location' | 'occurredAt' | 'reporterEncrypted'>;
  revision: HotlineWorkOrderRevisionEntity;
  /** intake.reports.updated.v1, written with the update (same transaction). */
  outbox: ReportUpdatedOutboxRow;
}

export type IngestOutcome =
  | { result: 'accepted' | 'updated' | 'duplicate'; orderNo: string; caseId: string; reportId: string; revision: number; grouping?: ReportGroupingV1 };

/** The only place the hotline feature touches the database. */
@Injectable()
export class HotlineRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly reports: ReportRepository,
  ) {}

  /**
   * One work order, in one transaction, serialised per order number (row lock): a new order stores its report, the
   * report's outbox event, the order and revision 1; a higher revision updates the order and the report and appends a
   * revision; anything else is a duplicate and changes nothing. Two first deliveries racing: the loser's insert hits
   * the primary key and it is retried as a known order.
   */
  private insertRevision(em: EntityManager, r: HotlineWorkOrderRevisionEntity) {
    return em.insert(HotlineWorkOrderRevisionEntity, { ...r, snapshot: r.snapshot as never });
  }

  async ingest(
    orderNo: string,
    incomingRevision: number,
    planNew: () => NewOrderPlan,
    planRevision: (stored: StoredOrder) => RevisionPlan,
  ): Promise<IngestOutcome> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.ds.transaction((em) => this.ingestIn(em, orderNo, incomingRevision, planNew, planRevision));
      } catch (e) {
        if ((e as { code?: string }).code === UNIQUE_VIOLATION && attempt < 2) continue;
        throw e;
      }
    }
  }

  private async ingestIn(
    em: EntityManager,
    orderNo: string,
    incomingRevision: number,
    planNew: () => NewOrderPlan,
    planRevision: (stored: StoredOrder) => RevisionPlan,
  ): Promise<IngestOutcome> {
    const rows: { order_no: string; revision: number; report_id: string; case_id: string; snapshot: Record<string, unknown>; caller_encrypted: string | null }[] =
      await em.query(
        `SELECT o.order_no, o.revision, o.report_id, o.case_id, r.snapshot, r.caller_encrypted
         FROM intake.hotline_work_orders o
         JOIN intake.hotline_work_order_revisions r ON r.order_no = o.order_no AND r.revision = o.revision
         WHERE o.order_no = $1 FOR UPDATE OF o`,
        [orderNo],
      );
    const row = rows[0];
    if (!row) {
      const plan = planNew();
      const existingReport = await em.findOne(ReportEntity, { where: { sourceRef: plan.report.sourceRef as string } });
      if (existingReport) {
        // the same order was submitted earlier as a plain report (POST /v1/reports with sourceRef 12345:<orderNo>)
        await em.insert(HotlineWorkOrderEntity, { ...plan.order, reportId: existingReport.id, caseId: existingReport.caseId });
        await this.insertRevision(em, plan.revision);
        return { result: 'duplicate', orderNo, caseId: existingReport.caseId, reportId: existingReport.id, revision: plan.order.revision };
      }
      // the same grouping as every report: a near-duplicate of an open case at the same place joins it
      const stored = await this.reports.insertGrouped(em, plan.report, '/huiying/intake/hotline');
      await em.insert(HotlineWorkOrderEntity, { ...plan.order, caseId: stored.caseId });
      await this.insertRevision(em, plan.revision);
      return { result: 'accepted', orderNo, caseId: stored.caseId, reportId: plan.report.id, revision: plan.order.revision, ...(stored.grouping ? { grouping: stored.grouping } : {}) };
    }
    const stored: StoredOrder = {
      orderNo,
      revision: row.revision,
      reportId: row.report_id,
      caseId: row.case_id,
      snapshot: row.snapshot,
      callerEncrypted: row.caller_encrypted,
    };
    if (incomingRevision <= stored.revision) {
      return { result: 'duplicate', orderNo, caseId: stored.caseId, reportId: stored.reportId, revision: stored.revision };
    }
    const plan = planRevision(stored);
    await em.update(HotlineWorkOrderEntity, { orderNo }, plan.order);
    // the report stays in its case; its place key and fingerprint follow the new text for later near-duplicates
    await em.update(ReportEntity, { id: stored.reportId }, { ...plan.report, placeKey: placeKey(plan.report.location), textMinhash: textFingerprint(reportText(plan.report)) });
    await this.insertRevision(em, plan.revision);
    const { traceparent, tracestate } = traceCarrierOf();
    await em.query(
      `INSERT INTO intake.outbox (event_id, topic, message_key, payload, traceparent, tracestate) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      [plan.outbox.eventId, plan.outbox.topic, plan.outbox.messageKey, JSON.stringify(plan.outbox.payload), traceparent, tracestate],
    );
    return { result: 'updated', orderNo, caseId: stored.caseId, reportId: stored.reportId, revision: incomingRevision };
  }

  async find(orderNo: string): Promise<{ order: HotlineWorkOrderEntity; revisions: HotlineWorkOrderRevisionEntity[] } | null> {
    const order = await this.ds.manager.findOne(HotlineWorkOrderEntity, { where: { orderNo } });
    if (!order) return null;
    const revisions = await this.ds.manager.find(HotlineWorkOrderRevisionEntity, { where: { orderNo }, order: { revision: 'ASC' } });
    return { order, revisions };
  }
}
