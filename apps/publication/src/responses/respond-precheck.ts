// Before anything goes out: would the case workflow take this response? The workflow's respond validator is the
// authority (it runs again when the delivered response is recorded); this asks the same questions of the case state
// first so that a response the workflow would refuse is never published. Pure.
import { RESPONSE_FORMS_BEFORE_VERIFICATION, type OpinionCaseState, type ResponseForm } from '@huiying/contracts';

const ENDED = ['closed', 'evaluated'];

/** The reason the workflow would refuse a `form` response now, or null. */
export function respondRefusal(state: Pick<OpinionCaseState, 'stage' | 'verification'>, form: ResponseForm): string | null {
  if (ENDED.includes(state.stage)) return `cannot respond: the case is ${state.stage}`;
  if (RESPONSE_FORMS_BEFORE_VERIFICATION.includes(form)) return null;
  if (!state.verification) {
    return `a ${form} needs the verification result first (核查); before it only a factual release or a press conference may go out`;
  }
  if (form === 'clarification_rebuttal' && state.verification.result === 'true') {
    return 'verification found the report true: publish the remedy and its progress, not a rebuttal';
  }
  if (form === 'remedy_progress' && state.verification.result === 'untrue') {
    return 'verification found the report untrue: clarify it, there is no remedy to report';
  }
  return null;
}
