// Workflows of the bench worker (bench/bench.mjs bundles this file with bundleWorkflowCode; its own task queue).
//   benchTrivialWorkflow   the start ceiling: one workflow task, completes
//   benchReferenceWorkflow the engine reference: a case's shape (workflow tasks, activities, upserts, markers as no-op
//                          local activities, timers), no work
// Each tells the bench process when it got to its end (sink `bench.reached`, outside the history: no event).
import { proxyActivities, proxyLocalActivities, proxySinks, sleep, upsertSearchAttributes, type Sinks } from '@temporalio/workflow';
import { defineSearchAttributeKey } from '@temporalio/common';
import type { ReferencePlan } from './history-shape';

export interface BenchSinks extends Sinks {
  bench: { reached(): void };
}

const { bench } = proxySinks<BenchSinks>();
const { benchNoop } = proxyActivities<{ benchNoop(): Promise<void> }>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<{ benchNoop(): Promise<void> }>({ startToCloseTimeout: '5 seconds' });
/** A registered keyword the upserts write; the value ('bench') is no real department, so no case query finds it. */
const DEPARTMENT = defineSearchAttributeKey('Department', 'KEYWORD');

export async function benchTrivialWorkflow(): Promise<void> {
  bench.reached();
}

export async function benchReferenceWorkflow(plan: ReferencePlan): Promise<void> {
  for (const [i, step] of plan.steps.entries()) {
    for (let u = 0; u < step.upserts; u++) upsertSearchAttributes([{ key: DEPARTMENT, value: 'bench' }]);
    for (let m = 0; m < (step.localActivities ?? 0); m++) await local.benchNoop();
    const last = i === plan.steps.length - 1;
    if (last) break;
    const wakers: Promise<unknown>[] = [];
    for (let a = 0; a < step.activities; a++) wakers.push(benchNoop());
    if (step.fireTimer) wakers.push(sleep(1));
    await Promise.all(wakers);
  }
  // the last task: the timers that wait (the case's clock), then the routed point is reached
  const waiting = Array.from({ length: plan.waitingTimers }, () => sleep('1 hour'));
  bench.reached();
  await Promise.all(waiting);
}
