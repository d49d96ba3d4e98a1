import { chromiumArgs, splitMessages } from './cdp';
import {
  comparable,
  firstDetailsLine,
  listColumnsWithSummary,
  listPlan,
  listUrl,
  missingTexts,
  parseArgs,
  payloadText,
  presetColumnsScript,
  UsageError,
  userMetadataUrl,
  workflowFacts,
  WORKFLOW_COLUMNS_STORAGE_KEY,
} from './check';

const json = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain').toString('base64'), type: Buffer.from('Keyword').toString('base64') },
  data: Buffer.from(JSON.stringify(value)).toString('base64'),
});

const SUMMARY = '舆情 · housing · 工单 1：小区路灯问题, "急" → housing_urban_rural (seed-city)';

describe('the command line', () => {
  it('takes a workflow id, with defaults from the local stack environment', () => {
    expect(parseArgs(['--workflow', 'c1'], { TEMPORAL_UI_PORT: '18233', TEMPORAL_NAMESPACE: 'huiying', CHROMIUM: '/usr/bin/chromium' })).toEqual({
      ui: 'http://127.0.0.1:18233',
      namespace: 'huiying',
      workflowId: 'c1',
      latest: false,
      list: 'auto',
      timeoutMs: 20_000,
      chromium: '/usr/bin/chromium',
    });
    expect(parseArgs(['--latest', '--ui', 'http://ui:8080/', '--list', 'required', '--timeout', '7.5'])).toMatchObject({
      ui: 'http://ui:8080',
      namespace: 'default',
      latest: true,
      list: 'required',
      timeoutMs: 7500,
      chromium: 'chromium',
    });
  });

  it('refuses what it does not know, and needs exactly one of --workflow and --latest', () => {
    for (const argv of [[], ['--workflow', 'c1', '--latest'], ['--workflow'], ['--workflow', '--latest'], ['--list', 'sometimes', '--latest'], ['--timeout', '0', '--latest'], ['--colour', 'red', '--latest']]) {
      expect(() => parseArgs(argv)).toThrow(UsageError);
    }
  });
});

describe('what the check looks for', () => {
  it('decodes json/plain payloads to their string, other encodings as UTF-8, and nothing from nothing', () => {
    expect(payloadText(json(SUMMARY))).toBe(SUMMARY);
    expect(payloadText({ metadata: { encoding: Buffer.from('binary/plain').toString('base64') }, data: Buffer.from('原文').toString('base64') })).toBe('原文');
    expect(payloadText(undefined)).toBeUndefined();
    expect(payloadText({ metadata: {} })).toBeUndefined();
  });

  it('reads the run, the user metadata and the CaseSummary search attribute from the describe answer', () => {
    const answer = {
      executionConfig: { userMetadata: { summary: json(SUMMARY), details: json('**Kind** public opinion 政务舆情  \n**Title** 工单 1') } },
      workflowExecutionInfo: {
        execution: { workflowId: 'c1', runId: 'r1' },
        type: { name: 'opinionCaseWorkflow' },
        searchAttributes: { indexedFields: { CaseKind: json('opinion'), CaseSummary: json(SUMMARY) } },
      },
    };
    expect(workflowFacts(answer)).toEqual({
      workflowId: 'c1',
      runId: 'r1',
      type: 'opinionCaseWorkflow',
      summary: SUMMARY,
      details: '**Kind** public opinion 政务舆情  \n**Title** 工单 1',
      listSummary: SUMMARY,
    });
    const older = workflowFacts({ workflowExecutionInfo: { execution: { workflowId: 'c0', runId: 'r0' }, type: { name: 'opinionCaseWorkflow' } } });
    expect(older.summary).toBeUndefined();
    expect(older.listSummary).toBeUndefined();
    expect(() => workflowFacts({})).toThrow(/no workflow execution/);
  });

  it('compares letters and digits only, as Markdown renders them (emphasis, links, typographic quotes)', () => {
    const rendered = '\n\n舆情 · housing · 工单 1：小区路灯问题, “急” → housing_urban_rural (seed-city)\n\n|Kind public opinion 政务舆情\n\nTitle 工单 1';
    expect(missingTexts(rendered, [SUMMARY, '**Kind** public opinion 政务舆情'])).toEqual([]);
    expect(comparable('see [the rules](http://example.org/x) *now*')).toBe('see the rules now');
    // a different title, or only part of it rendered, is missing
    expect(missingTexts(rendered, ['舆情 · housing · 工单 2：小区路灯问题'])).toEqual(['舆情 · housing · 工单 2：小区路灯问题']);
    expect(missingTexts('舆情 · housing', [SUMMARY])).toEqual([SUMMARY]);
  });

  it('looks for the first line of the details as rendered', () => {
    expect(firstDetailsLine('\n**Kind** public opinion 政务舆情  \n**Title** 工单 1')).toBe('Kind public opinion 政务舆情');
    expect(firstDetailsLine('')).toBeUndefined();
    expect(firstDetailsLine(undefined)).toBeUndefined();
  });
});

