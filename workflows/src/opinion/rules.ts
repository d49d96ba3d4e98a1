// What each action on an opinion case requires. Pure: each check throws a RejectedAction with the reason,
// which the update validator hands back to the caller (the action is then not recorded in history).
import { fromEpochMs, isIsoDate, shanghaiDateOf, toEpochMs } from '@huiying/calendar';
import { opinionResponseRefusal } from '@huiying/policy';
import {
  ACCOUNTABILITY_TALK_ROLES,
  CO_HANDLING_STATUSES,
  GRADES,
  OPINION_ACTION_FAILURES,
  RESOLUTION_DECISIONS,
  RESPONSE_CHANNELS,
  RESPONSE_FORMS,
  RISK_LEVELS,
  SUPERIOR_REPORT_MEANS,
  VERIFICATION_RESULTS,
  type AccountabilityTalkRequest,
  type ApproveRequest,
  type AssessRequest,
  type ClaimRequest,
  type CloseRequest,
  type CoHandleRequest,
  type CoHandlingReportRequest,
  type ConsultRequest,
  type EvaluateRequest,
  type FollowUpRequest,
  type Grade,
  type KeyCaseEntryRequest,
  type KeyCaseResolutionRequest,
  type MarkKeyCaseRequest,
  type OpinionCaseState,
  type OpinionStage,
  type PressConferenceRequest,
  type RespondRequest,
  type SuperiorReportRequest,
  type TransferRequest,
  type VerifyRequest,
  type VerifyResolutionRequest,
} from '@huiying/contracts/workflow';

/** The action does not fit the case's stage or history (callers map it to 409; OPINION_ACTION_FAILURES.conflict). */
export class RejectedAction extends Error {
  constructor(message: string) {
    super(message);
    this.name = OPINION_ACTION_FAILURES.conflict;
  }
}

/** The action's content breaks a rule (callers map it to 422; OPINION_ACTION_FAILURES.invalid). */
export class InvalidAction extends RejectedAction {
  constructor(message: string) {
    super(message);
    this.name = OPINION_ACTION_FAILURES.invalid;
  }
}

/** How far ahead of the workflow's clock a publishedAt may be (clock skew between services). */
export const PUBLISHED_AT_TOLERANCE_MS = 5 * 60_000;

const MAJOR: readonly Grade[] = ['major', 'especially_major'];
export const isMajor = (grade: Grade | null): boolean => grade !== null && MAJOR.includes(grade);
export const gradeRank = (grade: Grade | null): number => (grade === null ? -1 : GRADES.indexOf(grade));

const ENDED: readonly OpinionStage[] = ['closed', 'evaluated'];

function reject(message: string): never {
  throw new RejectedAction(message);
}

function invalid(message: string): never {
  throw new InvalidAction(message);
}

