import fc from 'fast-check';
import type { DisclosureMonthlyFiguresDto, MonthlyFiguresDto } from '@huiying/contracts';
import { foldCaseHistory, type FoldableEvent } from '../cases/case-fold';
import { buildMonthlyStatistics, ENDED_STAGES, monthBounds, type CaseHistoryForStatistics, type StatisticsScope } from './monthly-statistics.fold';
import { caseFigureRows, LIST_FIGURES, statisticsFromSums, type CaseStateCount, type SummedFigure } from './monthly-figures';

// Random case histories for the property tests of the monthly statistics: opinion and disclosure cases of a few
// departments and jurisdictions, events a few hours to days apart around month ends (some exactly at a Shanghai
// midnight, some a millisecond before), with transfers, grade changes, claims, responses meeting clocks on time or
// late, escalations, closures with unmet clocks, and the disclosure steps (corrections, consultations, extensions, fees,
// replies).

const DEPARTMENTS = ['housing', 'education', 'health'] as const;
const JURISDICTIONS = ['city-a', 'city-b'] as const;
const CHANNELS = ['weibo', 'portal', 'hotline_12345'] as const;
const CATEGORIES = ['housing', 'education', 'social_stability'] as const;
const GRADES = ['general', 'significant', 'major'] as const;
const CLOCKS = ['first_release', 'press_conference', 'response', 'follow_up'] as const;
const RESULT_CODES = ['disclosed', 'partly_disclosed', 'withheld.state_secret', 'other.no_correction'] as const;
const REPLY_TYPES = ['disclosed', 'partly_disclosed', 'not_disclosed'] as const;

const OPINION_STEPS = ['routed', 'claim', 'transfer', 'assessment', 'escalation', 'reminder', 'response', 'follow_up', 'closed'] as const;
const DISCLOSURE_STEPS = [
  'registered', 'correction_requested', 'consultation', 'consultation_opened', 'extension', 'fee_notice', 'fee_paid', 'fee_waived',
  'escalation', 'reply_issued', 'abandoned', 'archived',
] as const;

/** Shanghai midnights at the month ends around the months the tests read, and instants just before them. */
const MONTH_STARTS = ['2026-10-01', '2026-11-01', '2026-12-01', '2027-01-01'].map((d) => new Date(`${d}T00:00:00+08:00`).getTime());
const start = fc.oneof(
  fc.integer({ min: Date.parse('2026-09-20T00:00:00Z'), max: Date.parse('2027-01-05T00:00:00Z') }),
  fc.constantFrom(...MONTH_STARTS.flatMap((t) => [t, t - 1, t - 3600_000])),
);
const gap = fc.oneof(fc.integer({ min: 0, max: 6 * 3600_000 }), fc.integer({ min: 0, max: 12 * 86_400_000 }));

const step = <S extends string>(types: readonly S[]) =>
  fc.record({
    type: fc.constantFrom(...types),
    gapMs: gap,
    department: fc.constantFrom(...DEPARTMENTS),
    late: fc.boolean(),
    level: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    grade: fc.constantFrom(...GRADES),
    clocks: fc.subarray([...CLOCKS]),
    withClock: fc.boolean(),
    amountYuan: fc.integer({ min: 0, max: 500 }),
    resultCode: fc.constantFrom(...RESULT_CODES),
    replyType: fc.constantFrom(...REPLY_TYPES),
    unmet: fc.subarray(['claim#1', 'response#1', 'first_release#1', 'follow_up#2']),
  });

