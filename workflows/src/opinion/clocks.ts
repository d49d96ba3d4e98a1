// The clocks of an opinion case as plain data, and the pure operations the workflow applies to them:
// arm (from libs/policy), re-arm after a grade change, start the clocks that wait for the claim, meet, supersede, and
// what is due next. Instants are ISO strings; `now` is epoch ms (the workflow's deterministic Date.now()).
import { fromEpochMs, toEpochMs } from '@huiying/calendar';
import {
  computeOpinionClocks,
  windowTimings,
  type ClockRule,
  type Grade,
  type OpinionClock,
  type OpinionClockKind,
  type OpinionDeadlinePolicy,
  type OpinionFlags,
} from '@huiying/policy';
import type { CaseClock } from '@huiying/contracts/workflow';

export const RESPONSE_CLOCKS = ['first_release', 'press_conference', 'response'] as const;
export type ResponseClockKind = (typeof RESPONSE_CLOCKS)[number];
/** Clocks the grade, the flags or the response value decide: re-armed when they change. */
export const GRADED_CLOCKS = [...RESPONSE_CLOCKS, 'superior_report'] as const;
export type GradedClockKind = (typeof GRADED_CLOCKS)[number];
const isGraded = (kind: string): kind is GradedClockKind => (GRADED_CLOCKS as readonly string[]).includes(kind);

export function isActive(c: CaseClock): boolean {
  return c.status === 'pending' || c.status === 'escalated';
}

/** `<kind>#<n>`, n one more than the highest of that kind (pruning keeps the newest, so ids never repeat). */
function nextId(clocks: readonly CaseClock[], kind: OpinionClockKind): string {
  const n = Math.max(0, ...clocks.filter((c) => c.clock === kind).map((c) => Number(c.id.split('#')[1]) || 0));
  return `${kind}#${n + 1}`;
}

/** Finished follow-up clocks kept in state; older ones live on in the case events (each follow-up event names them). */
export const KEEP_FINISHED_FOLLOW_UPS = 5;

/** Drops the oldest finished follow-up clocks so a long-open case keeps a bounded state (and update results). */
export function pruneFollowUps(clocks: CaseClock[]): CaseClock[] {
  const finished = clocks.filter((c) => c.clock === 'follow_up' && !isActive(c));
  const drop = new Set(finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED_FOLLOW_UPS)));
  return drop.size ? clocks.filter((c) => !drop.has(c)) : clocks;
}

/**
 * A policy clock as case data; reminders already past when it is armed are marked skipped (never sent late). A clock
 * whose start event has not happened yet (it counts from the claim) is `awaiting_claim`, without times.
 */
export function toCaseClock(
  c: OpinionClock,
  meta: { id: string; policyVersion: string; department: string | null; origin: CaseClock['origin'] },
  now: number,
): CaseClock {
  return {
    id: meta.id,
    clock: c.clock,
    department: meta.department,
    ...(c.startsFrom ? { startsFrom: c.startsFrom } : {}),
    startsAt: c.startsAt,
    dueAt: c.dueAt,
    withinMinutes: c.withinMinutes,
    basis: c.basis,
    ...(c.source ? { source: c.source } : {}),
    policyVersion: meta.policyVersion,
    origin: meta.origin,
    status: c.startsAt === null ? 'awaiting_claim' : 'pending',
    metAt: null,
    supersededReason: null,
    reminders: c.reminders.map((r) => ({ at: r.at, label: r.label, sentAt: null, skipped: toEpochMs(r.at) <= now })),
    escalations: c.escalations.map((e) => ({ level: e.level, at: e.at, to: e.to, note: e.note, firedAt: null })),
  };
}

/**
 * Starts the clocks waiting for the claim, from the claim instant: their window, reminders and escalations as the
 * policy sets them (reminders already past are skipped). Mutates the clocks; returns the ones started.
 */
export function startClaimClocks(clocks: CaseClock[], policy: OpinionDeadlinePolicy, claimedAt: string, now: number): CaseClock[] {
  const started: CaseClock[] = [];
  for (const c of clocks) {
    if (c.status !== 'awaiting_claim') continue;
    const t = windowTimings(policy, claimedAt, c.withinMinutes);
    c.startsAt = t.startsAt;
    c.dueAt = t.dueAt;
    c.reminders = t.reminders.map((r) => ({ at: r.at, label: r.label, sentAt: null, skipped: toEpochMs(r.at) <= now }));
    c.escalations = t.escalations.map((e) => ({ level: e.level, at: e.at, to: e.to, note: e.note, firedAt: null }));
    c.status = 'pending';
    started.push(c);
  }
  return started;
}

