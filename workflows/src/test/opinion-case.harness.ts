// Test support for the opinion-case workflow: inputs at the test server's time, an activity double that records
// the case events, polling until the workflow has caught up, and recording histories for the replay test.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  opinionCaseQueries,
  type CaseStageChange,
  type OpinionCaseInput,
  type OpinionCaseState,
} from '@huiying/contracts/workflow';
import type { opinionCaseWorkflow } from '../opinion-case.workflow';

export type CaseHandle = WorkflowHandle<typeof opinionCaseWorkflow>;

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const HISTORIES_DIR = path.join(__dirname, 'histories');
/**
 * Histories recorded before the case-events-batched-local patch (one emitCaseEvent activity per event): kept apart so
 * that recording again (which writes HISTORIES_DIR) never replaces them. They go when the patch's old branch goes.
 */
export const HISTORIES_BEFORE_BATCHED_EVENTS_DIR = path.join(HISTORIES_DIR, 'before-case-events-batched-local');
/** Recorded histories of disclosureApplicationWorkflow (replayed by disclosure-application.replay.workflow.spec.ts). */
export const DISCLOSURE_HISTORIES_DIR = path.join(HISTORIES_DIR, 'disclosure');

export function opinionInput(caseId: string, discoveredAtMs: number, overrides: Partial<OpinionCaseInput> = {}): OpinionCaseInput {
  return {
    caseId,
    reportId: randomUUID(),
    channel: 'weibo',
    title: '某小区供暖不热',
    category: 'housing',
    location: { district: '城关区' },
    discoveredAt: new Date(discoveredAtMs).toISOString(),
    routing: {
      leadDepartment: 'housing_urban_rural',
      ccDepartments: ['disclosure_office', 'press_office', 'cyberspace_office'],
      jurisdiction: 'seed-city',
      territory: '城关区',
      ruleVersion: 'test-rules-1',
      ruleId: 'housing',
    },
    ...overrides,
  };
}

/** Case events by case id: the double of the emitCaseEvent / emitCaseEvents activities. */
export class EmittedEvents {
  private readonly byCase = new Map<string, CaseStageChange[]>();
  /** Each call of either activity (a batch of one for emitCaseEvent), in the order they ran. */
  readonly calls: { activity: 'emitCaseEvent' | 'emitCaseEvents'; caseId: string; sequences: number[] }[] = [];
  readonly activities = {
    emitCaseEvent: async (e: CaseStageChange) => {
      this.calls.push({ activity: 'emitCaseEvent', caseId: e.caseId, sequences: [e.sequence] });
      this.keep(e);
    },
    emitCaseEvents: async (events: CaseStageChange[]) => {
      this.calls.push({ activity: 'emitCaseEvents', caseId: events[0]?.caseId ?? '', sequences: events.map((e) => e.sequence) });
      for (const e of events) this.keep(e);
    },
  };
  private keep(e: CaseStageChange): void {
    const list = this.byCase.get(e.caseId) ?? [];
    // idempotent like the real one: a retried emission does not duplicate
    if (!list.some((x) => x.sequence === e.sequence)) list.push(e);
    this.byCase.set(e.caseId, list);
  }
  of(caseId: string): CaseStageChange[] {
    return [...(this.byCase.get(caseId) ?? [])].sort((a, b) => a.sequence - b.sequence);
  }
  ofChange(caseId: string, change: string): CaseStageChange[] {
    return this.of(caseId).filter((e) => (e.change ?? 'stage') === change);
  }
}

/** Polls the case state until `ok` holds (the workflow processes timers and updates asynchronously). */
export async function stateWhen(handle: CaseHandle, ok: (s: OpinionCaseState) => boolean, what: string): Promise<OpinionCaseState> {
  let last: OpinionCaseState | undefined;
  for (let i = 0; i < 200; i++) {
    last = await handle.query(opinionCaseQueries.state);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; stage ${last?.stage}, history ${JSON.stringify(last?.history.map((h) => [h.change, h.stage, h.at]))}`);
}

export async function routedCase(env: TestWorkflowEnvironment, taskQueue: string, overrides: Partial<OpinionCaseInput> = {}, discoveredAgoMs = 0) {
  const caseId = randomUUID();
  const t0 = (await env.currentTimeMs()) - discoveredAgoMs;
  const input = opinionInput(caseId, t0, overrides);
  const handle: CaseHandle = await env.client.workflow.start<typeof opinionCaseWorkflow>('opinionCaseWorkflow', { workflowId: caseId, taskQueue, args: [input] });
  await stateWhen(handle, (s) => s.stage === 'routed', 'routed');
  return { caseId, handle, input, t0 };
}

/**
 * Writes the workflow's history for the replay test when RECORD_HISTORIES=1
 * (`RECORD_HISTORIES=1 npm run test:workflow`, then commit workflows/src/test/histories/*.json).
 */
export async function maybeRecordHistory(handle: Pick<WorkflowHandle, 'workflowId' | 'fetchHistory'>, name: string, dir = HISTORIES_DIR): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const json = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String });
  fs.writeFileSync(file, JSON.stringify({ workflowId: handle.workflowId, history: json }) + '\n');
}

/** A recorded history file back as { workflowId, history } for Worker.runReplayHistories. */
export function readRecordedHistory(file: string): { workflowId: string; history: temporal.api.history.v1.IHistory } {
  const { workflowId, history } = JSON.parse(fs.readFileSync(file, 'utf8')) as { workflowId: string; history: Record<string, unknown> };
  return { workflowId, history: temporal.api.history.v1.History.fromObject(history) };
}
