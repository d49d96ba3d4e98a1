// The key-case ledger (重点舆情台账) and the accountability talks (约谈) of a bulletin's period, from the same case
// histories as its figures (the key-case events the ledger folds: key-case.fold.ts). Pure. No personal data: cases by
// number, departments by name, the person talked to by role.
import type { CaseHistoryForStatistics } from '../statistics/monthly-statistics.fold';
import { foldCaseHistory } from '../cases/case-fold';
import { foldKeyCase } from '../key-cases/key-case.fold';

export interface BulletinKeyCase {
  caseId: string;
  department: string | null;
  category: string | null;
  markedAt: string;
  /** At the period's end: open, resolution_recorded (awaiting verification) or resolved. */
  status: string;
  /** Follow-up entries dated within the period. */
  entriesInPeriod: number;
  lastEntry: { date: string; action: string } | null;
}

export interface BulletinTalk {
  caseId: string;
  date: string;
  department: string;
  personRole: string;
  outcome: string;
}

export interface BulletinKeyCases {
  cases: BulletinKeyCase[];
  talks: BulletinTalk[];
}

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The key cases on the ledger in [from, to) — marked before its end and not already resolved before its start — with
 * their status at its end, and the accountability talks held (dated) in it; both ordered by date, then case.
 */
export function keyCasesOf(cases: readonly CaseHistoryForStatistics[], jurisdiction: string, from: Date, to: Date): BulletinKeyCases {
  const [fromDay, toDay] = [shanghaiDay(from), shanghaiDay(to)];
  const out: BulletinKeyCases = { cases: [], talks: [] };
  for (const c of cases) {
    if (c.jurisdiction !== jurisdiction) continue;
    const events = c.events.filter((e) => e.occurredAt < to);
    const { keyCase, accountabilityTalks } = foldKeyCase(events);
    for (const t of accountabilityTalks) {
      if (t.date >= fromDay && t.date < toDay) out.talks.push({ caseId: c.caseId, date: t.date, department: t.department, personRole: t.personRole, outcome: t.outcome });
    }
    if (!keyCase) continue;
    const verified = keyCase.resolutions.map((r) => r.verification).filter((v) => v?.decision === 'confirmed');
    const resolvedBefore = keyCase.status === 'resolved' && verified.some((v) => v && Date.parse(v.verifiedAt) < from.getTime());
    if (resolvedBefore) continue;
    const inPeriod = keyCase.entries.filter((e) => e.date >= fromDay && e.date < toDay);
    const last = keyCase.entries[keyCase.entries.length - 1];
    const atEnd = foldCaseHistory(events);
    out.cases.push({
      caseId: c.caseId, department: atEnd.department, category: atEnd.category, markedAt: keyCase.markedAt, status: keyCase.status,
      entriesInPeriod: inPeriod.length, lastEntry: last ? { date: last.date, action: last.action } : null,
    });
  }
  out.cases.sort((a, b) => a.markedAt.localeCompare(b.markedAt) || a.caseId.localeCompare(b.caseId));
  out.talks.sort((a, b) => a.date.localeCompare(b.date) || a.caseId.localeCompare(b.caseId));
  return out;
}
