// Running an action on a case workflow as a Temporal update and telling apart what went wrong, so every service maps
// a refused action the same way (404 no such case, 409 does not fit the case now, 422 the request breaks a rule)
// and retries only what is worth retrying (Temporal unreachable: the error is rethrown).
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type QueryDefinition, type UpdateDefinition } from '@temporalio/common';

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

/** How long a read of a case workflow (a query) may take before the caller answers 503: a query needs a worker. */
export const CASE_QUERY_TIMEOUT_MS = 5000;

/** The case workflow could not answer in time (no worker polling, or Temporal unreachable): nothing was read. */
export class CaseWorkflowUnavailableError extends Error {
  constructor(
    readonly workflowId: string,
    override readonly cause: unknown,
  ) {
    super(`the case workflow ${workflowId} cannot be reached (${(cause as Error | undefined)?.message ?? String(cause)})`);
    this.name = 'CaseWorkflowUnavailableError';
  }
}

/**
 * Runs `query` on the workflow `workflowId` within `timeoutMs`. A refusal (no such workflow) is thrown as it came, for
 * `updateRefusal`; a query that cannot be answered in time — the worker is down, so nobody runs it, or Temporal is
 * unreachable — is a CaseWorkflowUnavailableError (503), instead of the client's default wait of a minute.
 */
export async function queryWorkflow<Ret>(client: Client, workflowId: string, query: QueryDefinition<Ret, []>, timeoutMs = CASE_QUERY_TIMEOUT_MS): Promise<Ret> {
  try {
    return await client.withDeadline(Date.now() + timeoutMs, () => client.workflow.getHandle(workflowId).query(query));
  } catch (e) {
    if (updateRefusal(e)) throw e;
    throw new CaseWorkflowUnavailableError(workflowId, e);
  }
}