const caseHistory: fc.Arbitrary<CaseHistoryForStatistics> = fc
  .record({
    kind: fc.constantFrom('opinion', 'disclosure'),
    jurisdiction: fc.option(fc.constantFrom(...JURISDICTIONS), { nil: null, freq: 8 }),
    start,
    discoveredBeforeMs: fc.integer({ min: 0, max: 2 * 86_400_000 }),
    department: fc.constantFrom(...DEPARTMENTS),
    channel: fc.constantFrom(...CHANNELS),
    category: fc.constantFrom(...CATEGORIES),
    opinionSteps: fc.array(step(OPINION_STEPS), { maxLength: 10 }),
    disclosureSteps: fc.array(step(DISCLOSURE_STEPS), { maxLength: 10 }),
    caseNo: fc.integer({ min: 0, max: 0xffffff }),
  })
  .map((c) => {
    const caseId = `00000000-0000-4000-8000-${c.caseNo.toString(16).padStart(12, '0')}`;
    const events: FoldableEvent[] = [];
    let at = c.start;
    let department: string = c.department;
    let grade: string | null = c.kind === 'opinion' ? 'general' : null;
    let stage = c.kind === 'opinion' ? 'collected' : 'received';
    const push = (change: string, s: string, detail: Record<string, unknown>) => {
      stage = s;
      events.push({ sequence: events.length + 1, change, stage: s, grade, department, occurredAt: new Date(at), detail });
    };
    const enterOr = (s: string, change: string, when: boolean, detail: Record<string, unknown>) => (when ? push('stage', s, detail) : push(change, stage, detail));
    if (c.kind === 'opinion') {
      push('stage', 'collected', { channel: c.channel, discoveredAt: new Date(c.start - c.discoveredBeforeMs).toISOString() });
      for (const s of c.opinionSteps) {
        at += s.gapMs;
        switch (s.type) {
          case 'routed':
            push('stage', 'routed', { category: c.category });
            break;
          case 'claim':
            enterOr('claimed', 'claim', stage === 'routed', { department, clockId: s.withClock ? 'claim#1' : null, late: s.late });
            break;
          case 'transfer':
            department = s.department;
            push('transfer', stage, { type: 'transfer', toDepartment: s.department });
            break;
          case 'assessment':
            grade = s.grade;
            push('assessment', stage, { grade: s.grade });
            break;
          case 'escalation':
            push('escalation', stage, { clockId: `${s.clocks[0] ?? 'claim'}#1`, clock: s.clocks[0] ?? 'claim', ...(s.level ? { level: s.level } : {}) });
            break;
          case 'reminder':
            push('reminder', stage, { clockId: 'response#1' });
            break;
          case 'response':
          case 'follow_up': {
            const met = s.clocks.map((clock, i) => ({ clockId: `${clock}#1`, clock, dueAt: null, late: i % 2 === 0 ? s.late : !s.late }));
            const publishedAt = new Date(at - (s.gapMs % 3_600_000)).toISOString();
            if (s.type === 'response') enterOr('responded', 'response', stage === 'handling' || s.withClock, { form: 'factual_release', publishedAt, met, late: met.some((m) => m.late) });
            else enterOr('follow_up', 'follow_up', stage === 'responded', { publishedAt, met });
            break;
          }
          case 'closed':
            push('stage', 'closed', { resolution: 'x', unmetClocks: s.unmet });
            break;
        }
      }
    } else {
      push('stage', 'received', { channel: c.channel, receivedOn: '2026-11-01' });
      for (const s of c.disclosureSteps) {
        at += s.gapMs;
        switch (s.type) {
          case 'registered':
          case 'correction_requested':
          case 'consultation':
          case 'archived':
            push('stage', s.type, {});
            break;
          case 'consultation_opened':
          case 'extension':
            push(s.type, stage, { change: s.type });
            break;
          case 'fee_notice':
            push('stage', 'fee_notice', { amountYuan: s.amountYuan });
            break;
          case 'fee_paid':
          case 'fee_waived':
            push('stage', 'decided', { fee: s.type === 'fee_paid' ? 'paid' : 'waived' });
            break;
          case 'escalation':
            push('escalation', stage, { change: 'escalation', clock: s.withClock ? 'answer' : 'correction_window', due: '2026-11-20' });
            break;
          case 'reply_issued':
            push('stage', 'reply_issued', { due: s.withClock ? '2026-11-30' : null, late: s.late, replyType: s.replyType, resultCode: s.resultCode });
            break;
          case 'abandoned':
            push('stage', 'abandoned', { resultCode: s.resultCode });
            break;
        }
      }
    }
    return { caseId, kind: c.kind, jurisdiction: c.jurisdiction, events };
  });

/** Several cases, unique ids. */
const caseHistories = fc.uniqueArray(caseHistory, { maxLength: 25, selector: (c) => c.caseId });

const MONTHS = ['2026-10', '2026-11', '2026-12'] as const;

// The direct count: every figure counted again from a flat list of events, the month of an event taken from the
// calendar formatter in Asia/Shanghai (not from the fold's month bounds), percentiles by counting.
const shanghaiMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });
const monthOf = (d: Date) => shanghaiMonth.format(d).slice(0, 7);
const endOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1) - 8 * 3600_000); // the next month's first Shanghai midnight
};

