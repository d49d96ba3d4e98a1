import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Logger } from 'pino';
import {
  opinionCaseSignals,
  opinionStartSearchAttributes,
  TASK_QUEUES,
  SEARCH_ATTRIBUTES,
  WORKFLOW_TYPES,
  type OpinionCaseInput,
  type ReportGroupedSignal,
} from '@huiying/contracts';
import { LOGGER } from '../infrastructure.module';
import { opinionWorkflowSummary } from './workflow-summary';

/** Starts the case workflow with workflow id = case id; a second start of the same case is a no-op. */
@Injectable()
export class CaseWorkflowStarter {
  constructor(
    private readonly client: Client,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async startOpinionCase(input: OpinionCaseInput): Promise<'started' | 'already-started'> {
    const summary = opinionWorkflowSummary(input);
    try {
      await this.client.workflow.start(WORKFLOW_TYPES.opinionCase, {
        workflowId: input.caseId,
        taskQueue: TASK_QUEUES.cases,
        args: [input],
        ...summary,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        // all the first workflow task would upsert, as far as known here: the workflow upserts only the rest (DueAt);
        // and the summary again, for the Temporal UI's workflow list (a column there; README → Watching cases)
        typedSearchAttributes: [...opinionStartSearchAttributes(input), { key: SEARCH_ATTRIBUTES.CaseSummary, value: summary.staticSummary }],
      });
      this.logger.info({ caseId: input.caseId, department: input.routing.leadDepartment }, 'case workflow started');
      return 'started';
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
      throw e;
    }
  }

  /**
   * Tells the case workflow that another report joined its group (the workflow ignores a report it already counted).
   * A case whose workflow has completed answers 'not-running': the report stays on record with its case.
   */
  async signalReportGrouped(caseId: string, signal: ReportGroupedSignal): Promise<'signalled' | 'not-running'> {
    try {
      await this.client.workflow.getHandle(caseId).signal(opinionCaseSignals.reportGrouped, signal);
      return 'signalled';
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return 'not-running';
      throw e;
    }
  }
}
