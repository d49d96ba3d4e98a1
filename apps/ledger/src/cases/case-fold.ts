// What a case's history says beyond its stage: where it came from, whether it is overdue (督办) and since which
// clocks, how many reminders, escalations and responses it had. Pure: the repository folds the stored history through
// it after every event (so late or repeated events cannot skew it), and the daily log folds it up to the end of a day.

export interface FoldableEvent {
  sequence: number;
  change: string;
  stage: string;
  grade: string | null;
  department: string | null;
  occurredAt: Date;
  detail: Record<string, unknown>;
}

export interface CaseFold {
  stage: string | null;
  grade: string | null;
  department: string | null;
  /** The channel of the case's first report (where the matter was first heard of). */
  channel: string | null;
  /** Every channel the case's reports came through, first-heard order (a grouped case: each report's channel once). */
  channels: string[];
  category: string | null;
  territory: string | null;
  discoveredAt: Date | null;
  /** channel: the channel said when it found the matter; receipt: the receipt time stands in (null: not said, older events). */
  discoveredAtSource: 'channel' | 'receipt' | null;
  /** Clocks past due and not met (ids such as response#1; disclosure: the clock name). */
  overdueClocks: string[];
  overdue: boolean;
  /**
   * Due times of the clocks still running (not met, escalated or superseded), as far as the case events say them: the
   * clock snapshots (routed, re-armed), the clocks a claim starts and a transfer's claim clock. Empty once the case ended.
   */
  pendingClockDue: Date[];
  escalationCount: number;
  /** Highest escalation level reached (1 = first 督办). */
  escalationLevel: number;
  reminderCount: number;
  responseCount: number;
  lateResponseCount: number;
  firstResponseAt: Date | null;
  reportCount: number;
  closedAt: Date | null;
}

/** Stages after which nothing is overdue any more (the workflow stops its clocks). */
export const ENDED_STAGES = ['closed', 'evaluated', 'reply_issued', 'abandoned', 'archived'] as const;
const ENDED = new Set<string>(ENDED_STAGES);
/** Clock statuses of a snapshot that still run towards their due time. */
const RUNNING = new Set(['pending']);

