import { workflowSpanAttributes, WORKFLOW_TRACING_INTERCEPTORS } from './tracing';

describe('workflow span attributes', () => {
  it('keep identifiers and counters of the WorkflowInfo the SDK copies in, and drop memo, search attributes, results and objects', () => {
    const info = {
      workflowId: 'c0ffee00-0000-4000-8000-000000000001',
      runId: 'r1',
      workflowType: 'opinionCaseWorkflow',
      taskQueue: 'cases',
      attempt: 1,
      historyLength: 12,
      memo: { title: '张三反映的问题' },
      searchAttributes: { Department: ['housing_urban_rural'] },
      lastResult: '王五',
      startTime: new Date(0),
      unsafe: { isReplaying: false },
      temporalWorkflowId: 'c0ffee00-0000-4000-8000-000000000001',
    };
    expect(workflowSpanAttributes(info)).toEqual({
      workflowId: info.workflowId,
      runId: 'r1',
      workflowType: 'opinionCaseWorkflow',
      taskQueue: 'cases',
      attempt: 1,
      historyLength: 12,
      temporalWorkflowId: info.workflowId,
    });
  });

  it('bundles the SDK workflow interceptor module that exports `interceptors`', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(WORKFLOW_TRACING_INTERCEPTORS) as { interceptors?: unknown };
    expect(typeof mod.interceptors).toBe('function');
  });
});
