import { addMinutes, fromEpochMs, IsoInstant, normalizeInstant, toEpochMs } from '@huiying/calendar';
import { DepartmentCode } from './departments';
import { PolicyErrorCode, PolicyException } from './policy.exception';
import { publishPolicy, VersionedPolicy } from './versioned-policy';

/** Grades of an opinion case: 一般, 较大, 重大, 特别重大. */
export const GRADES = ['general', 'significant', 'major', 'especially_major'] as const;
export type Grade = (typeof GRADES)[number];

export interface OpinionFlags {
  /** 造成重大人员伤亡 */
  readonly heavyCasualties?: boolean;
  /** 社会影响较大 */
  readonly largeSocialImpact?: boolean;
}

export type OpinionClockKind = 'claim' | 'first_release' | 'press_conference' | 'response' | 'follow_up';

export interface ClockRule {
  readonly withinMinutes: number;
  readonly basis: string;
}

/** Who a late case is escalated to. Level 1 is a department; higher levels may be leadership. */
export type EscalationTarget = DepartmentCode | 'government_leadership';

export interface EscalationLevel {
  readonly level: number;
  /** Minutes after the due instant (0 = at the deadline). */
  readonly afterDueMinutes: number;
  readonly to: EscalationTarget;
  readonly note: string;
}

/** Public-opinion deadlines of a jurisdiction (natural hours, holidays included). */
export interface OpinionDeadlinePolicy extends VersionedPolicy {
  readonly kind: 'opinion_deadlines';
  /** Claim (认领) by the lead department, from routing (or discovery when no routing time is given). */
  readonly claim: ClockRule;
  /** First factual release, for the listed grades (特别重大、重大突发事件). */
  readonly firstRelease: ClockRule & { readonly grades: readonly Grade[] };
  /** Press conference when heavy casualties or large social impact are flagged (or for the listed grades). */
  readonly pressConference: ClockRule & { readonly grades: readonly Grade[]; readonly repeatAsNeeded: boolean };
  /** Response to every other case. */
  readonly response: ClockRule;
  /** Continuing updates after the response. */
  readonly followUp: { readonly everyMinutes: number; readonly basis: string };
  readonly reminders: {
    /** Fractions of the window, e.g. 0.5 and 0.8 → reminders at half time and at 80 %. */
    readonly atFractionsOfWindow: readonly number[];
    /** Fixed lead times, e.g. 15 → a reminder 15 minutes before due. */
    readonly minutesBeforeDue: readonly number[];
  };
  readonly escalations: readonly EscalationLevel[];
}

const SHARED_REMINDERS = { atFractionsOfWindow: [0.5, 0.8], minutesBeforeDue: [15] };
const SHARED_ESCALATIONS: readonly EscalationLevel[] = [
  { level: 1, afterDueMinutes: 0, to: 'general_office', note: '逾期即报政府办公室督办' },
  { level: 2, afterDueMinutes: 240, to: 'government_leadership', note: '督办后4小时仍未办结，报分管政府领导（通报、约谈）' },
];
const CLAIM: ClockRule = { withinMinutes: 120, basis: 'product default: claim within 2 h of routing (seed 003 requires claiming without fixing a limit)' };
const FOLLOW_UP = { everyMinutes: 24 * 60, basis: 'product default: an update every 24 h until closed (持续发布权威信息)' };

/** The seed city's profile (seed 003 附件1 三): 1 h / 24 h / 48 h. */
export const SEED_CITY_OPINION_POLICY: OpinionDeadlinePolicy = publishPolicy<OpinionDeadlinePolicy>({
  kind: 'opinion_deadlines',
  jurisdiction: 'seed-city',
  version: 'seed-city-2026.1',
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  reference: '市人民政府政务舆情收集研判和回应流程 附件1 三 (seed 003)',
  claim: CLAIM,
  firstRelease: { withinMinutes: 60, grades: ['major', 'especially_major'], basis: 'seed 003: 第一时间发布事实类信息，原则上不超过1小时' },
  pressConference: {
    withinMinutes: 24 * 60,
    grades: [],
    repeatAsNeeded: true,
    basis: 'seed 003: 造成重大人员伤亡或社会影响较大的，最迟24小时内召开新闻发布会，并视情连续召开',
  },
  response: { withinMinutes: 48 * 60, basis: 'seed 003: 其他政务舆情应在48小时内予以回应' },
  followUp: FOLLOW_UP,
  reminders: SHARED_REMINDERS,
  escalations: SHARED_ESCALATIONS,
});

/** The national baseline: 5 h (国办发〔2016〕80号) / 24 h / 48 h (国办发〔2016〕61号), as DOMAIN.md cites them. */
export const NATIONAL_OPINION_POLICY: OpinionDeadlinePolicy = publishPolicy<OpinionDeadlinePolicy>({
  kind: 'opinion_deadlines',
  jurisdiction: 'cn',
  version: 'cn-2016.1',
  effectiveFrom: '2016-11-10T00:00:00+08:00',
  reference: '国办发〔2016〕61号; 国办发〔2016〕80号',
  claim: CLAIM,
  firstRelease: { withinMinutes: 5 * 60, grades: ['major', 'especially_major'], basis: '最迟5小时内发布权威信息' },
  pressConference: { withinMinutes: 24 * 60, grades: [], repeatAsNeeded: true, basis: '24小时内举行新闻发布会' },
  response: { withinMinutes: 48 * 60, basis: '最迟48小时内予以回应' },
  followUp: FOLLOW_UP,
  reminders: SHARED_REMINDERS,
  escalations: SHARED_ESCALATIONS,
});

