import type { CaseFacts, CaseReachResolver, ReachMode } from '@huiying/access';
import type { CaseReachRepository } from './case-reach.repository';

/**
 * Reach in the ledger: reads are decided on the ledger's own read model (what the caller would read is exactly what was
 * checked); actions (close, follow-ups, evaluation) on the case workflow, like the other services, so an action never
 * fails because the read model lags. A case the read model has not caught up with yet is looked up in the workflow.
 */
export class LedgerCaseReach implements CaseReachResolver {
  constructor(
    private readonly readModel: CaseReachRepository,
    private readonly workflow: CaseReachResolver,
  ) {}

  async facts(caseId: string, mode: ReachMode): Promise<CaseFacts | null> {
    if (mode === 'act') return this.workflow.facts(caseId, mode);
    return (await this.readModel.facts(caseId)) ?? this.workflow.facts(caseId, mode);
  }
}
