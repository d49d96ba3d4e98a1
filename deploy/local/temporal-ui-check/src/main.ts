// `npm run temporal-ui:check -- --workflow <case id>` (README → Watching cases in the Temporal UI): does the Temporal
// UI say what a case is? In headless Chromium (cdp.ts): the case's workflow page (User Metadata tab) must render its
// summary and the first line of its details, and the workflow list with the CaseSummary column must show the summary
// in the case's row. One line per check; exit 0 when all passed, 1 when one failed, 2 on usage or environment errors.
import { Browser } from './cdp';
import {
  firstDetailsLine,
  listPlan,
  listRowsText,
  listUrl,
  missingTexts,
  parseArgs,
  presetColumnsScript,
  RENDERED_TEXT,
  SUMMARY_ATTRIBUTE,
  USAGE,
  UsageError,
  userMetadataUrl,
  workflowFacts,
  type CheckOptions,
} from './check';

class EnvironmentError extends Error {}

async function api<T>(o: CheckOptions, route: string): Promise<T> {
  const url = `${o.ui}/api/v1/namespaces/${encodeURIComponent(o.namespace)}${route}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new EnvironmentError(`the Temporal UI does not answer at ${o.ui} (${(e as Error).message})`);
  }
  if (!res.ok) throw new EnvironmentError(`${url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

async function latestCase(o: CheckOptions): Promise<string> {
  const query = encodeURIComponent(`WorkflowType = 'opinionCaseWorkflow'`);
  const r = await api<{ executions?: { execution?: { workflowId?: string } }[] }>(o, `/workflows?query=${query}&pageSize=1`);
  const id = r.executions?.[0]?.execution?.workflowId;
  if (!id) throw new EnvironmentError(`no opinionCaseWorkflow in namespace ${o.namespace}`);
  return id;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function run(o: CheckOptions): Promise<number> {
  const workflowId = o.workflowId ?? (await latestCase(o));
  const facts = workflowFacts(await api(o, `/workflows/${encodeURIComponent(workflowId)}`));
  const attributes = await api<{ customAttributes?: Record<string, string> }>(o, '/search-attributes');
  console.log(`workflow ${facts.workflowId} (${facts.type}, run ${facts.runId}) at ${o.ui}`);
  if (!facts.summary) {
    console.log('FAIL workflow page: the workflow has no summary (user metadata) to look for: started before summaries were set?');
    return 1;
  }
  const wanted = [facts.summary, firstDetailsLine(facts.details)].filter((t): t is string => !!t);
  const plan = listPlan(o.list, SUMMARY_ATTRIBUTE in (attributes.customAttributes ?? {}), facts);

  let browser: Browser;
  try {
    browser = await Browser.launch(o.chromium);
  } catch (e) {
    throw new EnvironmentError(`cannot start ${o.chromium} headless: ${(e as Error).message}`);
  }
  let failed = false;
  try {
    const page = await browser.newPage();
    const url = userMetadataUrl(o, facts);
    await page.goto(url);
    const shown = await page.waitFor<string>(RENDERED_TEXT, (text) => missingTexts(text, wanted).length === 0, o.timeoutMs);
    if (shown.ok) console.log(`ok   workflow page shows the summary "${facts.summary}" and the details (${seconds(shown.ms)}): ${url}`);
    else {
      failed = true;
      console.log(`FAIL workflow page: after ${seconds(shown.ms)} not rendered: ${missingTexts(shown.value ?? '', wanted).map((t) => JSON.stringify(t)).join(', ')} (${url})`);
    }

    if (plan.check) {
      const list = await browser.newPage([presetColumnsScript(o.namespace)]);
      const url = listUrl(o, facts.workflowId);
      await list.goto(url);
      const row = await list.waitFor<string>(listRowsText(facts.workflowId), (text) => missingTexts(text, [facts.listSummary!]).length === 0, o.timeoutMs);
      if (row.ok) console.log(`ok   workflow list shows the summary in the ${SUMMARY_ATTRIBUTE} column (${seconds(row.ms)}): ${url}`);
      else {
        failed = true;
        console.log(`FAIL workflow list: after ${seconds(row.ms)} the row of ${facts.workflowId} does not show "${facts.listSummary}" (row: ${JSON.stringify((row.value ?? '').slice(0, 300))}; ${url})`);
      }
    } else {
      if (plan.fail) failed = true;
      console.log(`${plan.fail ? 'FAIL' : 'skip'} workflow list: ${plan.reason}`);
    }
  } finally {
    await browser.close();
  }
  return failed ? 1 : 0;
}

async function main(): Promise<number> {
  let o: CheckOptions;
  try {
    o = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  try {
    return await run(o);
  } catch (e) {
    if (e instanceof EnvironmentError) {
      console.error(`temporal-ui-check: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
