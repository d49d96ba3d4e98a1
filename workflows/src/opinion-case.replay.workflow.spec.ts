// Replays recorded histories of the opinion-case workflow against today's code: a change that is not
// deterministic against them (reordered commands, a new timer or activity before an existing one) fails here,
// before it reaches running cases. Histories are recorded from the time-skipping scenarios:
//   RECORD_HISTORIES=1 npm run test:workflow -- workflows/src/opinion-case.workflow.spec.ts
// A deliberate incompatible change needs patched()/versioning, not re-recorded histories.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR, readRecordedHistory } from './test/opinion-case.harness';
import { replayOptions } from './test/time-skipping';

const files = fs.existsSync(HISTORIES_DIR) ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort() : [];

describe('opinionCaseWorkflow replay of recorded histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const results = Worker.runReplayHistories(await replayOptions(), [readRecordedHistory(path.join(HISTORIES_DIR, file))]);
    for await (const r of results) expect(r.error).toBeUndefined();
  });
});
