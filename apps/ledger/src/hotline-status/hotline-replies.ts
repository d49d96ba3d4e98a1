// Replies to the 12345 platform (工单回复/办结反馈, issue 15): which case events call for a reply to each 12345 work
// order of the case, and what the reply says. Pure; hotline-replies.store.ts writes them with the outbox row.
import { HOTLINE_SOURCE_PREFIX, type HotlineReplyKind, type HotlineWorkOrderReplyV1 } from '@huiying/contracts';
import type { FoldableEvent } from '../cases/case-fold';

/** A 12345 work order of the case: its report as ledger.case_reports keeps it. */
export interface CaseOrder {
  reportId: string;
  sourceRef: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Shanghai wall time of an instant, e.g. 2026-11-20 17:30 (the platform's staff read it as local time). */
function shanghai(iso: string | null): string | null {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return null;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The kind of reply a case event calls for: a response (the first one moves the case to responded; later ones leave the stage) or the closure. */
export function replyKind(e: Pick<FoldableEvent, 'change' | 'stage'>): HotlineReplyKind | null {
  if ((e.change === 'stage' && e.stage === 'responded') || e.change === 'response') return 'response';
  if (e.change === 'stage' && e.stage === 'closed') return 'closure';
  return null;
}

/** What the reply says: the resolution on closure; on a response, what was published, where and when. */
export function replyResult(kind: HotlineReplyKind, detail: Record<string, unknown>): string {
  if (kind === 'closure') return str(detail.resolution) ?? '已办结';
  const at = shanghai(str(detail.publishedAt));
  const channel = str(detail.channel);
  const form = str(detail.form);
  return ['已回应', at && `（${at} 北京时间）`, channel && `，发布渠道：${channel}`, form && `，形式：${form}`].filter(Boolean).join('');
}

/** Every reply the case's events call for, to every 12345 order of the case: one per (order, event). */
export function hotlineReplies(caseId: string, orders: readonly CaseOrder[], events: readonly FoldableEvent[]): HotlineWorkOrderReplyV1[] {
  const out: HotlineWorkOrderReplyV1[] = [];
  const twelve = orders.filter((o) => o.sourceRef.startsWith(HOTLINE_SOURCE_PREFIX));
  for (const e of [...events].sort((a, b) => a.sequence - b.sequence)) {
    const kind = replyKind(e);
    if (!kind) continue;
    for (const o of twelve) {
      out.push({
        orderNo: o.sourceRef.slice(HOTLINE_SOURCE_PREFIX.length),
        sequence: e.sequence,
        kind,
        caseId,
        reportId: o.reportId,
        stage: e.stage,
        handlingUnit: e.department,
        result: replyResult(kind, e.detail ?? {}),
        repliedAt: e.occurredAt.toISOString(),
      });
    }
  }
  return out;
}
