import type { Client } from '@temporalio/client';
import type { CaseFacts, ReachMode } from './access.types';

/** Finds the facts reach is decided on for one case; null when the case is unknown (the handler answers 404). */
export interface CaseReachResolver {
  facts(caseId: string, mode: ReachMode): Promise<CaseFacts | null>;
}

/** Provider token of a service's CaseReachResolver (optional: without one, limited callers are refused on case calls). */
export const CASE_REACH = Symbol('CASE_REACH');

interface StateLike {
  department?: string | null;
  ccDepartments?: string[];
  coHandlers?: { department: string }[];
  jurisdiction?: string;
  policy?: { jurisdiction?: string };
}

/** Facts from a case workflow's `state` query (opinion and disclosure cases alike). */
export function factsFromWorkflowState(s: StateLike): CaseFacts {
  return {
    department: s.department ?? null,
    coDepartments: (s.coHandlers ?? []).map((c) => c.department),
    ccDepartments: s.ccDepartments ?? [],
    jurisdiction: s.jurisdiction ?? s.policy?.jurisdiction ?? null,
  };
}

/**
 * Reach from the case workflow itself (workflow id = case id), queried at the time of the call: the source of truth for
 * who leads and co-handles the case right now, so an action on a case routed a moment ago (or just transferred) is
 * decided on current facts, never on a read model that lags behind.
 */
export class WorkflowCaseReach implements CaseReachResolver {
  constructor(private readonly client: Client) {}

  async facts(caseId: string): Promise<CaseFacts | null> {
    try {
      const state = await this.client.workflow.getHandle(caseId).query<StateLike>('state');
      return factsFromWorkflowState(state);
    } catch (e) {
      if (e instanceof Error && (e.name === 'WorkflowNotFoundError' || /not found/i.test(e.message))) return null;
      throw e;
    }
  }
}
