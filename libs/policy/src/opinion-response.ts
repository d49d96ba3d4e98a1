// Which response (回应) an opinion case can take in its current state — one rule, asked by the case workflow's respond
// validator (the authority) and by publication before anything goes out (so a response the workflow would refuse is
// never published). Pure and workflow-safe: the case state in, the reason out.

/** Forms that may go out before verification (核查): the facts known so far, within the 1 h / 5 h first-release window. */
export const OPINION_RESPONSE_FORMS_BEFORE_VERIFICATION = Object.freeze(['factual_release', 'press_conference', 'press_conference_notice'] as const);

/** 属实 | 部分属实 | 不属实 */
export type VerificationOutcome = 'true' | 'partly_true' | 'untrue';

/** Stages in which a case takes no more responses. */
export const OPINION_ENDED_STAGES: readonly string[] = Object.freeze(['closed', 'evaluated']);

export interface ResponseCaseState {
  stage: string;
  verification: { result: VerificationOutcome } | null;
}

/**
 * The reason the case refuses a `form` response now, or null: an ended case takes none; before verification only a
 * factual release or a press conference (notice) may go out; after it, a rebuttal needs a report found not true and a
 * remedy progress report one found not untrue.
 */
export function opinionResponseRefusal(state: ResponseCaseState, form: string): string | null {
  if (OPINION_ENDED_STAGES.includes(state.stage)) return `cannot respond: the case is ${state.stage}`;
  if ((OPINION_RESPONSE_FORMS_BEFORE_VERIFICATION as readonly string[]).includes(form)) return null;
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
