// 通报 entries as case events. A published bulletin (季通报/月报) names escalated or overdue cases with their department
// (ledger.bulletin_notices, ledger.bulletins.published.v1); the gRPC stream WatchCaseEvents delivers each as an event
// of the case with change `bulletin_notice`. The ledger builds these events, the workflow never emits them: they carry
// no history sequence (0) and are identified by their event id instead. Pure.
import { EVENT_TYPES, makeEnvelope, type BulletinPublishedV1, type CaseKind, type CaseStageChangedV1, type EventEnvelope, type Grade } from '@huiying/contracts';

/** One 通报 entry: a bulletin (revision) named the case for one clock. */
export interface BulletinNotice {
  caseId: string;
  bulletinId: string;
  kind: 'monthly' | 'quarterly';
  period: string;
  revision: number;
  jurisdiction: string;
  clock: string;
  lateSeconds: number | null;
  department: string | null;
  publishedAt: string;
}

/** The case as the read model has it now: a notice event carries it as a workflow event carries the case's state. */
export interface NoticeCaseFacts {
  caseId: string;
  kind: string;
  stage: string;
  department: string | null;
  ccDepartments: string[];
  coDepartments: string[];
  grade: string | null;
  jurisdiction: string | null;
}

export const BULLETIN_NOTICE_CHANGE = 'bulletin_notice';
/** Notice events carry no history sequence: the case stream passes them by event id, never by sequence. */
export const BULLETIN_NOTICE_SEQUENCE = 0;

export const isBulletinNotice = (e: Pick<CaseStageChangedV1, 'change'>): boolean => e.change === BULLETIN_NOTICE_CHANGE;

/** One event per (bulletin, case, clock), the same whether built live from the published event or from the stored entry. */
export const bulletinNoticeEventId = (n: Pick<BulletinNotice, 'bulletinId' | 'caseId' | 'clock'>): string => `bulletin:${n.bulletinId}:${n.caseId}:${n.clock}`;

/** The entries a published bulletin makes, one per named case and clock. */
export function noticesOfBulletin(b: BulletinPublishedV1): BulletinNotice[] {
  return b.namedCases.map((c) => ({
    caseId: c.caseId, bulletinId: b.bulletinId, kind: b.kind, period: b.period, revision: b.revision, jurisdiction: b.jurisdiction,
    clock: c.clock, lateSeconds: c.lateSeconds ?? null, department: c.department ?? null, publishedAt: b.generatedAt,
  }));
}

/**
 * The case event of a 通报 entry: the case's current stage (unchanged: previousStage = stage), kind, grade,
 * jurisdiction, copied and co-handling departments from the read model; `department` is the department the bulletin
 * named (the lead department when it named none), so a department stream of the named department receives it.
 */
export function bulletinNoticeEnvelope(n: BulletinNotice, c: NoticeCaseFacts): EventEnvelope<CaseStageChangedV1> {
  return makeEnvelope({
    id: bulletinNoticeEventId(n),
    type: EVENT_TYPES.caseStageChanged,
    source: '/huiying/ledger/bulletins',
    time: n.publishedAt,
    subject: n.caseId,
    data: {
      caseId: n.caseId,
      kind: c.kind as CaseKind,
      sequence: BULLETIN_NOTICE_SEQUENCE,
      stage: c.stage,
      previousStage: c.stage,
      department: n.department ?? c.department,
      ccDepartments: c.ccDepartments,
      coDepartments: c.coDepartments,
      grade: c.grade as Grade | null,
      jurisdiction: c.jurisdiction ?? n.jurisdiction,
      occurredAt: n.publishedAt,
      change: BULLETIN_NOTICE_CHANGE,
      detail: { bulletinId: n.bulletinId, kind: n.kind, period: n.period, revision: n.revision, jurisdiction: n.jurisdiction, clock: n.clock, lateSeconds: n.lateSeconds },
    },
  });
}

/**
 * The case events of a published bulletin, in the order it names the cases. A named case the read model does not
 * know (it cannot be: the bulletin was made from it) is left out rather than delivered without its state.
 */
export function bulletinNoticeEvents(b: BulletinPublishedV1, cases: ReadonlyMap<string, NoticeCaseFacts>): EventEnvelope<CaseStageChangedV1>[] {
  return noticesOfBulletin(b).flatMap((n) => {
    const c = cases.get(n.caseId);
    return c ? [bulletinNoticeEnvelope(n, c)] : [];
  });
}
