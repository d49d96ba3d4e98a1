import { OPINION_RESPONSE_FORMS_BEFORE_VERIFICATION, opinionResponseRefusal } from './opinion-response';

const verified = (result: 'true' | 'partly_true' | 'untrue') => ({ result });

describe('opinionResponseRefusal (the one respond rule of the workflow and publication)', () => {
  it('before verification only a factual release or a press conference (notice) may go out', () => {
    for (const form of OPINION_RESPONSE_FORMS_BEFORE_VERIFICATION) expect(opinionResponseRefusal({ stage: 'claimed', verification: null }, form)).toBeNull();
    expect(opinionResponseRefusal({ stage: 'assessed', verification: null }, 'clarification_rebuttal')).toBe(
      'a clarification_rebuttal needs the verification result first (核查); before it only a factual release or a press conference may go out',
    );
    expect(opinionResponseRefusal({ stage: 'assessed', verification: null }, 'point_to_point_reply')).toMatch(/核查/);
    expect(opinionResponseRefusal({ stage: 'assessed', verification: null }, 'expert_interpretation')).toMatch(/needs the verification result first/);
  });

  it('the form must fit the verification result', () => {
    expect(opinionResponseRefusal({ stage: 'handling', verification: verified('untrue') }, 'clarification_rebuttal')).toBeNull();
    expect(opinionResponseRefusal({ stage: 'handling', verification: verified('partly_true') }, 'clarification_rebuttal')).toBeNull();
    expect(opinionResponseRefusal({ stage: 'handling', verification: verified('true') }, 'clarification_rebuttal')).toBe(
      'verification found the report true: publish the remedy and its progress, not a rebuttal',
    );
    expect(opinionResponseRefusal({ stage: 'handling', verification: verified('partly_true') }, 'remedy_progress')).toBeNull();
    expect(opinionResponseRefusal({ stage: 'handling', verification: verified('untrue') }, 'remedy_progress')).toBe(
      'verification found the report untrue: clarify it, there is no remedy to report',
    );
    expect(opinionResponseRefusal({ stage: 'responded', verification: verified('true') }, 'point_to_point_reply')).toBeNull();
  });

  it('an ended case takes no response, whatever the form', () => {
    expect(opinionResponseRefusal({ stage: 'closed', verification: verified('true') }, 'remedy_progress')).toBe('cannot respond: the case is closed');
    expect(opinionResponseRefusal({ stage: 'evaluated', verification: null }, 'factual_release')).toBe('cannot respond: the case is evaluated');
  });
});
