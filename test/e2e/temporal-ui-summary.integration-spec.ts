// The Temporal UI says what a case just created is (issue 13), checked in a real browser: a report is posted, and
// `npm run temporal-ui:check` (deploy/local/temporal-ui-check, headless Chromium over the DevTools pipe) must find the
// case's summary and details on its workflow page and its summary in the workflow list's CaseSummary column.
// Needs the build (`npm run build` compiles the check to deploy/local/temporal-ui-check/dist) and Chromium
// (`chromium`, or $CHROMIUM).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '@huiying/contracts';
import { eventually, postJson, temporal, urls } from './support';
import { ownPlace } from './places';

const CHECK = path.resolve(__dirname, '../../deploy/local/temporal-ui-check/dist/main.js');

function runCheck(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CHECK, ...args], { env: process.env, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('the Temporal UI shows what a case just created is', () => {
  let t: { client: Client; connection: Connection };
  beforeAll(async () => {
    t = await temporal();
  });
  afterAll(() => t?.connection.close());

  it('its summary and details on the workflow page, and its summary in the list (CaseSummary column)', async () => {
    expect(existsSync(CHECK)).toBe(true); // run `npm run build` first
    const title = `界面摘要测试 ${randomUUID().slice(0, 8)}：路灯 "不亮"`;
    const res = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'portal',
      title,
      content: '路灯不亮，夜间出行不便。',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      location: ownPlace(),
      category: 'housing',
      sourceRef: `e2e-temporal-ui:${randomUUID()}`,
      reporter: { name: '王五', phone: '13912345678' },
    });
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;

    // the workflow started with its summary, and the same text in the CaseSummary search attribute
    const description = await eventually('the case workflow', () => t.client.workflow.getHandle(caseId).describe(), 120_000);
    const summary = await description.staticSummary();
    expect(summary).toContain(title.slice(0, 10));
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.CaseSummary)).toBe(summary);
    // visibility has it (the list reads visibility, which follows the start shortly)
    await eventually('the case in the list with its CaseSummary', async () => {
      for await (const wf of t.client.workflow.list({ query: `WorkflowId = '${caseId}'` })) {
        if (wf.typedSearchAttributes.get(SEARCH_ATTRIBUTES.CaseSummary) === summary) return true;
      }
      return undefined;
    });

    const run = await runCheck(['--workflow', caseId, '--list', 'required']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^ok {3}workflow page shows the summary/m);
    expect(run.stdout).toMatch(/^ok {3}workflow list shows the summary in the CaseSummary column/m);
    expect(run.ms).toBeLessThan(60_000);
  });

  it('fails, with exit code 1, when what it looks for is not there', async () => {
    // the newest case, with a per-page time too short for the UI to render anything
    const run = await runCheck(['--latest', '--timeout', '0.01', '--list', 'off']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL workflow page: after/m);
  });
});
