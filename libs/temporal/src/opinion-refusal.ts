// How a refused opinion-case action reads to a caller: the workflow's validators throw RejectedAction (the action does
// not fit the case now) or InvalidAction (its content breaks a rule); Temporal hands the type over as the
// ApplicationFailure type (OPINION_ACTION_FAILURES).
import { OPINION_ACTION_FAILURES } from '@huiying/contracts/workflow';
import type { UpdateRefusal } from './workflow-update';

export type OpinionRefusalKind = 'not_found' | 'conflict' | 'invalid';

/** not_found → 404; a rejection of type InvalidAction → 422; any other rejection or an ended case → 409. */
export function opinionRefusalKind(r: { refusal: UpdateRefusal; failureType: string | null }): OpinionRefusalKind {
  if (r.refusal === 'not_found') return 'not_found';
  if (r.refusal === 'rejected' && r.failureType === OPINION_ACTION_FAILURES.invalid) return 'invalid';
  return 'conflict';
}
