// The shape of a routed case, read from its workflow history (pure; unit-tested on a recorded history).
//
// "Routed" is the first point where the workflow has nothing left in flight: the first workflow task completion after
// which (its commands included) no activity and no child workflow is pending. For the opinion case that is its first
// workflow task: the collected and routed case events go out by one local activity (a marker) inside it, and it arms
// the claim clock's timer (cases started before the case-events-batched-local patch: the task after the `routed` case
// event's activity).
import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;

/** Event type name without prefix, e.g. WORKFLOW_TASK_COMPLETED, from a number, an EVENT_TYPE_… name or a CamelCase name. */
export function eventTypeName(t: unknown): string {
  if (typeof t === 'number') return (EventType[t] ?? String(t)).replace(/^EVENT_TYPE_/, '');
  const s = String(t);
  if (s.startsWith('EVENT_TYPE_')) return s.slice('EVENT_TYPE_'.length);
  return s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Events written by the commands of a workflow task (they follow its WORKFLOW_TASK_COMPLETED). */
const COMMAND_EVENTS = new Set([
  'ACTIVITY_TASK_SCHEDULED', 'ACTIVITY_TASK_CANCEL_REQUESTED', 'TIMER_STARTED', 'TIMER_CANCELED', 'MARKER_RECORDED',
  'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES', 'WORKFLOW_PROPERTIES_MODIFIED', 'START_CHILD_WORKFLOW_EXECUTION_INITIATED',
  'SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED', 'REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED',
  'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', 'WORKFLOW_EXECUTION_UPDATE_COMPLETED', 'WORKFLOW_EXECUTION_UPDATE_REJECTED',
  'WORKFLOW_EXECUTION_COMPLETED', 'WORKFLOW_EXECUTION_FAILED', 'WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
  'WORKFLOW_EXECUTION_CANCELED',
]);
/** Input from outside the workflow: a case that got one before it was routed is not a clean sample. */
const EXTERNAL_INPUT = new Set([
  'WORKFLOW_EXECUTION_SIGNALED', 'WORKFLOW_EXECUTION_UPDATE_ADMITTED', 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
  'WORKFLOW_EXECUTION_CANCEL_REQUESTED', 'WORKFLOW_EXECUTION_TERMINATED',
]);

export interface CaseShape {
  /** history events up to and including the routed point */
  events: number;
  workflowTasks: number;
  activities: number;
  upserts: number;
  timers: number;
  /** timers that fired before the routed point (each woke a workflow task) */
  timersFired: number;
  /** local activities, side effects, patches */
  markers: number;
  /** no signal, update or cancellation arrived before the routed point */
  clean: boolean;
}

/** The shape up to the routed point, or null if the history has not got there yet. */
export function routedShape(events: readonly { eventType?: unknown }[]): CaseShape | null {
  const names = events.map((e) => eventTypeName(e.eventType));
  let pendingActivities = 0;
  let pendingChildren = 0;
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (n === 'ACTIVITY_TASK_SCHEDULED') pendingActivities++;
    else if (n === 'ACTIVITY_TASK_COMPLETED' || n === 'ACTIVITY_TASK_FAILED' || n === 'ACTIVITY_TASK_TIMED_OUT' || n === 'ACTIVITY_TASK_CANCELED') pendingActivities--;
    else if (n === 'START_CHILD_WORKFLOW_EXECUTION_INITIATED') pendingChildren++;
    else if (/^CHILD_WORKFLOW_EXECUTION_(COMPLETED|FAILED|CANCELED|TIMED_OUT|TERMINATED)$/.test(n ?? '') || n === 'START_CHILD_WORKFLOW_EXECUTION_FAILED') pendingChildren--;
    if (n !== 'WORKFLOW_TASK_COMPLETED') continue;
    // this task's commands
    let end = i;
    let acts = pendingActivities;
    let kids = pendingChildren;
    while (end + 1 < names.length && COMMAND_EVENTS.has(names[end + 1] as string)) {
      end++;
      if (names[end] === 'ACTIVITY_TASK_SCHEDULED') acts++;
      if (names[end] === 'START_CHILD_WORKFLOW_EXECUTION_INITIATED') kids++;
    }
    if (acts === 0 && kids === 0) return countShape(names.slice(0, end + 1));
  }
  return null;
}