/**
 * A clock of `kind` starting at `startsAt` with the policy's window, reminders and escalation levels — the same rules as
 * computeOpinionClocks (a unit test keeps them equal), for clocks that start mid-case: a transfer's claim clock,
 * a requested press conference, the next follow-up.
 */
export function policyClock(policy: OpinionDeadlinePolicy, kind: 'claim' | 'press_conference' | 'follow_up', startsAt: string): OpinionClock {
  const rule: ClockRule =
    kind === 'claim' ? policy.claim : kind === 'press_conference' ? policy.pressConference : { withinMinutes: policy.followUp.everyMinutes, basis: policy.followUp.basis };
  const t = windowTimings(policy, startsAt, rule.withinMinutes);
  return { clock: kind, startsAt: t.startsAt, dueAt: t.dueAt, withinMinutes: rule.withinMinutes, basis: rule.basis, reminders: t.reminders, escalations: t.escalations };
}

export interface ClockBasis {
  grade: Grade;
  flags: OpinionFlags;
  discoveredAt: string;
  routedAt: string;
  /** The first claim (null before): clocks that count from it wait until then. */
  claimedAt?: string | null;
  /** false: the assessment found no public response needed — the general response clock is waived. */
  needsResponse: boolean | null;
}

/** The clocks armed when the case is routed: claim (for the lead department) and the response-type clocks. */
export function initialClocks(policy: OpinionDeadlinePolicy, basis: ClockBasis, department: string, now: number): CaseClock[] {
  const computed = computeOpinionClocks(policy, clockInput(basis));
  const clocks: CaseClock[] = [];
  const claim = computed.clocks.find((c) => c.clock === 'claim');
  if (claim) clocks.push(toCaseClock(claim, { id: nextId(clocks, 'claim'), policyVersion: policy.version, department, origin: 'policy' }, now));
  rearmResponseClocks(clocks, policy, basis, now); // appends the response-type clocks
  return clocks;
}

function clockInput(basis: ClockBasis) {
  return { grade: basis.grade, flags: basis.flags, discoveredAt: basis.discoveredAt, routedAt: basis.routedAt, claimedAt: basis.claimedAt ?? null };
}

/**
 * Re-arms the response-type clocks (and the superior-report clock) after the grade, the flags or the response value
 * changed. A clock the new grade still calls for keeps running (same policy, same start event: same due time); one it
 * no longer calls for is superseded if not yet met; a newly required one is added — already past due if the window has
 * gone by, so it escalates at once; waiting for the claim if it counts from a claim not yet made. Met and late clocks
 * stay as they are. Mutates `clocks` (appends / supersedes).
 */
export function rearmResponseClocks(
  clocks: CaseClock[],
  policy: OpinionDeadlinePolicy,
  basis: ClockBasis,
  now: number,
): { added: CaseClock[]; superseded: CaseClock[] } {
  const computed = computeOpinionClocks(policy, clockInput(basis));
  const wanted = computed.clocks.filter(
    (c): c is OpinionClock & { clock: GradedClockKind } => isGraded(c.clock) && !(c.clock === 'response' && basis.needsResponse === false),
  );
  const policyClocks = clocks.filter((c) => c.origin === 'policy' && isGraded(c.clock));
  const superseded: CaseClock[] = [];
  for (const c of policyClocks) {
    if ((isActive(c) || c.status === 'awaiting_claim') && !wanted.some((w) => w.clock === c.clock)) {
      c.status = 'superseded';
      c.supersededReason =
        c.clock === 'response' && basis.needsResponse === false
          ? 'assessment: no public response needed'
          : `no longer required at grade ${basis.grade}${basis.flags.heavyCasualties || basis.flags.largeSocialImpact ? ' with casualties/impact flagged' : ''}`;
      superseded.push(c);
    }
  }
  const added: CaseClock[] = [];
  for (const w of wanted) {
    const running = policyClocks.some((c) => c.clock === w.clock && c.status !== 'superseded');
    if (running) continue;
    const c = toCaseClock(w, { id: nextId(clocks, w.clock), policyVersion: policy.version, department: null, origin: 'policy' }, now);
    clocks.push(c);
    added.push(c);
  }
  return { added, superseded };
}

