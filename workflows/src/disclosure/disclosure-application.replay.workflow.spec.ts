// Replays recorded histories of disclosureApplicationWorkflow against today's code (paths: extension, consultation
// with its receipt and silence, correction with its receipt, fee paid → reply → archive, late correction, 第三十五条
// period). A change that is not deterministic against them fails here, before it reaches running cases. Record with
//   RECORD_HISTORIES=1 npm run test:workflow -- workflows/src/disclosure/disclosure-application.workflow.spec.ts
// A deliberate incompatible change needs patched() (or a new workflow type), not re-recorded histories — README
// "Workflow versions" says when a patched() branch may be removed.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { DISCLOSURE_HISTORIES_DIR, readRecordedHistory } from '../test/opinion-case.harness';
import { replayOptions } from '../test/time-skipping';

const files = fs.existsSync(DISCLOSURE_HISTORIES_DIR) ? fs.readdirSync(DISCLOSURE_HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort() : [];

describe('disclosureApplicationWorkflow replay of recorded histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const results = Worker.runReplayHistories(await replayOptions(), [readRecordedHistory(path.join(DISCLOSURE_HISTORIES_DIR, file))]);
    for await (const r of results) expect(r.error).toBeUndefined();
  });
});
