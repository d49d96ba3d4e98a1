// The public-opinion case (舆情案件) workflow. Deterministic: no clock, network or database here;
// everything that touches the outside world is an activity (CaseActivities, implemented by apps/worker).
import {
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  opinionCaseQueries,
  opinionCaseUpdates,
  SEARCH_ATTRIBUTES,
  type CaseActivities,
  type ClaimRequest,
  type OpinionCaseInput,
  type OpinionCaseState,
  type OpinionStage,
} from '@huiying/contracts/workflow';

const activities = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function opinionCaseWorkflow(input: OpinionCaseInput): Promise<OpinionCaseState> {
  const state: OpinionCaseState = {
    caseId: input.caseId,
    stage: 'collected',
    department: input.routing.leadDepartment,
    ccDepartments: input.routing.ccDepartments,
    grade: null,
    claimedBy: null,
    history: [],
  };

  setHandler(opinionCaseQueries.state, () => state);

  setHandler(
    opinionCaseUpdates.claim,
    async (req: ClaimRequest) => {
      state.claimedBy = req.claimedBy;
      await enterStage('claimed', { department: req.department, claimedBy: req.claimedBy });
      return state;
    },
    {
      validator: (req: ClaimRequest) => {
        if (state.claimedBy) throw new Error(`case already claimed by ${state.department}`);
        if (req.department !== state.department) {
          throw new Error(`only the lead department ${state.department} can claim this case, not ${req.department}`);
        }
      },
    },
  );

  async function enterStage(stage: OpinionStage, detail: Record<string, unknown>) {
    const previousStage = state.history.length ? state.stage : null;
    const sequence = state.history.length + 1;
    // The workflow's own clock is deterministic (replayed from history), so it is safe here.
    const at = new Date().toISOString();
    state.stage = stage;
    state.history.push({ sequence, stage, at, detail });
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.CaseStage, value: stage },
      { key: SEARCH_ATTRIBUTES.Department, value: state.department },
    ]);
    await activities.emitCaseEvent({
      caseId: state.caseId,
      kind: 'opinion',
      sequence,
      stage,
      previousStage,
      department: state.department,
      ccDepartments: state.ccDepartments,
      grade: state.grade,
      jurisdiction: input.routing.jurisdiction,
      occurredAt: at,
      detail,
    });
  }

  if (workflowInfo().workflowId !== input.caseId) {
    throw ApplicationFailure.nonRetryable(`workflow id ${workflowInfo().workflowId} must equal the case id ${input.caseId}`);
  }

  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.CaseKind, value: 'opinion' },
    { key: SEARCH_ATTRIBUTES.Jurisdiction, value: input.routing.jurisdiction },
  ]);
  await enterStage('collected', { reportId: input.reportId, channel: input.channel, discoveredAt: input.discoveredAt });
  await enterStage('routed', {
    leadDepartment: input.routing.leadDepartment,
    ccDepartments: input.routing.ccDepartments,
    territory: input.routing.territory,
    ruleVersion: input.routing.ruleVersion,
    ruleId: input.routing.ruleId,
    category: input.category,
  });

  // The later stages (claim clock, assessment, response deadlines) are driven by the lifecycle issue;
  // until then the case waits here to be claimed by its lead department.
  await condition(() => state.claimedBy !== null);
  return state;
}
