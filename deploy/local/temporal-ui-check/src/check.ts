// What `npm run temporal-ui:check` checks, as pure functions (README → Watching cases in the Temporal UI): a case's
// summary and details on its workflow page, and its summary in the workflow list (the CaseSummary column). The
// browser side (cdp.ts) and the command (main.ts) use these.

/** The search attribute that carries the summary into the list (libs/contracts SEARCH_ATTRIBUTES.CaseSummary). */
export const SUMMARY_ATTRIBUTE = 'CaseSummary';

/** Where the Temporal UI (2.55) keeps the workflow list's columns: browser local storage, per namespace. */
export const WORKFLOW_COLUMNS_STORAGE_KEY = 'namespace-workflow-table-columns';

export type ListMode = 'auto' | 'required' | 'off';

export interface CheckOptions {
  ui: string;
  namespace: string;
  /** A workflow id (= case id); undefined with `latest`. */
  workflowId?: string;
  /** Check the newest opinionCaseWorkflow instead of a given one. */
  latest: boolean;
  list: ListMode;
  timeoutMs: number;
  chromium: string;
}

export class UsageError extends Error {}

export const USAGE = `usage: temporal-ui-check (--workflow <case id> | --latest) [--ui <url>] [--namespace <ns>]
                         [--list auto|required|off] [--timeout <seconds>] [--chromium <path>]
  Loads the case's workflow page (User Metadata tab) in headless Chromium and checks that its summary and details are
  rendered; then the workflow list with the ${SUMMARY_ATTRIBUTE} column, and checks that the case's row shows the summary
  (auto: when the namespace and the workflow have ${SUMMARY_ATTRIBUTE}; required: fail otherwise).
  Defaults: --ui http://127.0.0.1:$TEMPORAL_UI_PORT (8233), --namespace $TEMPORAL_NAMESPACE (default), --list auto,
  --timeout 20 (per page), --chromium $CHROMIUM (chromium). Exit 0: every check passed; 1: a check failed; 2: usage or
  environment (UI unreachable, workflow unknown, no Chromium).`;