export interface OpinionClockInput {
  readonly grade: Grade;
  readonly flags?: OpinionFlags;
  /** Discovery instant: the response clocks run from here (DOMAIN.md: deadlines from the moment of discovery). */
  readonly discoveredAt: IsoInstant;
  /** When the case was routed to its lead department; the claim clock runs from here (default: discoveredAt). */
  readonly routedAt?: IsoInstant;
}

export interface OpinionReminder {
  readonly at: IsoInstant;
  readonly label: string;
}

export interface OpinionEscalation {
  readonly level: number;
  readonly at: IsoInstant;
  readonly to: EscalationTarget;
  readonly note: string;
}

export interface OpinionClock {
  readonly clock: OpinionClockKind;
  readonly startsAt: IsoInstant;
  readonly dueAt: IsoInstant;
  readonly withinMinutes: number;
  readonly basis: string;
  readonly reminders: readonly OpinionReminder[];
  readonly escalations: readonly OpinionEscalation[];
  /** For the follow-up clock (and repeatable press conferences): the interval of the next ones. */
  readonly repeatEveryMinutes?: number;
}

export interface OpinionClocks {
  readonly jurisdiction: string;
  readonly policyVersion: string;
  readonly clocks: readonly OpinionClock[];
}

function buildClock(policy: OpinionDeadlinePolicy, clock: OpinionClockKind, startsAt: IsoInstant, withinMinutes: number, basis: string): OpinionClock {
  const dueAt = addMinutes(startsAt, withinMinutes);
  const startMs = toEpochMs(startsAt);
  const dueMs = toEpochMs(dueAt);
  const candidates: { ms: number; label: string }[] = [
    ...policy.reminders.atFractionsOfWindow.map((f) => ({ ms: startMs + Math.round((dueMs - startMs) * f), label: `${Math.round(f * 100)}% of the window` })),
    ...policy.reminders.minutesBeforeDue.map((m) => ({ ms: dueMs - m * 60_000, label: `${m} min before due` })),
  ];
  const seen = new Set<number>();
  const reminders = candidates
    .filter((c) => c.ms > startMs && c.ms < dueMs && !seen.has(c.ms) && seen.add(c.ms))
    .sort((a, b) => a.ms - b.ms)
    .map((c) => ({ at: fromEpochMs(c.ms), label: c.label }));
  const escalations = [...policy.escalations]
    .sort((a, b) => a.level - b.level)
    .map((e) => ({ level: e.level, at: addMinutes(dueAt, e.afterDueMinutes), to: e.to, note: e.note }));
  return { clock, startsAt, dueAt, withinMinutes, basis, reminders, escalations };
}

/**
 * The clocks of an opinion case under a policy version:
 * - claim: always, from routedAt (or discoveredAt);
 * - first_release: for the policy's grades (major / especially major);
 * - press_conference: when heavy casualties or large social impact are flagged (or for the policy's grades);
 * - response: for every other case (neither of the two above applies);
 * - follow_up: the first continuing update, `followUp.everyMinutes` after the earliest response-type deadline,
 *   repeating every `everyMinutes` (the workflow re-arms it from each actual update).
 * Natural hours, holidays included (calendar.addMinutes).
 */
export function computeOpinionClocks(policy: OpinionDeadlinePolicy, input: OpinionClockInput): OpinionClocks {
  if (!(GRADES as readonly string[]).includes(input.grade)) {
    throw new PolicyException(PolicyErrorCode.InvalidGrade, `grade must be one of ${GRADES.join(', ')}, got ${JSON.stringify(input.grade)}`);
  }
  const discoveredAt = normalizeInstant(input.discoveredAt);
  const routedAt = input.routedAt ? normalizeInstant(input.routedAt) : discoveredAt;
  const flags = input.flags ?? {};
  const clocks: OpinionClock[] = [buildClock(policy, 'claim', routedAt, policy.claim.withinMinutes, policy.claim.basis)];

  const responding: OpinionClock[] = [];
  if (policy.firstRelease.grades.includes(input.grade)) {
    responding.push(buildClock(policy, 'first_release', discoveredAt, policy.firstRelease.withinMinutes, policy.firstRelease.basis));
  }
  if (flags.heavyCasualties || flags.largeSocialImpact || policy.pressConference.grades.includes(input.grade)) {
    const pc = buildClock(policy, 'press_conference', discoveredAt, policy.pressConference.withinMinutes, policy.pressConference.basis);
    responding.push(policy.pressConference.repeatAsNeeded ? { ...pc, repeatEveryMinutes: policy.followUp.everyMinutes } : pc);
  }
  if (responding.length === 0) {
    responding.push(buildClock(policy, 'response', discoveredAt, policy.response.withinMinutes, policy.response.basis));
  }
  clocks.push(...responding);

  const firstDue = responding.map((c) => c.dueAt).sort((a, b) => toEpochMs(a) - toEpochMs(b))[0] as IsoInstant;
  const followUp = buildClock(policy, 'follow_up', firstDue, policy.followUp.everyMinutes, policy.followUp.basis);
  clocks.push({ ...followUp, repeatEveryMinutes: policy.followUp.everyMinutes });

  return { jurisdiction: policy.jurisdiction, policyVersion: policy.version, clocks };
}

/** The next follow-up instant after an actual update (动态管理). */
export function nextFollowUpAt(policy: OpinionDeadlinePolicy, lastUpdateAt: IsoInstant): IsoInstant {
  return addMinutes(lastUpdateAt, policy.followUp.everyMinutes);
}
