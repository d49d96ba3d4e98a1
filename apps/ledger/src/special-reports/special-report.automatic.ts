// When the ledger writes a special report (舆情专报) by itself: an opinion case graded major or especially major gets a
// version when it becomes so (`major`) and another when it is closed (`closed`), so the stored versions show the case
// as it was when it became major and as it ended. Pure: the read-model fold asks it after every event, the migration
// 1764529000000 applies the same rule in SQL to the cases held before.

export const AUTOMATIC_TRIGGERS = ['major', 'closed'] as const;
export type AutomaticTrigger = (typeof AUTOMATIC_TRIGGERS)[number];

/** `generatedBy` of the versions the ledger generates by itself (a version asked for names the calling system). */
export const AUTOMATIC_GENERATED_BY = 'automatic';

/** 重大, 特别重大 */
export const MAJOR_GRADES: readonly string[] = ['major', 'especially_major'];
/** The opinion stages that mean closed (办结; 总结评估 comes after it). */
const CLOSED_STAGES: readonly string[] = ['closed', 'evaluated'];

/** What the rule reads of a case and its history. */
export interface TriggerCase {
  kind: string;
  /** The grade now (ledger.cases.grade). */
  grade: string | null;
}
export interface TriggerEvent {
  change: string;
  stage: string;
  /** The grade the event carried. */
  grade: string | null;
}

/**
 * The automatic versions a case is owed, whatever was generated already (each trigger is recorded once per case):
 * `major` once it was graded major or above at any event — a later downgrade does not take it back — and `closed`
 * once such a case was closed. Disclosure applications get none.
 */
export function automaticReportTriggers(c: TriggerCase, events: readonly TriggerEvent[]): AutomaticTrigger[] {
  if (c.kind !== 'opinion') return [];
  const major = (c.grade !== null && MAJOR_GRADES.includes(c.grade)) || events.some((e) => e.grade !== null && MAJOR_GRADES.includes(e.grade));
  if (!major) return [];
  const closed = events.some((e) => e.change === 'stage' && CLOSED_STAGES.includes(e.stage));
  return closed ? ['major', 'closed'] : ['major'];
}

/** Seconds before a trigger whose generation failed `attempts` times is tried again: 15 s, 30 s, 1 min, … at most 1 h. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 15 * 2 ** Math.max(0, attempts - 1));
}

/** The sweep's pause after a failed round (the database or the renderer): 1 s, 2 s, 4 s, … at most 60 s. */
export function sweepBackoffMs(failures: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, Math.min(failures, 7) - 1));
}