/** The command line and environment as options; throws UsageError on anything it does not know. */
export function parseArgs(argv: string[], env: Record<string, string | undefined> = {}): CheckOptions {
  const o: CheckOptions = {
    ui: `http://127.0.0.1:${env.TEMPORAL_UI_PORT || '8233'}`,
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    latest: false,
    list: 'auto',
    timeoutMs: 20_000,
    chromium: env.CHROMIUM || 'chromium',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--latest') {
      o.latest = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    i++;
    switch (flag) {
      case '--workflow':
        o.workflowId = value;
        break;
      case '--ui':
        o.ui = value.replace(/\/+$/, '');
        break;
      case '--namespace':
        o.namespace = value;
        break;
      case '--list':
        if (value !== 'auto' && value !== 'required' && value !== 'off') throw new UsageError(`--list takes auto, required or off, not ${value}`);
        o.list = value;
        break;
      case '--timeout': {
        const seconds = Number(value);
        if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout takes seconds, not ${value}`);
        o.timeoutMs = seconds * 1000;
        break;
      }
      case '--chromium':
        o.chromium = value;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (!o.workflowId === !o.latest) throw new UsageError('give either --workflow <case id> or --latest');
  return o;
}

/** A Temporal payload as the UI server's HTTP API gives it (base64 fields). */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** The text of a payload: json/plain is decoded as JSON (a string stays a string), anything else as UTF-8. */
export function payloadText(p: JsonPayload | undefined | null): string | undefined {
  if (!p?.data) return undefined;
  const raw = Buffer.from(p.data, 'base64').toString('utf8');
  const encoding = p.metadata?.encoding ? Buffer.from(p.metadata.encoding, 'base64').toString('utf8') : '';
  if (encoding !== 'json/plain') return raw;
  const value: unknown = JSON.parse(raw);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * How a text compares with what the browser rendered: its letters and digits only, in order, separated by single
 * spaces. The UI renders user metadata as Markdown, which drops emphasis marks, turns a link into its text and
 * straight quotes into typographic ones ("急" → “急”), so punctuation and symbols cannot be compared.
 */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The first non-empty line of Markdown details, as rendered text (`**Kind** public opinion` → `Kind public opinion`). */
export function firstDetailsLine(details: string | undefined): string | undefined {
  const line = details?.split('\n').map(comparable).find((l) => l !== '');
  return line || undefined;
}

/** What the UI server's DescribeWorkflowExecution answer tells the check. */
export interface WorkflowFacts {
  workflowId: string;
  runId: string;
  type: string;
  summary?: string;
  details?: string;
  /** The value of the CaseSummary search attribute, when the workflow has one. */
  listSummary?: string;
}

interface DescribeAnswer {
  executionConfig?: { userMetadata?: { summary?: JsonPayload; details?: JsonPayload } };
  workflowExecutionInfo?: {
    execution?: { workflowId?: string; runId?: string };
    type?: { name?: string };
    searchAttributes?: { indexedFields?: Record<string, JsonPayload> };
  };
}

export function workflowFacts(answer: unknown): WorkflowFacts {
  const a = answer as DescribeAnswer;
  const info = a.workflowExecutionInfo;
  if (!info?.execution?.workflowId || !info.execution.runId) throw new Error('the describe answer names no workflow execution');
  return {
    workflowId: info.execution.workflowId,
    runId: info.execution.runId,
    type: info.type?.name ?? '',
    summary: payloadText(a.executionConfig?.userMetadata?.summary),
    details: payloadText(a.executionConfig?.userMetadata?.details),
    listSummary: payloadText(info.searchAttributes?.indexedFields?.[SUMMARY_ATTRIBUTE]),
  };
}

const path = (s: string) => encodeURIComponent(s);

/** The workflow page's User Metadata tab, where UI 2.55 renders the summary and details (Markdown, in iframes). */
export function userMetadataUrl(o: Pick<CheckOptions, 'ui' | 'namespace'>, f: Pick<WorkflowFacts, 'workflowId' | 'runId'>): string {
  return `${o.ui}/namespaces/${path(o.namespace)}/workflows/${path(f.workflowId)}/${path(f.runId)}/user-metadata`;
}

/** The workflow list narrowed to one workflow. */
export function listUrl(o: Pick<CheckOptions, 'ui' | 'namespace'>, workflowId: string): string {
  return `${o.ui}/namespaces/${path(o.namespace)}/workflows?query=${encodeURIComponent(`WorkflowId="${workflowId}"`)}`;
}

/** The list's columns with the summary third (after status and id), as the UI stores them. */
export function listColumnsWithSummary(namespace: string): string {
  const labels = ['Status', 'Workflow ID', SUMMARY_ATTRIBUTE, 'Type', 'Start'];
  return JSON.stringify({ [namespace]: labels.map((label) => ({ label })) });
}

/** Page script run before the UI's own (Page.addScriptToEvaluateOnNewDocument): the list shows the summary column. */
export function presetColumnsScript(namespace: string): string {
  return `try { localStorage.setItem(${JSON.stringify(WORKFLOW_COLUMNS_STORAGE_KEY)}, ${JSON.stringify(listColumnsWithSummary(namespace))}); } catch (e) {}`;
}

/**
 * Page expression: the rendered text of the page and of its same-origin iframes (UI 2.55 renders Markdown user
 * metadata in iframes, which a DOM dump or the page's innerText leaves out).
 */
export const RENDERED_TEXT = `(() => {
  const texts = [document.body ? document.body.innerText : ''];
  for (const frame of Array.from(document.querySelectorAll('iframe'))) {
    try { if (frame.contentDocument && frame.contentDocument.body) texts.push(frame.contentDocument.body.innerText); } catch (e) {}
  }
  return texts.join('\\n');
})()`;

/** Page expression: the rendered text of the list rows that name the workflow. */
export function listRowsText(workflowId: string): string {
  return `Array.from(document.querySelectorAll('tr')).map((r) => r.innerText).filter((t) => t.includes(${JSON.stringify(workflowId)})).join('\\n')`;
}

/** The texts that must all be rendered, each compared after `comparable`. */
export function missingTexts(rendered: string, wanted: string[]): string[] {
  const have = comparable(rendered);
  return wanted.filter((w) => !have.includes(comparable(w)));
}

export type ListPlan = { check: true } | { check: false; fail: boolean; reason: string };

/** Whether the list can be checked: the namespace must know CaseSummary and the workflow carry it. */
export function listPlan(mode: ListMode, namespaceHasAttribute: boolean, facts: Pick<WorkflowFacts, 'listSummary'>): ListPlan {
  if (mode === 'off') return { check: false, fail: false, reason: 'not asked (--list off)' };
  const reason = !namespaceHasAttribute
    ? `the namespace has no ${SUMMARY_ATTRIBUTE} search attribute (deploy/local/temporal.sh setup registers it)`
    : !facts.listSummary
      ? `the workflow has no ${SUMMARY_ATTRIBUTE} (started before routing set it)`
      : undefined;
  if (!reason) return { check: true };
  return { check: false, fail: mode === 'required', reason };
}
