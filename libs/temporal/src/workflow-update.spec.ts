import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { updateRefusal } from './workflow-update';

describe('updateRefusal', () => {
  it('names a missing workflow, a validator rejection with its failure type and reason, and a completed workflow', () => {
    expect(updateRefusal(new WorkflowNotFoundError('gone', 'case-1', undefined))).toMatchObject({ refusal: 'not_found' });
    const rejected = new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type: 'RejectedAction', message: 'case already claimed by x (y)' }));
    expect(updateRefusal(rejected)).toEqual({ refusal: 'rejected', message: 'case already claimed by x (y)', failureType: 'RejectedAction' });
    expect(updateRefusal(new Error('workflow execution already completed'))).toMatchObject({ refusal: 'completed' });
    expect(updateRefusal(new WorkflowNotFoundError('workflow execution already completed', 'case-1', undefined))).toMatchObject({ refusal: 'completed' });
  });

  it('leaves other errors (Temporal unreachable) to the caller', () => {
    expect(updateRefusal(new Error('14 UNAVAILABLE: No connection established'))).toBeNull();
    expect(updateRefusal(undefined)).toBeNull();
  });
});
