import { OPINION_ACTION_FAILURES } from '@huiying/contracts/workflow';
import { opinionRefusalKind } from './opinion-refusal';

describe('opinionRefusalKind', () => {
  it('no such case → not_found; InvalidAction → invalid; RejectedAction, other failures and ended cases → conflict', () => {
    expect(opinionRefusalKind({ refusal: 'not_found', failureType: null })).toBe('not_found');
    expect(opinionRefusalKind({ refusal: 'rejected', failureType: OPINION_ACTION_FAILURES.invalid })).toBe('invalid');
    expect(opinionRefusalKind({ refusal: 'rejected', failureType: OPINION_ACTION_FAILURES.conflict })).toBe('conflict');
    expect(opinionRefusalKind({ refusal: 'rejected', failureType: null })).toBe('conflict');
    expect(opinionRefusalKind({ refusal: 'completed', failureType: null })).toBe('conflict');
  });
});