function setDue(pending: Map<string, Date>, id: unknown, dueAt: unknown): void {
  const at = str(dueAt);
  if (str(id) && at && !Number.isNaN(Date.parse(at))) pending.set(id as string, new Date(at));
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The change an event stands for: the event's own field, else the disclosure workflow's detail.change, else a stage change. */
export function changeOf(eventChange: string | undefined | null, detail: Record<string, unknown>): string {
  return eventChange ?? str(detail.change) ?? 'stage';
}

function metIds(detail: Record<string, unknown>): string[] {
  const met = detail.met;
  return Array.isArray(met) ? met.map((m) => str((m as Record<string, unknown>)?.clockId)).filter((x): x is string => x !== null) : [];
}

function clockKey(detail: Record<string, unknown>, sequence: number): string {
  return str(detail.clockId) ?? str(detail.clock) ?? `escalation@${sequence}`;
}

export function foldCaseHistory(events: readonly FoldableEvent[], until?: Date): CaseFold {
  const f: CaseFold = {
    stage: null, grade: null, department: null, channel: null, channels: [], category: null, territory: null, discoveredAt: null, discoveredAtSource: null,
    overdueClocks: [], overdue: false, pendingClockDue: [], escalationCount: 0, escalationLevel: 0, reminderCount: 0, responseCount: 0,
    lateResponseCount: 0, firstResponseAt: null, reportCount: 1, closedAt: null,
  };
  const overdue = new Set<string>();
  const pending = new Map<string, Date>();
  const sorted = [...events].sort((a, b) => a.sequence - b.sequence).filter((e) => !until || e.occurredAt < until);
  for (const e of sorted) {
    const d = e.detail ?? {};
    f.stage = e.stage;
    f.grade = e.grade ?? f.grade;
    f.department = e.department ?? f.department;
    f.channel ??= str(d.channel) && (e.sequence === 1 || e.stage === 'collected' || e.stage === 'received') ? str(d.channel) : null;
    const reportChannel = str(d.channel) && (e.sequence === 1 || e.stage === 'collected' || e.stage === 'received' || e.change === 'report_grouped') ? str(d.channel) : null;
    if (reportChannel && !f.channels.includes(reportChannel)) f.channels.push(reportChannel);
    f.category ??= str(d.category);
    f.territory ??= str(d.territory);
    if (!f.discoveredAt) {
      const at = str(d.discoveredAt) ?? str(d.receivedAt);
      if (at && !Number.isNaN(Date.parse(at))) f.discoveredAt = new Date(at);
      else if (e.sequence === 1) f.discoveredAt = e.occurredAt;
    }
    if (!f.discoveredAtSource) {
      const source = str(d.discoveredAtSource);
      if (source === 'channel' || source === 'receipt') f.discoveredAtSource = source;
    }
    // clocks the event says are no longer overdue
    for (const id of metIds(d)) {
      overdue.delete(id);
      pending.delete(id);
    }
    const snapshot = d.clocks;
    if (Array.isArray(snapshot) && snapshot.every((c) => c && typeof c === 'object' && 'status' in c)) {
      overdue.clear();
      pending.clear();
      for (const c of snapshot as Record<string, unknown>[]) {
        if (c.status === 'escalated' && str(c.id)) overdue.add(c.id as string);
        if (RUNNING.has(c.status as string)) setDue(pending, c.id, c.dueAt);
      }
    }
    if (Array.isArray(d.startedClocks)) for (const c of d.startedClocks as Record<string, unknown>[]) setDue(pending, c?.id, c?.dueAt);
    const rearmed = d.rearmed as { superseded?: unknown } | null | undefined;
    if (rearmed && Array.isArray(rearmed.superseded)) for (const id of rearmed.superseded) if (typeof id === 'string') {
      overdue.delete(id);
      pending.delete(id);
    }
    // a disclosure application's 7 working days to ask for a correction (条例第三十条) bind only while it is merely
    // registered: once the office has acted on it (any event in another stage) the lapsed window is history — its
    // escalation stays counted — not overdue; the workflow's clock view says `late` then, as routing shows it
    if (e.stage !== 'registered') overdue.delete('correction_window');
    switch (e.change) {
      case 'escalation':
        f.escalationCount++;
        f.escalationLevel = Math.max(f.escalationLevel, num(d.level) ?? 1);
        overdue.add(clockKey(d, e.sequence));
        pending.delete(clockKey(d, e.sequence));
        break;
      case 'reminder':
        f.reminderCount++;
        break;
      case 'claim': {
        const id = str(d.clockId);
        if (id) overdue.delete(id);
        if (id) pending.delete(id);
        break;
      }
      case 'transfer':
        for (const id of [...overdue]) if (id.startsWith('claim#')) overdue.delete(id);
        transferClaimClock(pending, d);
        break;
      case 'report_grouped':
        f.reportCount = Math.max(f.reportCount + 1, num(d.groupSize) ?? 0);
        break;
      case 'response':
        countResponse(f, e);
        break;
      case 'stage':
        if (e.stage === 'claimed') {
          const id = str(d.clockId);
          if (id) overdue.delete(id);
          if (id) pending.delete(id);
        }
        if (e.stage === 'routed' && str(d.type) === 'transfer') {
          for (const id of [...overdue]) if (id.startsWith('claim#')) overdue.delete(id);
          transferClaimClock(pending, d);
        }
        if (e.stage === 'responded') countResponse(f, e);
        if (e.stage === 'closed' || e.stage === 'archived') f.closedAt ??= e.occurredAt;
        break;
      default:
        break;
    }
  }
  f.overdueClocks = [...overdue].sort();
  f.overdue = f.overdueClocks.length > 0 && !(f.stage !== null && ENDED.has(f.stage));
  f.pendingClockDue = f.stage !== null && ENDED.has(f.stage) ? [] : [...pending.values()].sort((a, b) => a.getTime() - b.getTime());
  return f;
}

/** A transfer supersedes the claim clocks running and starts the new lead department's. */
function transferClaimClock(pending: Map<string, Date>, d: Record<string, unknown>): void {
  for (const id of [...pending.keys()]) if (id.startsWith('claim#')) pending.delete(id);
  const c = d.claimClock as Record<string, unknown> | null | undefined;
  if (c && typeof c === 'object') setDue(pending, c.id, c.dueAt);
}

function countResponse(f: CaseFold, e: FoldableEvent): void {
  f.responseCount++;
  if (e.detail.late === true) f.lateResponseCount++;
  const at = str(e.detail.publishedAt);
  const when = at && !Number.isNaN(Date.parse(at)) ? new Date(at) : e.occurredAt;
  if (!f.firstResponseAt || when < f.firstResponseAt) f.firstResponseAt = when;
}