interface Flat {
  c: CaseHistoryForStatistics;
  e: FoldableEvent;
}

/** Smallest value v with count(x ≤ v) · 100 ≥ percent · n. */
function percentile(values: number[], percent: number): number | null {
  for (const v of [...new Set(values)].sort((a, b) => a - b)) if (values.filter((x) => x <= v).length * 100 >= percent * values.length) return v;
  return null;
}
const countBy = (keys: string[]) => keys.reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});
const ratio = (a: number, b: number) => (a + b ? a / (a + b) : null);
const isStage = (e: FoldableEvent, ...s: string[]) => e.change === 'stage' && s.includes(e.stage);
const secs = (a: Date, b: Date) => Math.floor((b.getTime() - a.getTime()) / 1000);

function directCount(month: string, cases: CaseHistoryForStatistics[], scope: StatisticsScope, now: Date, kind: 'opinion' | 'disclosure') {
  const end = endOf(month);
  const asOf = now < end ? now : end;
  const inScope = cases.filter((c) => c.kind === kind && (scope.jurisdiction === null || c.jurisdiction === scope.jurisdiction));
  const dept = (d: string | null) => scope.department === null || d === scope.department;
  const all: Flat[] = inScope.flatMap((c) => c.events.map((e) => ({ c, e })));
  const inMonth = all.filter(({ e }) => monthOf(e.occurredAt) === month && dept(e.department));
  const before = (c: CaseHistoryForStatistics, t: Date) => c.events.filter((e) => e.occurredAt < t).sort((a, b) => a.sequence - b.sequence);

  const received = inMonth.filter(({ e }) => e.sequence === 1);
  const lastBefore = (c: CaseHistoryForStatistics, t: Date) => before(c, t).at(-1);
  const closures = inMonth.filter(({ e }) => (kind === 'opinion' ? isStage(e, 'closed') : isStage(e, 'reply_issued', 'abandoned')));
  const outcomes: { clock: string; late: boolean }[] = [];
  for (const { e } of inMonth) {
    if (kind === 'opinion' && (e.change === 'claim' || isStage(e, 'claimed')) && typeof e.detail.clockId === 'string') outcomes.push({ clock: 'claim', late: e.detail.late === true });
    if (kind === 'opinion') for (const m of (e.detail.met as { clock: string; late: boolean }[] | undefined) ?? []) outcomes.push(m);
    if (kind === 'opinion' && isStage(e, 'closed')) for (const id of e.detail.unmetClocks as string[]) outcomes.push({ clock: id.replace(/#.*$/, ''), late: true });
    if (kind === 'disclosure' && isStage(e, 'reply_issued') && e.detail.due) outcomes.push({ clock: 'answer', late: e.detail.late === true });
  }
  const clockNames = kind === 'opinion' ? ['claim', 'first_release', 'press_conference', 'response'] : ['answer'];
  const counted = outcomes.filter((o) => clockNames.includes(o.clock));
  const clocks = Object.fromEntries(
    clockNames.map((n) => {
      const onTime = counted.filter((o) => o.clock === n && !o.late).length;
      const late = counted.filter((o) => o.clock === n && o.late).length;
      return [n, { onTime, late, onTimeRate: ratio(onTime, late) }];
    }),
  );
  const onTime = counted.filter((o) => !o.late).length;
  const late = counted.length - onTime;

  // durations: the case's first claim / first response, in the month it happened
  const claimSeconds: number[] = [];
  const respondSeconds: number[] = [];
  for (const c of inScope) {
    const evs = before(c, end);
    const claim = evs.find((e) => e.change === 'claim' || isStage(e, 'claimed'));
    if (kind === 'opinion' && claim && monthOf(claim.occurredAt) === month && dept(claim.department)) {
      const routed = evs.find((e) => isStage(e, 'routed')) ?? (evs[0] as FoldableEvent);
      claimSeconds.push(secs(routed.occurredAt, claim.occurredAt));
    }
    const response = evs.find((e) => (kind === 'opinion' ? e.change === 'response' || isStage(e, 'responded') : isStage(e, 'reply_issued')));
    if (response && monthOf(response.occurredAt) === month && dept(response.department)) {
      const first = evs[0] as FoldableEvent;
      const discovered = typeof first.detail.discoveredAt === 'string' ? new Date(first.detail.discoveredAt) : first.occurredAt;
      respondSeconds.push(kind === 'opinion' ? secs(discovered, new Date(response.detail.publishedAt as string)) : secs(first.occurredAt, response.occurredAt));
    }
  }
  const duration = (v: number[]) => ({ count: v.length, medianSeconds: percentile(v, 50), p90Seconds: percentile(v, 90) });

  // open and overdue at asOf: the last event before it decides stage and lead department
  const ended = ['closed', 'evaluated', 'reply_issued', 'abandoned', 'archived'];
  const open = inScope.filter((c) => {
    const last = lastBefore(c, asOf);
    return last && !ended.includes(last.stage) && dept(last.department);
  }).length;
  const overdue = inScope.filter((c) => {
    const last = lastBefore(c, asOf);
    return last && dept(last.department) && foldCaseHistory(before(c, asOf)).overdue;
  }).length;
  const escalations = inMonth.filter(({ e }) => e.change === 'escalation');
  const gradeAtEnd = (c: CaseHistoryForStatistics) => before(c, end).reduce<string | null>((g, e) => e.grade ?? g, null) ?? 'ungraded';
  const categoryAtEnd = (c: CaseHistoryForStatistics) => (before(c, end).find((e) => typeof e.detail.category === 'string')?.detail.category as string | undefined) ?? 'unknown';

  const figures: MonthlyFiguresDto = {
    received: received.length,
    receivedByChannel: countBy(received.map(({ e }) => e.detail.channel as string)),
    receivedByCategory: countBy(received.map(({ c }) => categoryAtEnd(c))),
    receivedByGrade: countBy(received.map(({ c }) => gradeAtEnd(c))),
    closed: closures.length,
    clocks,
    allClocks: { onTime, late, onTimeRate: ratio(onTime, late) },
    timeToClaim: duration(claimSeconds),
    timeToRespond: duration(respondSeconds),
    openAtMonthEnd: open,
    overdueAtMonthEnd: overdue,
    escalations: escalations.length,
    escalationsByLevel: countBy(escalations.map(({ e }) => String(e.detail.level ?? 1))),
  };
  if (kind === 'opinion') return figures;
  const entered = (s: string) => inMonth.filter(({ e }) => isStage(e, s));
  const disclosure: DisclosureMonthlyFiguresDto = {
    ...figures,
    closedByResultCode: countBy(closures.map(({ e }) => e.detail.resultCode as string)),
    closedByReplyType: countBy(closures.map(({ e }) => (e.stage === 'reply_issued' ? (e.detail.replyType as string) : 'none'))),
    extensions: inMonth.filter(({ e }) => e.change === 'extension').length,
    consultations: inMonth.filter(({ e }) => e.change === 'consultation_opened' || isStage(e, 'consultation')).length,
    feeNotices: entered('fee_notice').length,
    feesNoticedYuan: entered('fee_notice').reduce((s, { e }) => s + (e.detail.amountYuan as number), 0),
    feesPaid: entered('decided').filter(({ e }) => e.detail.fee === 'paid').length,
    feesWaived: entered('decided').filter(({ e }) => e.detail.fee === 'waived').length,
    correctionRequests: entered('correction_requested').length,
  };
  return disclosure;
}

const scopeArb: fc.Arbitrary<StatisticsScope> = fc.record({
  jurisdiction: fc.option(fc.constantFrom(...JURISDICTIONS), { nil: null }),
  department: fc.option(fc.constantFrom(...DEPARTMENTS), { nil: null }),
});
const nowArb = fc.oneof(fc.constant(new Date('2027-06-01T00:00:00Z')), fc.date({ min: new Date('2026-10-01T00:00:00Z'), max: new Date('2027-01-31T00:00:00Z'), noInvalidDate: true }));
const RUNS = { numRuns: 300 };

describe('monthly statistics: properties over random case histories', () => {
  it('every figure equals a direct count of the events, for any jurisdiction / department scope and reading instant', () => {
    fc.assert(
      fc.property(caseHistories, fc.constantFrom(...MONTHS), scopeArb, nowArb, (cases, month, scope, now) => {
        const s = buildMonthlyStatistics(month, cases, scope, now);
        expect(s.opinion).toEqual(directCount(month, cases, scope, now, 'opinion'));
        expect(s.disclosure).toEqual(directCount(month, cases, scope, now, 'disclosure'));
      }),
      RUNS,
    );
  });

  it('each department row equals the statistics asked for that department alone, and the rows add up to the totals', () => {
    fc.assert(
      fc.property(caseHistories, fc.constantFrom(...MONTHS), nowArb, (cases, month, now) => {
        const s = buildMonthlyStatistics(month, cases, { jurisdiction: null, department: null }, now);
        for (const row of s.departments) {
          const alone = buildMonthlyStatistics(month, cases, { jurisdiction: null, department: row.department }, now);
          if (row.department !== null) expect({ opinion: alone.opinion, disclosure: alone.disclosure }).toEqual({ opinion: row.opinion, disclosure: row.disclosure });
        }
        const sum = (pick: (r: (typeof s.departments)[number]) => number) => s.departments.reduce((n, r) => n + pick(r), 0);
        expect(sum((r) => r.opinion.received)).toBe(s.opinion.received);
        expect(sum((r) => r.disclosure.closed)).toBe(s.disclosure.closed);
        expect(sum((r) => r.opinion.allClocks.late + r.disclosure.allClocks.late)).toBe(s.opinion.allClocks.late + s.disclosure.allClocks.late);
        expect(sum((r) => r.opinion.openAtMonthEnd + r.disclosure.openAtMonthEnd)).toBe(s.opinion.openAtMonthEnd + s.disclosure.openAtMonthEnd);
        expect(sum((r) => r.opinion.timeToRespond.count)).toBe(s.opinion.timeToRespond.count);
      }),
      RUNS,
    );
  });

  it('a closed month never changes when events of later months arrive', () => {
    fc.assert(
      fc.property(caseHistories, fc.constantFrom(...MONTHS), scopeArb, (cases, month, scope) => {
        const end = endOf(month);
        const later = new Date('2027-06-01T00:00:00Z');
        const upToEnd = cases.map((c) => ({ ...c, events: c.events.filter((e) => e.occurredAt < end) }));
        const before = buildMonthlyStatistics(month, upToEnd, scope, later);
        const after = buildMonthlyStatistics(month, cases, scope, later);
        expect(after).toEqual(before);
        // and the same whatever the order the events are stored in
        expect(buildMonthlyStatistics(month, cases.map((c) => ({ ...c, events: [...c.events].reverse() })), scope, later)).toEqual(after);
      }),
      RUNS,
    );
  });

  it('the figures kept per case and summed as Postgres sums them answer the month in progress exactly as the fold does', () => {
    fc.assert(
      fc.property(caseHistories, fc.constantFrom(...MONTHS), scopeArb, fc.double({ min: 0, max: 1, noNaN: true }), (cases, month, scope, at) => {
        const { from, to } = monthBounds(month);
        const now = new Date(from.getTime() + Math.floor(at * (to.getTime() - from.getTime() - 1)));
        // what the ledger holds at `now`: the events that happened before it
        const held = cases.map((c) => ({ ...c, events: c.events.filter((e) => e.occurredAt < now) })).filter((c) => c.events.length);
        const inScope = held.filter((c) => scope.jurisdiction === null || c.jurisdiction === scope.jurisdiction);
        const rows = inScope.flatMap(caseFigureRows).filter((r) => r.month === month && (scope.department === null || r.department === scope.department));
        const sums = new Map<string, SummedFigure>();
        for (const r of rows) {
          const key = JSON.stringify([r.kind, r.department, r.figure]);
          const list = LIST_FIGURES.includes(r.figure);
          const s = sums.get(key) ?? { kind: r.kind, department: r.department, figure: r.figure, value: list ? [] : 0 };
          s.value = Array.isArray(s.value) ? [...s.value, r.value] : s.value + r.value;
          sums.set(key, s);
        }
        // the read model's stage and overdue columns (the fold of every event held)
        const states: CaseStateCount[] = inScope
          .map((c) => ({ c, f: foldCaseHistory(c.events) }))
          .filter(({ f }) => scope.department === null || f.department === scope.department)
          .map(({ c, f }) => ({ kind: c.kind === 'disclosure' ? 'disclosure' : 'opinion', department: f.department, open: f.stage !== null && !ENDED_STAGES.includes(f.stage) ? 1 : 0, overdue: f.overdue ? 1 : 0 }));
        expect(statisticsFromSums(month, scope, now, [...sums.values()], states)).toEqual(buildMonthlyStatistics(month, held, scope, now));
      }),
      RUNS,
    );
  });
});
