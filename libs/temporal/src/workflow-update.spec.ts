import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { opinionRejectionKind, updateRefusal } from './workflow-update';

describe('updateRefusal', () => {
  it('names a missing workflow, a validator rejection with its failure type and reason, and a completed workflow', () => {
    expect(updateRefusal(new WorkflowNotFoundError('gone', 'case-1', undefined))).toMatchObject({ refusal: 'not_found' });
    const rejected = new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type: 'RejectedAction', message: 'case already claimed by x (y)' }));
    expect(updateRefusal(rejected)).toEqual({ refusal: 'rejected', message: 'case already claimed by x (y)', failureType: 'RejectedAction' });
    expect(updateRefusal(new Error('workflow execution already completed'))).toMatchObject({ refusal: 'completed' });
  });

  it('leaves other errors (Temporal unreachable) to the caller', () => {
    expect(updateRefusal(new Error('14 UNAVAILABLE: No connection established'))).toBeNull();
    expect(updateRefusal(undefined)).toBeNull();
  });
});

describe('opinionRejectionKind', () => {
  it('content errors are invalid (422), stage and history conflicts are conflicts (409)', () => {
    expect(opinionRejectionKind('resolution is required')).toBe('invalid');
    expect(opinionRejectionKind('publishedAt 2099-01-01T00:00:00Z is in the future')).toBe('invalid');
    expect(opinionRejectionKind('form must be one of factual_release, …, got "x"')).toBe('invalid');
    expect(opinionRejectionKind('a remedy_progress needs the verification result first (核查); before it only a factual release or a press conference may go out')).toBe('conflict');
    expect(opinionRejectionKind('cannot close a case that is routed')).toBe('conflict');
    expect(opinionRejectionKind('only major and especially major cases are evaluated; this one is general')).toBe('conflict');
  });
});
