import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  opinionCaseQueries,
  opinionCaseUpdates,
  type CaseStageChange,
  type OpinionCaseInput,
} from '@huiying/contracts/workflow';
import { opinionCaseWorkflow } from './opinion-case.workflow';
import { createTestWorker, createTimeSkippingEnv } from './test/time-skipping';

function input(caseId: string): OpinionCaseInput {
  return {
    caseId,
    reportId: randomUUID(),
    channel: 'weibo',
    title: '某小区供暖不热',
    category: 'housing',
    location: { district: '城关区' },
    discoveredAt: '2026-11-20T00:30:00.000Z',
    routing: {
      leadDepartment: 'housing_urban_rural',
      ccDepartments: ['disclosure_office', 'press_office', 'cyberspace_office'],
      jurisdiction: 'seed-city',
      territory: '城关区',
      ruleVersion: 'test-rules-1',
      ruleId: 'housing',
    },
  };
}

describe('opinionCaseWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const emitted: CaseStageChange[] = [];
  const activities = {
    async emitCaseEvent(e: CaseStageChange) {
      emitted.push(e);
    },
  };

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  beforeEach(() => {
    emitted.length = 0;
  });

  it('records collected then routed, emitting one event per stage with consecutive sequences', async () => {
    const caseId = randomUUID();
    const worker = await createTestWorker(env, 'opinion-routed', activities);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(opinionCaseWorkflow, { workflowId: caseId, taskQueue: 'opinion-routed', args: [input(caseId)] });
      let state = await handle.query(opinionCaseQueries.state);
      for (let i = 0; i < 50 && state.stage !== 'routed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = await handle.query(opinionCaseQueries.state);
      }
      expect(state.stage).toBe('routed');
      expect(state.department).toBe('housing_urban_rural');
      expect(state.history.map((h) => h.stage)).toEqual(['collected', 'routed']);
      await handle.terminate('test done');
    });
    expect(emitted.map((e) => [e.stage, e.sequence, e.previousStage])).toEqual([
      ['collected', 1, null],
      ['routed', 2, 'collected'],
    ]);
    expect(emitted[1]).toMatchObject({ caseId, kind: 'opinion', department: 'housing_urban_rural', jurisdiction: 'seed-city' });
    expect(emitted[1].detail).toMatchObject({ ruleVersion: 'test-rules-1', ccDepartments: ['disclosure_office', 'press_office', 'cyberspace_office'] });
  });

  it('lets only the lead department claim, once', async () => {
    const caseId = randomUUID();
    const worker = await createTestWorker(env, 'opinion-claim', activities);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(opinionCaseWorkflow, { workflowId: caseId, taskQueue: 'opinion-claim', args: [input(caseId)] });
      await expect(
        handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: 'education_bureau', claimedBy: 'user-1' }] }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      const claimed = await handle.executeUpdate(opinionCaseUpdates.claim, { args: [{ department: 'housing_urban_rural', claimedBy: 'user-2' }] });
      expect(claimed.stage).toBe('claimed');
      expect(claimed.claimedBy).toBe('user-2');
      const result = await handle.result();
      expect(result.stage).toBe('claimed');
    });
    expect(emitted.map((e) => e.stage)).toEqual(['collected', 'routed', 'claimed']);
  });

  it('refuses to run under a workflow id other than the case id', async () => {
    const worker = await createTestWorker(env, 'opinion-id', activities);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(opinionCaseWorkflow, {
        workflowId: `not-${randomUUID()}`,
        taskQueue: 'opinion-id',
        args: [input(randomUUID())],
      });
      await expect(handle.result()).rejects.toMatchObject({ cause: { message: expect.stringMatching(/must equal the case id/) } });
    });
    expect(emitted).toEqual([]);
  });
});