describe('the pages', () => {
  const o = { ui: 'http://127.0.0.1:8233', namespace: 'default' };

  it('opens the User Metadata tab of the run, and the list narrowed to the workflow', () => {
    expect(userMetadataUrl(o, { workflowId: 'c 1', runId: 'r1' })).toBe('http://127.0.0.1:8233/namespaces/default/workflows/c%201/r1/user-metadata');
    expect(listUrl(o, 'c1')).toBe('http://127.0.0.1:8233/namespaces/default/workflows?query=WorkflowId%3D%22c1%22');
  });

  it('presets the list columns in local storage, CaseSummary among them, before the UI reads them', () => {
    expect(JSON.parse(listColumnsWithSummary('default'))).toEqual({
      default: [{ label: 'Status' }, { label: 'Workflow ID' }, { label: 'CaseSummary' }, { label: 'Type' }, { label: 'Start' }],
    });
    const stored = new Map<string, string>();
    const localStorage = { setItem: (k: string, v: string) => void stored.set(k, v) };
    new Function('localStorage', presetColumnsScript('default'))(localStorage);
    expect(JSON.parse(stored.get(WORKFLOW_COLUMNS_STORAGE_KEY)!)).toEqual(JSON.parse(listColumnsWithSummary('default')));
  });

  it('checks the list only where it can: the namespace knows CaseSummary and the workflow carries it', () => {
    expect(listPlan('auto', true, { listSummary: SUMMARY })).toEqual({ check: true });
    expect(listPlan('required', true, { listSummary: SUMMARY })).toEqual({ check: true });
    expect(listPlan('auto', false, { listSummary: SUMMARY })).toMatchObject({ check: false, fail: false, reason: expect.stringContaining('temporal.sh setup') });
    expect(listPlan('required', false, { listSummary: SUMMARY })).toMatchObject({ check: false, fail: true });
    expect(listPlan('auto', true, {})).toMatchObject({ check: false, fail: false, reason: expect.stringContaining('started before') });
    expect(listPlan('required', true, {})).toMatchObject({ check: false, fail: true });
    expect(listPlan('off', false, {})).toMatchObject({ check: false, fail: false });
  });
});

describe('the DevTools pipe', () => {
  it('splits NUL-terminated messages and keeps an incomplete one for the next chunk', () => {
    expect(splitMessages('{"id":1}\0{"id":2}\0{"id"')).toEqual({ messages: ['{"id":1}', '{"id":2}'], rest: '{"id"' });
    expect(splitMessages('')).toEqual({ messages: [], rest: '' });
  });

  it('starts Chromium headless on the pipe with a throw-away profile, without the sandbox only as root', () => {
    const args = chromiumArgs('/tmp/p', false);
    expect(args).toEqual(expect.arrayContaining(['--headless', '--remote-debugging-pipe', '--user-data-dir=/tmp/p']));
    expect(args).not.toContain('--no-sandbox');
    expect(chromiumArgs('/tmp/p', true)).toContain('--no-sandbox');
  });
});
