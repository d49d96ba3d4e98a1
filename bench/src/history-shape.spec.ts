import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commonShape, eventTypeName, referencePlan, routedShape, type CaseShape } from './history-shape';

const recorded = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/routed-case-history.json'), 'utf8')) as { events: { eventType: string }[] };
const E = (...types: string[]) => types.map((t) => ({ eventType: `EVENT_TYPE_${t}` }));
const TASK = ['WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED'];
const ACTIVITY_DONE = ['ACTIVITY_TASK_STARTED', 'ACTIVITY_TASK_COMPLETED'];

describe('eventTypeName', () => {
  it('reads numbers, EVENT_TYPE_ names and CamelCase names', () => {
    expect(eventTypeName(7)).toBe('WORKFLOW_TASK_COMPLETED');
    expect(eventTypeName('EVENT_TYPE_TIMER_STARTED')).toBe('TIMER_STARTED');
    expect(eventTypeName('UpsertWorkflowSearchAttributes')).toBe('UPSERT_WORKFLOW_SEARCH_ATTRIBUTES');
  });
});

describe('routedShape', () => {
  it('counts a recorded routed opinion case from before the patch: 3 workflow tasks, 2 activities, 3 upserts, 1 timer, 20 events', () => {
    expect(routedShape(recorded.events)).toEqual({
      events: 20, workflowTasks: 3, activities: 2, upserts: 3, timers: 1, timersFired: 0, markers: 0, clean: true,
    });
  });
  it('counts the one-task routed case (case-events-batched-local) the workflow test recorded: 9 events, no activity', () => {
    const file = path.join(__dirname, '../../workflows/src/test/histories/routed-as-routing-starts-it.json');
    const oneTask = JSON.parse(readFileSync(file, 'utf8')) as { history: { events: { eventType: string }[] } };
    expect(routedShape(oneTask.history.events)).toEqual({
      events: 9, workflowTasks: 1, activities: 0, upserts: 2, timers: 1, timersFired: 0, markers: 2, clean: true,
    });
  });
  it('reads numeric event types as fetchHistory() gives them before JSON', () => {
    // 1 started, 5/6/7 workflow task scheduled/started/completed, 17 timer started
    const numeric = [1, 5, 6, 7, 17].map((eventType) => ({ eventType }));
    expect(routedShape(numeric)).toMatchObject({ events: 5, workflowTasks: 1, timers: 1 });
  });
  it('stops at the routed point: later events (a claim, a reminder) are not counted', () => {
    const later = [...recorded.events, ...E('WORKFLOW_EXECUTION_UPDATE_ADMITTED', ...TASK, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', 'ACTIVITY_TASK_SCHEDULED')];
    expect(routedShape(later)).toMatchObject({ events: 20, activities: 2, clean: true });
  });
  it('is null while an activity is still in flight', () => {
    expect(routedShape(recorded.events.slice(0, 15))).toBeNull();
  });
  it('marks a case that got a signal before it was routed', () => {
    const signalled = E('WORKFLOW_EXECUTION_STARTED', ...TASK, 'ACTIVITY_TASK_SCHEDULED', 'WORKFLOW_EXECUTION_SIGNALED', ...TASK, ...ACTIVITY_DONE, ...TASK, 'TIMER_STARTED');
    expect(routedShape(signalled)).toMatchObject({ workflowTasks: 3, activities: 1, timers: 1, clean: false });
  });
  it('counts fired timers and markers (local activities)', () => {
    const h = E('WORKFLOW_EXECUTION_STARTED', ...TASK, 'MARKER_RECORDED', 'TIMER_STARTED', 'TIMER_FIRED', ...TASK, 'TIMER_STARTED');
    // the timer fires after the routed point (the first task left nothing in flight)
    expect(routedShape(h)).toMatchObject({ events: 6, workflowTasks: 1, markers: 1, timers: 1, timersFired: 0 });
  });
});

describe('commonShape', () => {
  const shape = (over: Partial<CaseShape>): CaseShape => ({
    events: 20, workflowTasks: 3, activities: 2, upserts: 3, timers: 1, timersFired: 0, markers: 0, clean: true, ...over,
  });
  it('takes the shape most clean cases share', () => {
    expect(commonShape([shape({ clean: false, events: 30 }), shape({}), shape({ events: 26 }), shape({}), null])).toEqual(shape({}));
  });
  it('falls back on unclean cases, and null for none', () => {
    expect(commonShape([shape({ clean: false })])).toEqual(shape({ clean: false }));
    expect(commonShape([null])).toBeNull();
  });
});

describe('referencePlan', () => {
  it('reproduces the routed case: 3 tasks, an activity ending each of the first two, the timer waiting in the last', () => {
    expect(referencePlan({ workflowTasks: 3, activities: 2, upserts: 3, timers: 1, timersFired: 0 })).toEqual({
      steps: [
        { upserts: 1, localActivities: 0, activities: 1, fireTimer: false },
        { upserts: 1, localActivities: 0, activities: 1, fireTimer: false },
        { upserts: 1, localActivities: 0, activities: 0, fireTimer: false },
      ],
      waitingTimers: 1,
      extraTimers: 0,
    });
  });
  it('runs activities in parallel when the case has more than tasks to end, and fires extra timers for tasks beyond them', () => {
    expect(referencePlan({ workflowTasks: 2, activities: 3, upserts: 0, timers: 0, timersFired: 0 }).steps).toEqual([
      { upserts: 0, localActivities: 0, activities: 3, fireTimer: false },
      { upserts: 0, localActivities: 0, activities: 0, fireTimer: false },
    ]);
    const five = referencePlan({ workflowTasks: 5, activities: 3, upserts: 3, timers: 1, timersFired: 0 });
    expect(five.steps.map((s) => [s.activities, s.fireTimer])).toEqual([[1, false], [1, false], [1, false], [0, true], [0, false]]);
    expect(five.extraTimers).toBe(1);
    expect(five.waitingTimers).toBe(1);
  });
  it('uses the case\'s fired timers to end tasks before adding extra ones', () => {
    const p = referencePlan({ workflowTasks: 3, activities: 1, upserts: 0, timers: 2, timersFired: 1 });
    expect(p.steps.map((s) => [s.activities, s.fireTimer])).toEqual([[1, false], [0, true], [0, false]]);
    expect(p).toMatchObject({ waitingTimers: 1, extraTimers: 0 });
  });
  it('reproduces the routed case of one task: its markers as local activities inside it, the timer waiting', () => {
    expect(referencePlan({ workflowTasks: 1, activities: 0, upserts: 2, markers: 2, timers: 1, timersFired: 0 })).toEqual({
      steps: [{ upserts: 2, localActivities: 2, activities: 0, fireTimer: false }],
      waitingTimers: 1,
      extraTimers: 0,
    });
  });
  it('has one task for a workflow that does nothing', () => {
    expect(referencePlan({ workflowTasks: 1, activities: 0, upserts: 0, timers: 0, timersFired: 0 })).toEqual({
      steps: [{ upserts: 0, localActivities: 0, activities: 0, fireTimer: false }], waitingTimers: 0, extraTimers: 0,
    });
  });
});
