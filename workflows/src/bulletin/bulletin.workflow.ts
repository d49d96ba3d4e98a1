// Bulletins by Temporal Schedule (issue 10). Deterministic: the period comes from the scheduled time (the schedule's
// TemporalScheduledStartTime search attribute, else the workflow's start time), never from a clock read; everything
// with I/O — reading the ledger, rendering, storing, publishing — is the ledger's activity.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { executeChild, ParentClosePolicy, proxyActivities, workflowInfo, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { periodBefore } from '@huiying/calendar';
import {
  BULLETIN_TASK_QUEUE,
  bulletinWorkflowId,
  SCHEDULED_START_TIME,
  type BulletinActivities,
  type BulletinOutcome,
  type BulletinRequest,
  type BulletinScheduleInput,
  type BulletinScheduleResult,
} from '@huiying/contracts/workflow';

const { generateBulletin } = proxyActivities<BulletinActivities>({
  taskQueue: BULLETIN_TASK_QUEUE,
  startToCloseTimeout: '5 minutes',
  // the ledger or its database may be down for a while: keep trying, ever more slowly
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** One bulletin of one period and jurisdiction (workflow id bulletin-<kind>-<period>-<jurisdiction>). */
export async function bulletinWorkflow(request: BulletinRequest): Promise<BulletinOutcome> {
  return generateBulletin(request);
}

/**
 * Started by the schedule on the first day of a period (08:00 Asia/Shanghai): the bulletin of the period just ended,
 * for each jurisdiction, as a child with the period's workflow id. A second trigger for the same period finds that id
 * completed (or running) and starts nothing: one bulletin per period (a failed one may be run again).
 */
export async function bulletinScheduleWorkflow(input: BulletinScheduleInput): Promise<BulletinScheduleResult> {
  const info = workflowInfo();
  const scheduledAt = (info.typedSearchAttributes.get(SCHEDULED_START_TIME) ?? info.startTime).toISOString();
  const period = periodBefore(input.kind, scheduledAt);
  const jurisdictions: BulletinScheduleResult['jurisdictions'] = [];
  for (const jurisdiction of input.jurisdictions) {
    const workflowId = bulletinWorkflowId(input.kind, period.period, jurisdiction);
    try {
      const outcome = await executeChild(bulletinWorkflow, {
        workflowId,
        args: [{ kind: input.kind, period: period.period, jurisdiction }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: `bulletin ${input.kind} ${period.period} ${jurisdiction}`,
      });
      jurisdictions.push({ jurisdiction, workflowId, outcome });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      jurisdictions.push({ jurisdiction, workflowId, outcome: 'already_generated' });
    }
  }
  return { kind: input.kind, period: period.period, scheduledAt, jurisdictions };
}
