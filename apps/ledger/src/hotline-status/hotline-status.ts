// Status by order number (issue 15): what the 12345 platform asks about its own work orders. Pure: the service reads
// the rows, this decides what each order number answers.
import { canReach, type Caller } from '@huiying/access';
import { HOTLINE_SOURCE_PREFIX, type HotlineOrderStatusDto } from '@huiying/contracts';
import type { OrderStatusRow } from './hotline-status.repository';

export const sourceRefOf = (orderNo: string) => `${HOTLINE_SOURCE_PREFIX}${orderNo}`;

/** Each order number once, in the order asked. */
export function distinctOrderNumbers(orderNos: readonly string[]): string[] {
  return [...new Set(orderNos)];
}

const notFound = (orderNo: string): HotlineOrderStatusDto => ({
  orderNo, found: false, caseId: null, reportId: null, stage: null, leadDepartment: null, jurisdiction: null, reportsInCase: 0, dueTimes: [], overdue: false, closedAt: null, receivedAt: null,
  lastReply: null,
});

/**
 * One item per order number asked. An order whose case is out of the caller's reach answers as not found (the
 * answer does not tell an order exists elsewhere); an order whose report arrived but whose case is not folded yet is
 * found, with the case's fields null.
 */
export function orderStatuses(orderNos: readonly string[], rows: readonly OrderStatusRow[], caller: Pick<Caller, 'kind' | 'department' | 'jurisdiction'>): HotlineOrderStatusDto[] {
  const bySourceRef = new Map<string, OrderStatusRow>();
  for (const r of rows) if (!bySourceRef.has(r.source_ref)) bySourceRef.set(r.source_ref, r);
  return distinctOrderNumbers(orderNos).map((orderNo) => {
    const r = bySourceRef.get(sourceRefOf(orderNo));
    if (!r) return notFound(orderNo);
    const facts = { department: r.department, coDepartments: r.co_departments ?? [], ccDepartments: r.cc_departments ?? [], jurisdiction: r.jurisdiction ?? r.report_jurisdiction };
    if (!canReach(caller, facts, 'read')) return notFound(orderNo);
    return {
      orderNo,
      found: true,
      caseId: r.case_id,
      reportId: r.report_id,
      stage: r.stage,
      leadDepartment: r.department,
      jurisdiction: r.jurisdiction ?? r.report_jurisdiction,
      reportsInCase: r.reports_in_case,
      dueTimes: r.closed_at ? [] : [...(r.pending_clock_due ?? [])].sort((a, b) => a.getTime() - b.getTime()).map((d) => d.toISOString()),
      overdue: r.overdue ?? false,
      closedAt: r.closed_at?.toISOString() ?? null,
      receivedAt: r.received_at.toISOString(),
      lastReply: r.last_reply
        ? { kind: r.last_reply.kind, sequence: r.last_reply.sequence, stage: r.last_reply.stage, result: r.last_reply.result, repliedAt: new Date(r.last_reply.replied_at).toISOString() }
        : null,
    };
  });
}
