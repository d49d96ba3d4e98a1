// Every deadline clock of an opinion case with its due and met time, as far as the case events say them: the clock
// snapshots (routed, assessments), the clocks a claim starts, a transfer's claim clock, a requested press conference,
// what a claim / response / follow-up / report to the superior met, escalations, and what the closure left unmet.
// Pure; used by the special report (舆情专报).
import type { FoldableEvent } from '../cases/case-fold';
import { shanghaiMinute } from '../key-cases/key-case.csv';
import { CLOCK_LABELS, CLOCK_STATUS_LABELS, label } from './special-report.labels';

export interface ReportClock {
  id: string;
  clock: string;
  dueAt: string;
  metAt: string;
  status: string;
}

interface Clock {
  id: string;
  clock: string;
  dueAt: string | null;
  metAt: string | null;
  status: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const kindOf = (id: string): string => id.split('#')[0] ?? id;

export function foldReportClocks(events: readonly FoldableEvent[]): ReportClock[] {
  const clocks = new Map<string, Clock>();
  const touch = (id: string, clock?: string | null): Clock => {
    let c = clocks.get(id);
    if (!c) {
      c = { id, clock: clock ?? kindOf(id), dueAt: null, metAt: null, status: 'pending' };
      clocks.set(id, c);
    }
    return c;
  };
  const meet = (id: string | null, at: string, late: unknown, dueAt?: unknown) => {
    if (!id) return;
    const c = touch(id);
    c.metAt = at;
    c.status = late === true ? 'late' : 'met';
    c.dueAt = str(dueAt) ?? c.dueAt;
  };
  for (const e of [...events].sort((a, b) => a.sequence - b.sequence)) {
    const d = e.detail ?? {};
    const at = e.occurredAt.toISOString();
    if (Array.isArray(d.clocks)) {
      for (const s of d.clocks as Record<string, unknown>[]) {
        const id = str(s?.id);
        if (!id) continue;
        const c = touch(id, str(s.clock));
        c.dueAt = str(s.dueAt) ?? c.dueAt;
        if (!c.metAt && typeof s.status === 'string') c.status = s.status;
      }
      const superseded = (d.rearmed as { superseded?: unknown } | undefined)?.superseded;
      if (Array.isArray(superseded)) for (const id of superseded) if (typeof id === 'string') touch(id).status = 'superseded';
    }
    if (Array.isArray(d.startedClocks)) {
      for (const s of d.startedClocks as Record<string, unknown>[]) {
        const id = str(s?.id);
        if (id) Object.assign(touch(id, str(s.clock)), { dueAt: str(s.dueAt), status: 'pending' });
      }
    }
    const claimClock = d.claimClock as Record<string, unknown> | undefined;
    if (claimClock && str(claimClock.id)) {
      for (const c of clocks.values()) if (c.clock === 'claim' && c.status === 'pending') c.status = 'superseded';
      touch(str(claimClock.id) as string, 'claim').dueAt = str(claimClock.dueAt);
    }
    if (e.change === 'claim' || (e.change === 'stage' && e.stage === 'claimed')) meet(str(d.clockId), at, d.late);
    if (e.change === 'press_conference_requested' && str(d.clockId)) touch(str(d.clockId) as string, 'press_conference').dueAt = str(d.dueAt);
    if (Array.isArray(d.met)) {
      const metAt = str(d.publishedAt) ?? at;
      for (const m of d.met as Record<string, unknown>[]) meet(str(m?.clockId), metAt, m?.late, m?.dueAt);
    } else if (d.met && typeof d.met === 'object') {
      const m = d.met as Record<string, unknown>;
      meet(str(m.clockId), str(d.reportedAt) ?? at, m.late, m.dueAt);
    }
    if (e.change === 'escalation' && str(d.clockId)) {
      const c = touch(str(d.clockId) as string, str(d.clock));
      c.dueAt = str(d.dueAt) ?? c.dueAt;
      if (!c.metAt) c.status = 'escalated';
    }
    if (e.change === 'stage' && (e.stage === 'closed' || e.stage === 'evaluated')) {
      for (const c of clocks.values()) if (c.status === 'pending' || c.status === 'awaiting_claim') c.status = 'superseded';
    }
  }
  return [...clocks.values()].map((c) => ({
    id: c.id, clock: label(CLOCK_LABELS, c.clock), dueAt: shanghaiMinute(c.dueAt) || '—', metAt: shanghaiMinute(c.metAt) || '—', status: label(CLOCK_STATUS_LABELS, c.status),
  }));
}
