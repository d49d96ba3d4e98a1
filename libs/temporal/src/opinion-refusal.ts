// How a refused case action reads to a caller, for every case workflow: the validators throw a "conflict" failure
// (the action does not fit the case now: RejectedAction) or an "invalid" one (its content breaks a rule:
// InvalidAction); Temporal hands the type over as the ApplicationFailure type (OPINION_ACTION_FAILURES,
// DISCLOSURE_ACTION_FAILURES). One mapping to the HTTP answer, used by every service that runs case actions.
import { DISCLOSURE_ACTION_FAILURES, OPINION_ACTION_FAILURES } from '@huiying/contracts/workflow';
import type { UpdateRefusal } from './workflow-update';

export type RefusalKind = 'not_found' | 'conflict' | 'invalid';
/** The same as RefusalKind (its first name, when only opinion cases had actions). */
export type OpinionRefusalKind = RefusalKind;

/** The HTTP status of each kind of refusal: no such case 404, does not fit the case now 409, breaks a rule 422. */
export const REFUSAL_HTTP_STATUS: Readonly<Record<RefusalKind, 404 | 409 | 422>> = Object.freeze({ not_found: 404, conflict: 409, invalid: 422 });

/** The ApplicationFailure type by which a workflow's validators say "this breaks a rule". */
export const INVALID_FAILURE_TYPES = Object.freeze({ opinion: OPINION_ACTION_FAILURES.invalid, disclosure: DISCLOSURE_ACTION_FAILURES.invalid });

/**
 * not_found → not_found; a rejection whose failure type is the workflow's "invalid" type → invalid; any other
 * rejection or an ended case → conflict.
 */
export function refusalKind(r: { refusal: UpdateRefusal; failureType: string | null }, invalidFailureType: string): RefusalKind {
  if (r.refusal === 'not_found') return 'not_found';
  if (r.refusal === 'rejected' && r.failureType === invalidFailureType) return 'invalid';
  return 'conflict';
}

/** refusalKind for opinion-case actions (InvalidAction → 422). */
export function opinionRefusalKind(r: { refusal: UpdateRefusal; failureType: string | null }): RefusalKind {
  return refusalKind(r, INVALID_FAILURE_TYPES.opinion);
}

/** refusalKind for disclosure-case actions. */
export function disclosureRefusalKind(r: { refusal: UpdateRefusal; failureType: string | null }): RefusalKind {
  return refusalKind(r, INVALID_FAILURE_TYPES.disclosure);
}
