import { respondRefusal } from './respond-precheck';

const verified = (result: 'true' | 'partly_true' | 'untrue') => ({ result, findings: 'x', verifiedBy: 'y', at: '2026-11-20T08:00:00Z' });

describe('respondRefusal (what the workflow would refuse, asked before anything goes out)', () => {
  it('before verification only a factual release or a press conference may go out', () => {
    expect(respondRefusal({ stage: 'claimed', verification: null }, 'factual_release')).toBeNull();
    expect(respondRefusal({ stage: 'assessed', verification: null }, 'clarification_rebuttal')).toMatch(/needs the verification result first/);
    expect(respondRefusal({ stage: 'assessed', verification: null }, 'point_to_point_reply')).toMatch(/核查/);
  });

  it('the form must fit the verification result, and an ended case takes no response', () => {
    expect(respondRefusal({ stage: 'handling', verification: verified('untrue') }, 'clarification_rebuttal')).toBeNull();
    expect(respondRefusal({ stage: 'handling', verification: verified('true') }, 'clarification_rebuttal')).toMatch(/not a rebuttal/);
    expect(respondRefusal({ stage: 'handling', verification: verified('untrue') }, 'remedy_progress')).toMatch(/no remedy/);
    expect(respondRefusal({ stage: 'closed', verification: verified('true') }, 'remedy_progress')).toBe('cannot respond: the case is closed');
  });
});