function countShape(names: readonly string[]): CaseShape {
  const count = (t: string) => names.filter((n) => n === t).length;
  return {
    events: names.length,
    workflowTasks: count('WORKFLOW_TASK_COMPLETED'),
    activities: count('ACTIVITY_TASK_SCHEDULED'),
    upserts: count('UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'),
    timers: count('TIMER_STARTED'),
    timersFired: count('TIMER_FIRED'),
    markers: count('MARKER_RECORDED'),
    clean: !names.some((n) => EXTERNAL_INPUT.has(n)),
  };
}

/** The shape most cases share (clean ones first); null for none. */
export function commonShape(shapes: readonly (CaseShape | null)[]): CaseShape | null {
  const known = shapes.filter((s): s is CaseShape => s !== null);
  const pool = known.some((s) => s.clean) ? known.filter((s) => s.clean) : known;
  const byKey = new Map<string, { shape: CaseShape; n: number }>();
  for (const s of pool) {
    const key = JSON.stringify(s);
    byKey.set(key, { shape: s, n: (byKey.get(key)?.n ?? 0) + 1 });
  }
  return [...byKey.values()].sort((a, b) => b.n - a.n)[0]?.shape ?? null;
}

/**
 * One workflow task of the reference workflow: upserts, local activities one after the other (a marker each, inside
 * the task), then activities in parallel (awaited) or one short timer (fires).
 */
export interface ReferenceStep {
  upserts: number;
  /** no-op local activities standing for the case's markers (its local activities and patch markers) */
  localActivities: number;
  activities: number;
  /** fire a 1 ms timer to end the task (a case's task woken by a fired timer, or by a signal/update the reference cannot send itself) */
  fireTimer: boolean;
}

export interface ReferencePlan {
  steps: ReferenceStep[];
  /** timers started in the last task that do not fire (the case's clock timer) */
  waitingTimers: number;
  /** timers the reference fires beyond the case's own (to reproduce tasks the case got from outside input) */
  extraTimers: number;
}

/**
 * A workflow of the same shape as the case: the same number of workflow tasks, activities, upserts, markers and
 * timers. Each task but the last ends in what wakes the next one (activities, or a timer that fires); the last starts
 * the timers that wait. Upserts and markers are spread over the tasks in order.
 */
export function referencePlan(
  shape: Pick<CaseShape, 'workflowTasks' | 'activities' | 'upserts' | 'timers' | 'timersFired'> & Partial<Pick<CaseShape, 'markers'>>,
): ReferencePlan {
  const activities = Math.max(0, shape.activities);
  const fired = Math.max(0, Math.min(shape.timersFired, shape.timers));
  const wakers = activities + fired;
  const tasks = Math.max(1, shape.workflowTasks, wakers > 0 ? 2 : 1);
  const transitions = tasks - 1;
  const steps: ReferenceStep[] = Array.from({ length: tasks }, () => ({ upserts: 0, localActivities: 0, activities: 0, fireTimer: false }));
  // activities first, one per transition, the rest in parallel on the earlier ones
  for (let a = 0; a < activities; a++) (steps[a % transitions] as ReferenceStep).activities++;
  // fired timers and any transition still without a waker
  let firedLeft = fired;
  let extraTimers = 0;
  for (let t = 0; t < transitions; t++) {
    const step = steps[t] as ReferenceStep;
    if (step.activities > 0) continue;
    step.fireTimer = true;
    if (firedLeft > 0) firedLeft--;
    else extraTimers++;
  }
  // fired timers beyond the transitions: alongside activities (a timer and activities awaited together)
  for (let t = 0; firedLeft > 0 && t < transitions; t++) {
    const step = steps[t] as ReferenceStep;
    if (!step.fireTimer) {
      step.fireTimer = true;
      firedLeft--;
    }
  }
  for (let u = 0; u < Math.max(0, shape.upserts); u++) (steps[u % tasks] as ReferenceStep).upserts++;
  for (let m = 0; m < Math.max(0, shape.markers ?? 0); m++) (steps[m % tasks] as ReferenceStep).localActivities++;
  return { steps, waitingTimers: Math.max(0, shape.timers - fired), extraTimers };
}
