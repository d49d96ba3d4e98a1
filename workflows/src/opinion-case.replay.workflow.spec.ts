// Replays recorded histories of the opinion-case workflow against today's code: a change that is not
// deterministic against them (reordered commands, a new timer or activity before an existing one) fails here,
// before it reaches running cases. Histories are recorded from the time-skipping scenarios:
//   RECORD_HISTORIES=1 npm run test:workflow -- workflows/src/opinion-case.workflow.spec.ts
// A deliberate incompatible change needs patched()/versioning, not re-recorded histories: the histories recorded
// before a patch move to a folder of their own (before-<patch id>/), which recording never writes, and stay until the
// patch's old branch is removed (README → Workflow versions).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_BEFORE_BATCHED_EVENTS_DIR, HISTORIES_DIR, readRecordedHistory } from './test/opinion-case.harness';
import { replayOptions } from './test/time-skipping';

const jsonIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f)) : []);
const current = jsonIn(HISTORIES_DIR);
const beforeBatchedEvents = jsonIn(HISTORIES_BEFORE_BATCHED_EVENTS_DIR);
const name = (file: string) => path.relative(HISTORIES_DIR, file);

describe('opinionCaseWorkflow replay of recorded histories', () => {
  it('has recorded histories to replay: of today’s code, and from before the case-events-batched-local patch', () => {
    expect(current.length).toBeGreaterThanOrEqual(5);
    expect(beforeBatchedEvents.length).toBeGreaterThanOrEqual(8);
  });

  it.each([...current, ...beforeBatchedEvents].map((f) => [name(f), f]))('%s replays without non-determinism', async (_name, file) => {
    const results = Worker.runReplayHistories(await replayOptions(), [readRecordedHistory(file)]);
    for await (const r of results) expect(r.error).toBeUndefined();
  });
});
