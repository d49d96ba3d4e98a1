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

export type OpinionClockKind = 'claim' | 'first_release' | 'press_conference' | 'response' | 'superior_report' | 'follow_up';

/**
 * The event a clock counts from (DOMAIN.md: each clock's length *and the event it counts from* are policy data):
 * - `discovery`: when the channel or monitoring found the matter (`discoveredAt`, else the receipt time);
 * - `routing`: when the case was routed to its lead department;
 * - `claim`: when the lead department claimed the case (认领). Such a clock cannot run before the claim: until then the
 *   case shows it as waiting for the claim.
 */
export const CLOCK_STARTS = ['discovery', 'routing', 'claim'] as const;
export type ClockStart = (typeof CLOCK_STARTS)[number];

/** Where a rule comes from, so the next change of law is a data change (document, provision, effective date). */
export interface RuleSource {
  /** Document number or name, e.g. 国办发〔2016〕80号. */
  readonly document: string;
  readonly title?: string;
  /** Article / section / paragraph. */
  readonly provision: string;
  /** The day the provision took effect (YYYY-MM-DD). */
  readonly effectiveFrom: string;
  /** The words restated (abridged with …). */
  readonly quote?: string;
}

export interface ClockRule {
  readonly withinMinutes: number;
  readonly basis: string;
  /**
   * The event the clock counts from. Versions published before this field existed have none: then the claim clock
   * counts from routing and every other clock from discovery (what those versions meant).
   */
  readonly startsFrom?: ClockStart;
  readonly source?: RuleSource;
}