function text(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') invalid(`${field} is required`);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): void {
  if (!allowed.includes(value as T)) invalid(`${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}

function notEnded(s: OpinionCaseState, action: string): void {
  if (ENDED.includes(s.stage)) reject(`cannot ${action}: the case is ${s.stage}`);
}

function instant(value: unknown, field: string, s: OpinionCaseState, now: number, discoveredAt: string): number {
  let ms: number;
  try {
    ms = toEpochMs(value, field);
  } catch (e) {
    return reject((e as Error).message);
  }
  if (ms > now + PUBLISHED_AT_TOLERANCE_MS) reject(`${field} ${String(value)} is in the future`);
  if (ms < toEpochMs(discoveredAt)) reject(`${field} ${String(value)} is before the case was discovered (${discoveredAt}) for case ${s.caseId}`);
  return ms;
}

export function checkClaim(s: OpinionCaseState, req: ClaimRequest): void {
  notEnded(s, 'claim');
  text(req?.department, 'department');
  text(req?.claimedBy, 'claimedBy');
  if (s.claimedBy) reject(`case already claimed by ${s.department} (${s.claimedBy})`);
  if (req.department !== s.department) reject(`only the lead department ${s.department} can claim this case, not ${req.department}`);
}

const TRANSFERABLE: readonly OpinionStage[] = ['collected', 'routed', 'claimed', 'assessed', 'consultation', 'approved', 'handling'];

export function checkTransfer(s: OpinionCaseState, req: TransferRequest): void {
  text(req?.toDepartment, 'toDepartment');
  text(req?.reason, 'reason');
  text(req?.transferredBy, 'transferredBy');
  if (!TRANSFERABLE.includes(s.stage)) reject(`cannot transfer a case that is ${s.stage}: transfer before it is responded`);
  if (req.toDepartment === s.department) reject(`the case is already with ${s.department}`);
}

/** 主办/协办: co-departments beside the lead; none twice, never the lead itself. */
export function checkCoHandle(s: OpinionCaseState, req: CoHandleRequest): void {
  notEnded(s, 'add co-departments');
  text(req?.assignedBy, 'assignedBy');
  if (!Array.isArray(req.coHandlers) || req.coHandlers.length === 0) invalid('coHandlers: at least one co-department is required');
  const seen = new Set<string>();
  for (const c of req.coHandlers) {
    text(c?.department, 'coHandlers.department');
    text(c.part, `coHandlers.part (${c.department})`);
    if (seen.has(c.department)) invalid(`${c.department} is listed twice`);
    seen.add(c.department);
    if (c.department === s.department) reject(`${c.department} is the lead department (主办) of this case, not a co-department`);
    if (s.coHandlers.some((h) => h.department === c.department)) reject(`${c.department} already co-handles this case`);
  }
}

export function checkCoHandlingReport(s: OpinionCaseState, req: CoHandlingReportRequest): void {
  notEnded(s, 'report on a part');
  text(req?.department, 'department');
  oneOf(req.status, CO_HANDLING_STATUSES.filter((x) => x !== 'assigned'), 'status');
  text(req.summary, 'summary');
  text(req.reportedBy, 'reportedBy');
  const h = s.coHandlers.find((c) => c.department === req.department);
  if (!h) reject(`${req.department} does not co-handle this case`);
  if (h.status === 'done') reject(`${req.department} already reported its part (${h.part}) done`);
}

export function checkAssess(s: OpinionCaseState, req: AssessRequest): void {
  notEnded(s, 'assess');
  oneOf(req?.source, ['automatic', 'analyst'] as const, 'source');
  oneOf(req.grade, GRADES, 'grade');
  oneOf(req.riskLevel, RISK_LEVELS, 'riskLevel');
  if (typeof req.needsResponse !== 'boolean') invalid('needsResponse (response value) must be true or false');
  text(req.assessedBy, 'assessedBy');
  if (req.source === 'analyst') {
    if (!s.claimedBy && (s.stage === 'routed' || s.stage === 'collected')) {
      reject(`an analyst assesses a claimed case: ${s.department} has not claimed it yet`);
    }
    const automatic = [...s.assessments].reverse().find((a) => a.source !== 'analyst');
    if (automatic && automatic.grade !== req.grade && !(typeof req.reason === 'string' && req.reason.trim())) {
      invalid(`an analyst grade (${req.grade}) that overrides the automatic grade (${automatic.grade}) needs a reason`);
    }
  }
  if (req.needsResponse === false && s.responses.length === 0 && isMajor(req.grade)) {
    invalid(`a ${req.grade} case always needs a public response (first factual release)`);
  }
}

export function checkConsult(s: OpinionCaseState, req: ConsultRequest): void {
  notEnded(s, 'consult');
  if (!Array.isArray(req?.participants) || req.participants.length === 0) invalid('participants are required');
  text(req.opinion, 'opinion');
  text(req.convenedBy, 'convenedBy');
  if (!s.requiresConsultation) reject(`a ${s.grade ?? 'ungraded'} case needs no joint consultation (only major, especially major or sensitive cases)`);
  if (s.stage !== 'assessed') reject(`a joint consultation follows the assessment; the case is ${s.stage}`);
}

export function checkApprove(s: OpinionCaseState, req: ApproveRequest): void {
  oneOf(req?.decision, ['approved', 'returned'] as const, 'decision');
  text(req.approvedBy, 'approvedBy');
  text(req.opinion, 'opinion');
  if (s.stage !== 'consultation') reject(`nothing to approve: the case is ${s.stage}, not in consultation`);
}

export function checkVerify(s: OpinionCaseState, req: VerifyRequest): void {
  oneOf(req?.result, VERIFICATION_RESULTS, 'result');
  text(req.findings, 'findings');
  text(req.verifiedBy, 'verifiedBy');
  if (s.verification) reject(`already verified (${s.verification.result})`);
  if (s.requiresConsultation) {
    if (s.stage !== 'approved') reject(`a ${s.grade ?? 'sensitive'} case is verified after its disposal opinion is approved; the case is ${s.stage}`);
  } else if (s.stage !== 'assessed') {
    reject(`verification follows the assessment; the case is ${s.stage}`);
  }
}

export function checkRespond(s: OpinionCaseState, req: RespondRequest, now: number, discoveredAt: string): void {
  notEnded(s, 'respond');
  oneOf(req?.form, RESPONSE_FORMS, 'form');
  oneOf(req.channel, RESPONSE_CHANNELS, 'channel');
  instant(req.publishedAt, 'publishedAt', s, now, discoveredAt);
  if (req.publicationId && s.responses.some((r) => r.publicationId === req.publicationId)) {
    reject(`publication ${req.publicationId} is already recorded`);
  }
  // the form against the verification result: the same rule publication asks before anything goes out
  const refusal = opinionResponseRefusal(s, req.form);
  if (refusal) reject(refusal);
}

/** 向上级报告: by the lead department once it has claimed the case (认领后), at a real instant since discovery. */
export function checkSuperiorReport(s: OpinionCaseState, req: SuperiorReportRequest, now: number, discoveredAt: string): void {
  notEnded(s, 'report to the superior');
  text(req?.reportedTo, 'reportedTo');
  oneOf(req.means, SUPERIOR_REPORT_MEANS, 'means');
  text(req.reportedBy, 'reportedBy');
  text(req.summary, 'summary');
  instant(req.reportedAt, 'reportedAt', s, now, discoveredAt);
  if (!s.claimedAt) reject('the lead department reports to its superior after claiming the case (认领后); it is not claimed yet');
}

export function checkPressConference(s: OpinionCaseState, req: PressConferenceRequest): void {
  notEnded(s, 'request a press conference');
  text(req?.reason, 'reason');
  text(req.requestedBy, 'requestedBy');
  const pending = s.clocks.find((c) => c.clock === 'press_conference' && (c.status === 'pending' || c.status === 'escalated'));
  if (pending) reject(`a press conference is already due by ${pending.dueAt} (${pending.id})`);
}

export function checkFollowUp(s: OpinionCaseState, req: FollowUpRequest, now: number, discoveredAt: string): void {
  text(req?.summary, 'summary');
  text(req.updatedBy, 'updatedBy');
  if (req.channel !== undefined) oneOf(req.channel, RESPONSE_CHANNELS, 'channel');
  if (req.publishedAt !== undefined) instant(req.publishedAt, 'publishedAt', s, now, discoveredAt);
  if (s.stage !== 'responded' && s.stage !== 'follow_up') reject(`follow-up updates come after the response; the case is ${s.stage}`);
}

export function checkClose(s: OpinionCaseState, req: CloseRequest): void {
  text(req?.resolution, 'resolution');
  text(req.closedBy, 'closedBy');
  const refusal = keyCaseCloseRefusal(s);
  if (refusal) reject(refusal);
  if (s.stage === 'responded' || s.stage === 'follow_up') return;
  if (s.stage === 'handling' && s.needsResponse === false) return;
  if (s.stage === 'handling') reject('the case needs a public response before it is closed');
  reject(`cannot close a case that is ${s.stage}`);
}

export function checkEvaluate(s: OpinionCaseState, req: EvaluateRequest): void {
  text(req?.lessons, 'lessons');
  text(req.handlingCapacity, 'handlingCapacity');
  text(req.evaluatedBy, 'evaluatedBy');
  if (!isMajor(s.grade)) reject(`only major and especially major cases are evaluated; this one is ${s.grade ?? 'ungraded'}`);
  if (s.stage !== 'closed') reject(`a case is evaluated after it is closed; it is ${s.stage}`);
}

// ---------------------------------------------------------------- key cases (重点舆情台账) and accountability talks (约谈)

/**
 * Why a key case may not close yet, or null: it stays on the ledger until the problem is fully resolved (seed 004:
 * 「直至问题完全解决」) — a resolution recorded and confirmed by a supervisor.
 */
export function keyCaseCloseRefusal(s: Pick<OpinionCaseState, 'keyCase'>): string | null {
  const k = s.keyCase;
  if (!k || k.status === 'resolved') return null;
  const head = 'a key case (重点舆情) stays on the ledger until the problem is fully resolved: ';
  const last = k.resolutions[k.resolutions.length - 1];
  if (!last) return `${head}no resolution is recorded yet; record the resolution, then have a supervisor verify it before closing`;
  if (!last.verification) return `${head}the resolution recorded by ${last.recordedBy} at ${last.recordedAt} awaits a supervisor's verification`;
  return `${head}the last resolution was returned by ${last.verification.verifiedBy} (${last.verification.opinion}); record a new resolution and have it verified`;
}

/** A person named in two fields is the same when the names match ignoring case and spacing. */
export const samePerson = (a: string, b: string): boolean => a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

/** A day (YYYY-MM-DD) between the day the matter was discovered and today, both in Asia/Shanghai. */
function pastDay(value: unknown, field: string, now: number, discoveredAt: string): void {
  if (!isIsoDate(value)) invalid(`${field} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const today = shanghaiDateOf(fromEpochMs(now));
  if (value > today) reject(`${field} ${value} is in the future (today is ${today} in Asia/Shanghai)`);
  const discovered = shanghaiDateOf(discoveredAt);
  if (value < discovered) reject(`${field} ${value} is before the matter was discovered (${discovered})`);
}

function keyCaseOf(s: OpinionCaseState, action: string): NonNullable<OpinionCaseState['keyCase']> {
  if (!s.keyCase) reject(`cannot ${action}: the case is not a key case (mark it as a key case first)`);
  return s.keyCase;
}

export function checkMarkKeyCase(s: OpinionCaseState, req: MarkKeyCaseRequest): void {
  notEnded(s, 'mark the case as a key case');
  text(req?.reason, 'reason');
  text(req.markedBy, 'markedBy');
  if (s.keyCase) reject(`the case is already a key case (marked by ${s.keyCase.markedBy} at ${s.keyCase.markedAt})`);
}

export function checkKeyCaseEntry(s: OpinionCaseState, req: KeyCaseEntryRequest, now: number, discoveredAt: string): void {
  notEnded(s, 'add a key-case entry');
  text(req?.action, 'action');
  text(req.publicReaction, 'publicReaction');
  text(req.recordedBy, 'recordedBy');
  pastDay(req.date, 'date', now, discoveredAt);
  const k = keyCaseOf(s, 'add a key-case entry');
  if (k.status === 'resolved') reject('the key case is fully resolved (its resolution was verified): the ledger takes no more entries');
}

export function checkKeyCaseResolution(s: OpinionCaseState, req: KeyCaseResolutionRequest): void {
  notEnded(s, 'record a resolution');
  text(req?.summary, 'summary');
  text(req.recordedBy, 'recordedBy');
  const k = keyCaseOf(s, 'record a resolution');
  if (k.status === 'resolved') reject('the resolution of this key case is already verified');
  if (k.status === 'resolution_recorded') reject('a resolution is already recorded and awaits verification: a supervisor verifies or returns it first');
}

export function checkVerifyResolution(s: OpinionCaseState, req: VerifyResolutionRequest): void {
  notEnded(s, 'verify a resolution');
  oneOf(req?.decision, RESOLUTION_DECISIONS, 'decision');
  text(req.opinion, 'opinion');
  text(req.verifiedBy, 'verifiedBy');
  const k = keyCaseOf(s, 'verify a resolution');
  const last = k.resolutions[k.resolutions.length - 1];
  if (!last || last.verification) reject('no resolution awaits verification: record the resolution first');
  if (samePerson(last.recordedBy, req.verifiedBy)) {
    invalid(`the resolution must be verified by a different person from the one who recorded it (${last.recordedBy})`);
  }
}

/** 约谈: only on a case that was escalated (督办) — supervision follows an overdue or badly handled case. */
export function checkAccountabilityTalk(s: OpinionCaseState, req: AccountabilityTalkRequest, now: number, discoveredAt: string): void {
  text(req?.department, 'department');
  oneOf(req.personRole, ACCOUNTABILITY_TALK_ROLES, 'personRole');
  text(req.heldBy, 'heldBy');
  text(req.outcome, 'outcome');
  text(req.recordedBy, 'recordedBy');
  pastDay(req.date, 'date', now, discoveredAt);
  if (!s.history.some((h) => h.change === 'escalation')) {
    reject('an accountability talk (约谈) is recorded only on a case that was escalated (督办); this case never was');
  }
}
