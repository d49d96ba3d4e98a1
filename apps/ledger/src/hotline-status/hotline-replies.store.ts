import type { EntityManager } from 'typeorm';
import { EVENT_TYPES, HOTLINE_SOURCE_PREFIX, makeEnvelope, TOPICS } from '@huiying/contracts';
import { traceCarrierOf } from '@huiying/platform';
import type { FoldableEvent } from '../cases/case-fold';
import { hotlineReplies, type CaseOrder } from './hotline-replies';

/**
 * Stores the replies a case owes its 12345 orders and their outbox rows, in the caller's transaction; each (order,
 * case event) once (ledger.hotline_replies' key), so calling it again — a redelivered event, a report mapped after
 * the case replied — adds only what is missing. Both callers (the case-event fold, the report mapping) take the same
 * per-case lock first, so one always sees what the other committed: no reply falls between them.
 * Returns how many replies were new.
 */
export async function syncHotlineReplies(em: EntityManager, caseId: string, events?: readonly FoldableEvent[]): Promise<number> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('hotline-replies:' || $1))`, [caseId]);
  const orders: CaseOrder[] = (
    (await em.query(`SELECT report_id, source_ref FROM ledger.case_reports WHERE case_id = $1 AND source_ref LIKE $2 ORDER BY received_at, report_id`, [
      caseId, `${HOTLINE_SOURCE_PREFIX}%`,
    ])) as { report_id: string; source_ref: string }[]
  ).map((r) => ({ reportId: r.report_id, sourceRef: r.source_ref }));
  if (!orders.length) return 0;
  const history =
    events ??
    ((await em.query(
      `SELECT sequence, change, stage, grade, department, occurred_at, detail FROM ledger.case_history
        WHERE case_id = $1 AND ((change = 'stage' AND stage IN ('responded', 'closed')) OR change = 'response') ORDER BY sequence`,
      [caseId],
    )) as { sequence: number; change: string; stage: string; grade: string | null; department: string | null; occurred_at: Date; detail: Record<string, unknown> }[]).map(
      (r): FoldableEvent => ({ sequence: r.sequence, change: r.change, stage: r.stage, grade: r.grade, department: r.department, occurredAt: r.occurred_at, detail: r.detail }),
    );
  let added = 0;
  const { traceparent, tracestate } = traceCarrierOf();
  for (const reply of hotlineReplies(caseId, orders, history)) {
    const inserted = (await em.query(
      `INSERT INTO ledger.hotline_replies (order_no, sequence, case_id, report_id, kind, stage, handling_unit, result, replied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (order_no, sequence) DO NOTHING RETURNING order_no`,
      [reply.orderNo, reply.sequence, reply.caseId, reply.reportId, reply.kind, reply.stage, reply.handlingUnit, reply.result, reply.repliedAt],
    )) as unknown[];
    if (!inserted.length) continue;
    const envelope = makeEnvelope({
      id: `hotline-reply:${reply.orderNo}:${reply.sequence}`, type: EVENT_TYPES.hotlineWorkOrderReply, source: '/huiying/ledger', time: reply.repliedAt, subject: reply.orderNo, data: reply,
    });
    await em.query(`INSERT INTO ledger.outbox (event_id, topic, message_key, payload, traceparent, tracestate) VALUES ($1, $2, $3, $4, $5, $6)`, [
      envelope.id, TOPICS.hotlineWorkOrderReplies, reply.orderNo, JSON.stringify(envelope), traceparent, tracestate,
    ]);
    added++;
  }
  return added;
}