/** Adds a clock that starts mid-case (transfer claim, requested press conference, next follow-up). */
export function addClock(
  clocks: CaseClock[],
  policy: OpinionDeadlinePolicy,
  kind: 'claim' | 'press_conference' | 'follow_up',
  startsAt: string,
  meta: { department: string | null; origin: CaseClock['origin'] },
  now: number,
): CaseClock {
  const c = toCaseClock(policyClock(policy, kind, startsAt), { id: nextId(clocks, kind), policyVersion: policy.version, ...meta }, now);
  clocks.push(c);
  return c;
}

/** Meets a running clock at `at` (the instant the action happened, e.g. publishedAt): late when after its due time. */
export function meetClock(c: CaseClock, at: string): 'met' | 'late' {
  const late = c.dueAt !== null && toEpochMs(at) > toEpochMs(c.dueAt);
  c.status = late ? 'late' : 'met';
  c.metAt = fromEpochMs(toEpochMs(at));
  return c.status;
}

export function supersede(c: CaseClock, reason: string): void {
  c.status = 'superseded';
  c.supersededReason = reason;
}

export type DueItem =
  | { type: 'reminder'; clock: CaseClock; index: number; at: number }
  | { type: 'escalation'; clock: CaseClock; index: number; at: number };

/** Reminders and escalations not yet fired, earliest first. Reminders only while a clock is pending and not yet due. */
export function timedItems(clocks: readonly CaseClock[]): DueItem[] {
  const items: DueItem[] = [];
  for (const c of clocks) {
    if (c.status === 'pending') {
      c.reminders.forEach((r, index) => {
        if (!r.sentAt && !r.skipped) items.push({ type: 'reminder', clock: c, index, at: toEpochMs(r.at) });
      });
    }
    if (isActive(c)) {
      c.escalations.forEach((e, index) => {
        if (!e.firedAt) items.push({ type: 'escalation', clock: c, index, at: toEpochMs(e.at) });
      });
    }
  }
  return items.sort((a, b) => a.at - b.at || a.clock.id.localeCompare(b.clock.id));
}

/** When the workflow must wake next for a reminder or escalation (undefined: nothing timed). */
export function nextWakeAt(clocks: readonly CaseClock[]): number | undefined {
  return timedItems(clocks)[0]?.at;
}

/** Items due at `now`, earliest first. A reminder whose clock is already due is marked skipped instead. */
export function dueItems(clocks: readonly CaseClock[], now: number): DueItem[] {
  const due: DueItem[] = [];
  for (const item of timedItems(clocks)) {
    if (item.at > now) break;
    if (item.type === 'reminder' && item.clock.dueAt !== null && toEpochMs(item.clock.dueAt) <= now) {
      const r = item.clock.reminders[item.index];
      if (r) r.skipped = true;
      continue;
    }
    due.push(item);
  }
  return due;
}

/** The earliest due time of a clock not yet met (the DueAt search attribute), or null. */
export function earliestDue(clocks: readonly CaseClock[]): string | null {
  const active = clocks.filter((c) => isActive(c) && c.dueAt !== null).map((c) => toEpochMs(c.dueAt as string));
  return active.length ? fromEpochMs(Math.min(...active)) : null;
}

export function isOverdue(clocks: readonly CaseClock[]): boolean {
  return clocks.some((c) => c.status === 'escalated');
}

/** The running clock of a kind (for a department, for claim clocks), if any. */
export function activeClock(clocks: readonly CaseClock[], kind: OpinionClockKind, department?: string): CaseClock | undefined {
  return clocks.find((c) => c.clock === kind && isActive(c) && (department === undefined || c.department === department));
}

/** A short summary for event details (dueAt null: waiting for the claim; startsFrom where the policy says). */
export function clockSummary(
  clocks: readonly CaseClock[],
): { id: string; clock: string; dueAt: string | null; status: string; startsFrom?: string }[] {
  return clocks
    .filter((c) => c.status !== 'superseded')
    .map((c) => ({ id: c.id, clock: c.clock, dueAt: c.dueAt, status: c.status, ...(c.startsFrom ? { startsFrom: c.startsFrom } : {}) }));
}
