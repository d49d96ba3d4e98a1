import { DISCLOSURE_ACTION_FAILURES, OPINION_ACTION_FAILURES } from '@huiying/contracts/workflow';
import { disclosureRefusalKind, opinionRefusalKind, REFUSAL_HTTP_STATUS, refusalKind } from './opinion-refusal';

describe('refused case actions: one mapping for every case workflow', () => {
  it('opinion: no such case → not_found; InvalidAction → invalid; RejectedAction, other failures and ended cases → conflict', () => {
    expect(opinionRefusalKind({ refusal: 'not_found', failureType: null })).toBe('not_found');
    expect(opinionRefusalKind({ refusal: 'rejected', failureType: OPINION_ACTION_FAILURES.invalid })).toBe('invalid');
    expect(opinionRefusalKind({ refusal: 'rejected', failureType: OPINION_ACTION_FAILURES.conflict })).toBe('conflict');
    expect(opinionRefusalKind({ refusal: 'rejected', failureType: null })).toBe('conflict');
    expect(opinionRefusalKind({ refusal: 'completed', failureType: null })).toBe('conflict');
  });

  it('disclosure: its own failure types, the same kinds; one workflow\'s "invalid" type is a conflict for the other', () => {
    expect(disclosureRefusalKind({ refusal: 'rejected', failureType: DISCLOSURE_ACTION_FAILURES.invalid })).toBe('invalid');
    expect(disclosureRefusalKind({ refusal: 'rejected', failureType: DISCLOSURE_ACTION_FAILURES.conflict })).toBe('conflict');
    expect(disclosureRefusalKind({ refusal: 'rejected', failureType: OPINION_ACTION_FAILURES.invalid })).toBe('conflict');
    expect(disclosureRefusalKind({ refusal: 'completed', failureType: null })).toBe('conflict');
    expect(disclosureRefusalKind({ refusal: 'not_found', failureType: null })).toBe('not_found');
    expect(refusalKind({ refusal: 'not_found', failureType: 'anything' }, 'anything')).toBe('not_found');
  });

  it('each kind has its HTTP status: 404 / 409 / 422', () => {
    expect(REFUSAL_HTTP_STATUS).toEqual({ not_found: 404, conflict: 409, invalid: 422 });
  });
});
