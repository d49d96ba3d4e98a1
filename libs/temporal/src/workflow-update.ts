// Running an action on a case workflow as a Temporal update and telling apart what went wrong, so every service maps
// a refused action the same way (404 no such case, 409 does not fit the case now, 422 the request breaks a rule)
// and retries only what is worth retrying (Temporal unreachable: the error is rethrown).
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';

export type UpdateRefusal = 'not_found' | 'completed' | 'rejected';

export type UpdateOutcome<Ret> =
  | { ok: true; result: Ret }
  | {
      ok: false;
      /** not_found: no such workflow; completed: it has ended; rejected: its validator (or handler) refused the action. */
      refusal: UpdateRefusal;
      message: string;
      /** The ApplicationFailure type of a rejection (e.g. RejectedAction), when there is one. */
      failureType: string | null;
    };

/**
 * Runs `update` on the workflow `workflowId` and waits for its result. A refusal is returned, not thrown; anything
 * else (Temporal unreachable, timeouts) is thrown so the caller can answer 503 or retry.
 */
export async function executeWorkflowUpdate<Ret, Arg>(
  client: Client,
  workflowId: string,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<UpdateOutcome<Ret>> {
  try {
    const result = await client.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg] });
    return { ok: true, result };
  } catch (e) {
    const refused = updateRefusal(e);
    if (refused) return { ok: false, ...refused };
    throw e;
  }
}

/** What a thrown error from an update or query says about the workflow, or null when it is not a refusal. */
export function updateRefusal(e: unknown): { refusal: UpdateRefusal; message: string; failureType: string | null } | null {
  // An update to a closed run comes back as WorkflowNotFoundError "workflow execution already completed": it exists.
  if (e instanceof WorkflowNotFoundError) {
    return { refusal: /already completed/i.test(e.message) ? 'completed' : 'not_found', message: e.message, failureType: null };
  }
  if (e instanceof WorkflowUpdateFailedError) {
    const cause = e.cause;
    const failureType = cause instanceof ApplicationFailure ? (cause.type ?? null) : null;
    return { refusal: 'rejected', message: cause?.message ?? e.message, failureType };
  }
  const message = (e as Error | undefined)?.message ?? '';
  if (/workflow execution already completed/i.test(message)) return { refusal: 'completed', message, failureType: null };
  if (/workflow.*not found|not found.*workflow/i.test(message)) return { refusal: 'not_found', message, failureType: null };
  return null;
}