/** The event a rule counts from, with the default of versions published before `startsFrom` existed. */
export function clockStartOf(rule: ClockRule, kind: OpinionClockKind): ClockStart {
  return rule.startsFrom ?? (kind === 'claim' ? 'routing' : 'discovery');
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
  /** Claim (认领) by the lead department, from routing (`startsFrom` 'routing' or 'discovery'; never 'claim'). */
  readonly claim: ClockRule;
  /** First factual release, for the listed grades (特别重大、重大突发事件). */
  readonly firstRelease: ClockRule & { readonly grades: readonly Grade[] };
  /** Press conference for the listed grades, or when heavy casualties or large social impact are flagged. */
  readonly pressConference: ClockRule & { readonly grades: readonly Grade[]; readonly repeatAsNeeded: boolean };
  /** Response to every other case. */
  readonly response: ClockRule;
  /**
   * Report to the superior (向上级报告) for the listed grades, when the policy sets a limit for it. Absent: the step is
   * still recorded (with its time) when it happens, but no clock runs.
   */
  readonly superiorReport?: ClockRule & { readonly grades: readonly Grade[] };
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
const MAJOR: readonly Grade[] = ['major', 'especially_major'];

/**
 * The seed city's first profile (seed 003 附件1 三): 1 h / 24 h / 48 h, all counted from discovery. Kept unchanged:
 * cases started under it keep it (and histories recorded under it replay with it). Superseded by
 * SEED_CITY_OPINION_POLICY, which counts from the claim as the seed says.
 */
export const SEED_CITY_OPINION_POLICY_2026_1: OpinionDeadlinePolicy = publishPolicy<OpinionDeadlinePolicy>({
  kind: 'opinion_deadlines',
  jurisdiction: 'seed-city',
  version: 'seed-city-2026.1',
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  reference: '市人民政府政务舆情收集研判和回应流程 附件1 三 (seed 003)',
  claim: CLAIM,
  firstRelease: { withinMinutes: 60, grades: MAJOR, basis: 'seed 003: 第一时间发布事实类信息，原则上不超过1小时' },
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

/**
 * The first national profile: 5 h / 48 h from discovery, but with the 24-hour press conference tied to no grade
 * (only to the casualty / impact flags) — wrong against 61号 and 80号. Kept unchanged for the cases started under it;
 * superseded by NATIONAL_OPINION_POLICY.
 */
export const NATIONAL_OPINION_POLICY_2016_1: OpinionDeadlinePolicy = publishPolicy<OpinionDeadlinePolicy>({
  kind: 'opinion_deadlines',
  jurisdiction: 'cn',
  version: 'cn-2016.1',
  effectiveFrom: '2016-11-10T00:00:00+08:00',
  reference: '国办发〔2016〕61号; 国办发〔2016〕80号',
  claim: CLAIM,
  firstRelease: { withinMinutes: 5 * 60, grades: MAJOR, basis: '最迟5小时内发布权威信息' },
  pressConference: { withinMinutes: 24 * 60, grades: [], repeatAsNeeded: true, basis: '24小时内举行新闻发布会' },
  response: { withinMinutes: 48 * 60, basis: '最迟48小时内予以回应' },
  followUp: FOLLOW_UP,
  reminders: SHARED_REMINDERS,
  escalations: SHARED_ESCALATIONS,
});

const SEED_003_SOURCE = {
  document: 'seed 003',
  title: '市人民政府政务舆情收集研判和回应流程',
  provision: '附件1 三、应对处置',
  effectiveFrom: '2026-01-01',
} as const;

/**
 * The seed city's profile (seed 003 附件1 三、应对处置): 「市人民政府相关部门认领后，对涉及特别重大、重大突发事件的
 * 政务舆情，涉事责任部门在向上级报告的同时，应第一时间向社会发布已掌握的事实类信息，原则上不超过1小时。造成重大人员
 * 伤亡或社会影响较大的，最迟应在24小时内召开新闻发布会，并视情连续召开。对其他政务舆情应在48小时内予以回应」.
 * The paragraph opens with 「认领后」: its three limits count from the lead department's claim; the report to the
 * superior goes out 「同时」 with the first release, so it has the same limit.
 */
export const SEED_CITY_OPINION_POLICY: OpinionDeadlinePolicy = publishPolicy<OpinionDeadlinePolicy>({
  kind: 'opinion_deadlines',
  jurisdiction: 'seed-city',
  version: 'seed-city-2026.2',
  effectiveFrom: '2026-12-01T00:00:00+08:00',
  reference: '市人民政府政务舆情收集研判和回应流程 附件1 三、应对处置 (seed 003): the limits count from the claim (认领后)',
  claim: { ...CLAIM, startsFrom: 'routing' },
  firstRelease: {
    withinMinutes: 60,
    grades: MAJOR,
    startsFrom: 'claim',
    basis: 'seed 003: 认领后……第一时间向社会发布已掌握的事实类信息，原则上不超过1小时',
    source: { ...SEED_003_SOURCE, quote: '认领后，对涉及特别重大、重大突发事件的政务舆情……应第一时间向社会发布已掌握的事实类信息，原则上不超过1小时' },
  },
  pressConference: {
    withinMinutes: 24 * 60,
    grades: [],
    repeatAsNeeded: true,
    startsFrom: 'claim',
    basis: 'seed 003: 造成重大人员伤亡或社会影响较大的，最迟应在24小时内召开新闻发布会，并视情连续召开',
    source: { ...SEED_003_SOURCE, quote: '造成重大人员伤亡或社会影响较大的，最迟应在24小时内召开新闻发布会，并视情连续召开' },
  },
  response: {
    withinMinutes: 48 * 60,
    startsFrom: 'claim',
    basis: 'seed 003: 对其他政务舆情应在48小时内予以回应',
    source: { ...SEED_003_SOURCE, quote: '对其他政务舆情应在48小时内予以回应，并根据工作进展情况，持续发布权威信息' },
  },
  superiorReport: {
    withinMinutes: 60,
    grades: MAJOR,
    startsFrom: 'claim',
    basis: 'seed 003: 涉事责任部门在向上级报告的同时，应第一时间向社会发布……原则上不超过1小时',
    source: { ...SEED_003_SOURCE, quote: '涉事责任部门在向上级报告的同时，应第一时间向社会发布已掌握的事实类信息' },
  },
  followUp: FOLLOW_UP,
  reminders: SHARED_REMINDERS,
  escalations: SHARED_ESCALATIONS,
});

const GUOBANFA_2016_61 = {
  document: '国办发〔2016〕61号',
  title: '国务院办公厅关于在政务公开工作中进一步做好政务舆情回应的通知',
  provision: '回应时限 (paragraph number to be checked against the official text)',
  effectiveFrom: '2016-07-30',
} as const;
const GUOBANFA_2016_80 = {
  document: '国办发〔2016〕80号',
  title: '《关于全面推进政务公开工作的意见》实施细则',
  provision: '回应关切: 政务舆情回应时限 (paragraph number to be checked against the official text)',
  effectiveFrom: '2016-11-10',
} as const;

/**
 * The national baseline. 国办发〔2016〕80号 (2016-11-10): 「对涉及特别重大、重大突发事件的政务舆情，要快速反应，最迟要在
 * 5小时内发布权威信息，在24小时内举行新闻发布会，并根据工作进展情况，持续发布权威信息」; 国办发〔2016〕61号
 * (2016-07-30): the same 24-hour press conference and 「对其他政务舆情应在48小时内予以回应」. Especially major and major
 * emergencies therefore get both the 5-hour release and the 24-hour press conference, counted from discovery.
 * Neither document sets a limit for the report to the superior: no clock for it (the step is still recorded).
 */
export const NATIONAL_OPINION_POLICY: OpinionDeadlinePolicy = publishPolicy<OpinionDeadlinePolicy>({
  kind: 'opinion_deadlines',
  jurisdiction: 'cn',
  version: 'cn-2016.2',
  effectiveFrom: '2026-12-01T00:00:00+08:00',
  reference: '国办发〔2016〕80号 (5 h, 24 h); 国办发〔2016〕61号 (24 h, 48 h) — corrects cn-2016.1, whose 24-hour press conference applied to no grade',
  claim: { ...CLAIM, startsFrom: 'routing' },
  firstRelease: {
    withinMinutes: 5 * 60,
    grades: MAJOR,
    startsFrom: 'discovery',
    basis: '国办发〔2016〕80号: 最迟要在5小时内发布权威信息',
    source: { ...GUOBANFA_2016_80, quote: '对涉及特别重大、重大突发事件的政务舆情，要快速反应，最迟要在5小时内发布权威信息' },
  },
  pressConference: {
    withinMinutes: 24 * 60,
    grades: MAJOR,
    repeatAsNeeded: true,
    startsFrom: 'discovery',
    basis: '国办发〔2016〕80号、61号: 特别重大、重大突发事件在24小时内举行新闻发布会',
    source: { ...GUOBANFA_2016_80, quote: '……最迟要在5小时内发布权威信息，在24小时内举行新闻发布会，并根据工作进展情况，持续发布权威信息' },
  },
  response: {
    withinMinutes: 48 * 60,
    startsFrom: 'discovery',
    basis: '国办发〔2016〕61号: 对其他政务舆情应在48小时内予以回应',
    source: { ...GUOBANFA_2016_61, quote: '对其他政务舆情应在48小时内予以回应，并根据工作进展情况，持续发布权威信息' },
  },
  followUp: FOLLOW_UP,
  reminders: SHARED_REMINDERS,
  escalations: SHARED_ESCALATIONS,
});

/** Every opinion deadline version shipped with this library, oldest first (routing stores them at start). */
export const BUILT_IN_OPINION_POLICIES: readonly OpinionDeadlinePolicy[] = [
  NATIONAL_OPINION_POLICY_2016_1,
  SEED_CITY_OPINION_POLICY_2026_1,
  NATIONAL_OPINION_POLICY,
  SEED_CITY_OPINION_POLICY,
];

export interface OpinionClockInput {
  readonly grade: Grade;
  readonly flags?: OpinionFlags;
  /** Discovery instant (`discoveredAt` from the channel, else the receipt time): clocks that count from discovery. */
  readonly discoveredAt: IsoInstant;
  /** When the case was routed to its lead department (default: discoveredAt). */
  readonly routedAt?: IsoInstant;
  /** When the lead department claimed the case; null/absent: not yet — clocks that count from the claim wait. */
  readonly claimedAt?: IsoInstant | null;
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

/** A clock as the policy sets it. `startsAt`/`dueAt` are null while the event it counts from has not happened yet. */
export interface OpinionClock {
  readonly clock: OpinionClockKind;
  /** The event it counts from (absent for follow-ups, which count from the previous deadline or update). */
  readonly startsFrom?: ClockStart;
  readonly startsAt: IsoInstant | null;
  readonly dueAt: IsoInstant | null;
  readonly withinMinutes: number;
  readonly basis: string;
  readonly source?: RuleSource;
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

/** Reminders and escalation instants of a window: the policy's rules, inside the window, earliest first. */
export function windowTimings(
  policy: Pick<OpinionDeadlinePolicy, 'reminders' | 'escalations'>,
  startsAt: IsoInstant,
  withinMinutes: number,
): { startsAt: IsoInstant; dueAt: IsoInstant; reminders: OpinionReminder[]; escalations: OpinionEscalation[] } {
  const start = normalizeInstant(startsAt);
  const dueAt = addMinutes(start, withinMinutes);
  const startMs = toEpochMs(start);
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
  return { startsAt: start, dueAt, reminders, escalations };
}

function buildClock(
  policy: OpinionDeadlinePolicy,
  clock: OpinionClockKind,
  rule: ClockRule,
  starts: { from: ClockStart | undefined; at: IsoInstant | null },
  withinMinutes: number = rule.withinMinutes,
): OpinionClock {
  const base = {
    clock,
    ...(starts.from ? { startsFrom: starts.from } : {}),
    withinMinutes,
    basis: rule.basis,
    ...(rule.source ? { source: rule.source } : {}),
  };
  if (starts.at === null) return { ...base, startsAt: null, dueAt: null, reminders: [], escalations: [] };
  return { ...base, ...windowTimings(policy, starts.at, withinMinutes) };
}

/**
 * The clocks of an opinion case under a policy version:
 * - claim: always;
 * - first_release: for the policy's grades (major / especially major);
 * - press_conference: for the policy's grades, or when heavy casualties or large social impact are flagged;
 * - response: for every other case (neither of the two above applies);
 * - superior_report: for the policy's grades, when the policy sets a limit for the report to the superior;
 * - follow_up: the first continuing update, `followUp.everyMinutes` after the earliest response-type deadline,
 *   repeating every `everyMinutes` (the workflow re-arms it from each actual update).
 * Each clock counts from the event its rule names (`startsFrom`: discovery, routing or claim); one that counts from
 * the claim before the claim has `startsAt`/`dueAt` null (so has a follow-up that would count from its deadline).
 * Natural hours, holidays included (calendar.addMinutes).
 */
export function computeOpinionClocks(policy: OpinionDeadlinePolicy, input: OpinionClockInput): OpinionClocks {
  if (!(GRADES as readonly string[]).includes(input.grade)) {
    throw new PolicyException(PolicyErrorCode.InvalidGrade, `grade must be one of ${GRADES.join(', ')}, got ${JSON.stringify(input.grade)}`);
  }
  const events: Record<ClockStart, IsoInstant | null> = {
    discovery: normalizeInstant(input.discoveredAt),
    routing: normalizeInstant(input.routedAt ?? input.discoveredAt),
    claim: input.claimedAt ? normalizeInstant(input.claimedAt) : null,
  };
  const startOf = (rule: ClockRule, kind: OpinionClockKind) => {
    const from = clockStartOf(rule, kind);
    return { from, at: events[from] };
  };
  const flags = input.flags ?? {};
  const clocks: OpinionClock[] = [buildClock(policy, 'claim', policy.claim, startOf(policy.claim, 'claim'))];

  const responding: OpinionClock[] = [];
  if (policy.firstRelease.grades.includes(input.grade)) {
    responding.push(buildClock(policy, 'first_release', policy.firstRelease, startOf(policy.firstRelease, 'first_release')));
  }
  if (flags.heavyCasualties || flags.largeSocialImpact || policy.pressConference.grades.includes(input.grade)) {
    const pc = buildClock(policy, 'press_conference', policy.pressConference, startOf(policy.pressConference, 'press_conference'));
    responding.push(policy.pressConference.repeatAsNeeded ? { ...pc, repeatEveryMinutes: policy.followUp.everyMinutes } : pc);
  }
  if (responding.length === 0) {
    responding.push(buildClock(policy, 'response', policy.response, startOf(policy.response, 'response')));
  }
  clocks.push(...responding);

  const superior = policy.superiorReport;
  if (superior && superior.grades.includes(input.grade)) {
    clocks.push(buildClock(policy, 'superior_report', superior, startOf(superior, 'superior_report')));
  }

  const dues = responding.map((c) => c.dueAt).filter((d): d is IsoInstant => d !== null);
  const firstDue = dues.sort((a, b) => toEpochMs(a) - toEpochMs(b))[0] ?? null;
  const followUpRule: ClockRule = { withinMinutes: policy.followUp.everyMinutes, basis: policy.followUp.basis };
  const followUp = buildClock(policy, 'follow_up', followUpRule, { from: undefined, at: firstDue });
  clocks.push({ ...followUp, repeatEveryMinutes: policy.followUp.everyMinutes });

  return { jurisdiction: policy.jurisdiction, policyVersion: policy.version, clocks };
}

/** The next follow-up instant after an actual update (动态管理). */
export function nextFollowUpAt(policy: OpinionDeadlinePolicy, lastUpdateAt: IsoInstant): IsoInstant {
  return addMinutes(lastUpdateAt, policy.followUp.everyMinutes);
}
