// The saved queries the README gives ops staff for the Temporal UI (issue 13), run as written — read from the README
// between its saved-queries markers — against the real server's visibility: each parses, and a case made for it is
// found by it (an opinion case with 1-minute clocks in this run's own jurisdiction, which escalates after a minute);
// every case a query returns fits what the query's view says. The same case's workflow page says what it is (static
// summary and details set at start) and what it waits for (current details; a summary on each timer and activity).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client as PgClient } from 'pg';
import type { Client, Connection, WorkflowExecutionInfo } from '@temporalio/client';
import { opinionCaseQueries, SEARCH_ATTRIBUTES } from '@huiying/contracts';
import { SEED_CITY_OPINION_POLICY, type VersionedPolicy } from '@huiying/policy';
import { eventually, pg, postJson, temporal, urls } from './support';
import { ownPlace } from './places';

jest.setTimeout(5 * 60_000);
const RUN = randomUUID().slice(0, 8);
const JURISDICTION = `it-ui-${RUN}`;
const HEADER = ['kind', 'jurisdiction', 'version', 'effectiveFrom', 'reference'];
const contentOf = (p: VersionedPolicy) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(p).filter(([k]) => !HEADER.includes(k))))) as Record<string, unknown>;

/** The README's saved queries: view → query, exactly as documented. */
function savedQueries(): Map<string, string> {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('<!-- saved-queries'), readme.indexOf('<!-- /saved-queries -->'));
  const rows = [...block.matchAll(/^\| ([^|]+?) \| `([^`]+)` \|$/gm)].map((m) => [m[1], m[2]] as [string, string]);
  return new Map(rows);
}

describe('the Temporal UI saved queries in the README, on the real server', () => {
  let db: PgClient;
  let t: { client: Client; connection: Connection };
  let caseId = '';

  beforeAll(async () => {
    db = await pg();
    t = await temporal();
  });

  afterAll(async () => {
    if (db) {
      await db.query('BEGIN');
      await db.query(`SET LOCAL huiying.allow_purge = 'on'`);
      await db.query('DELETE FROM policy.policy_versions WHERE jurisdiction = $1', [JURISDICTION]);
      await db.query('COMMIT');
      await db.end();
    }
    await t?.connection.close();
  });

  const list = async (query: string): Promise<WorkflowExecutionInfo[]> => {
    const found: WorkflowExecutionInfo[] = [];
    for await (const w of t.client.workflow.list({ query })) {
      found.push(w);
      if (found.length >= 2000) break;
    }
    return found;
  };
  const attr = (w: WorkflowExecutionInfo, key: keyof typeof SEARCH_ATTRIBUTES) => w.typedSearchAttributes.get(SEARCH_ATTRIBUTES[key] as never) as unknown;

  it('each documented query runs as written and finds what its view says', async () => {
    const queries = savedQueries();
    expect([...queries.keys()]).toEqual(expect.arrayContaining(['open cases, overdue (escalated)', 'due within the next hour', "one department's open cases"]));

    const published = await postJson(`${urls.routing}/v1/admin/policies`, {
      kind: 'opinion_deadlines', jurisdiction: JURISDICTION, version: `${JURISDICTION}-1`, effectiveFrom: new Date(Date.now() - 1000).toISOString(),
      reference: 'temporal-ui-queries.integration-spec', publishedBy: 'temporal-ui-queries.integration-spec',
      content: {
        ...contentOf(SEED_CITY_OPINION_POLICY),
        claim: { withinMinutes: 1, startsFrom: 'routing', basis: 'test: claim within 1 minute' },
        escalations: [{ level: 1, afterDueMinutes: 0, to: 'general_office', note: 'test: 督办 at due' }],
      },
    });
    expect(published.status).toBe(201);
    const res = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'weibo', title: '某小区垃圾清运不及时', content: '网友反映小区垃圾连续多日未清运。', occurredAt: new Date(Date.now() - 600_000).toISOString(),
      location: ownPlace(), category: 'housing', sourceRef: `e2e-ui-queries:${randomUUID()}`, jurisdiction: JURISDICTION,
    });
    expect(res.status).toBe(202);
    caseId = res.body.caseId as string;
    const state = await eventually('the case running its clocks', async () => {
      const s = await t.client.workflow.getHandle(caseId).query(opinionCaseQueries.state).catch(() => undefined);
      return s?.department && s.clocks.some((c) => c.dueAt) ? s : undefined;
    });
    const fill = (q: string) =>
      q
        .replace('<in 1 hour>', new Date(Date.now() + 3600_000).toISOString())
        .replace('<department>', state.department as string)
        .replace('<jurisdiction>', JURISDICTION)
        .replace('<stage>', state.stage);
    const finds = (q: string) => async () => ((await list(fill(q))).some((w) => w.workflowId === caseId) ? true : undefined);

    await eventually('due within the next hour', finds(queries.get('due within the next hour')!));
    await eventually("one department's open cases", finds(queries.get("one department's open cases")!));
    await eventually("one jurisdiction's cases at a stage", finds(queries.get("one jurisdiction's cases at a stage")!));
    for (const w of await list(fill(queries.get('due within the next hour')!))) {
      expect(Date.parse(String(attr(w, 'DueAt')))).toBeLessThan(Date.now() + 3600_000);
    }
    for (const w of await list(fill(queries.get('open disclosure applications, soonest due first in the list')!))) {
      expect({ kind: attr(w, 'CaseKind'), status: w.status.name }).toEqual({ kind: 'disclosure', status: 'RUNNING' });
    }
    for (const w of await list(fill(queries.get('major and especially major opinion cases')!))) {
      expect(['major', 'especially_major']).toContain(attr(w, 'Grade'));
    }

    // the 1-minute claim clock escalates: the case is found by the overdue view, and everything there is overdue
    const overdueQuery = queries.get('open cases, overdue (escalated)')!;
    await eventually('the escalated case in the overdue view', finds(overdueQuery), 150_000);
    for (const w of await list(fill(overdueQuery))) expect({ overdue: attr(w, 'Overdue'), status: w.status.name }).toEqual({ overdue: true, status: 'RUNNING' });
  });

  it("the case's workflow page says what the case is and what it waits for (user metadata)", async () => {
    expect(caseId).not.toBe('');
    const handle = t.client.workflow.getHandle(caseId);
    const described = await handle.describe();
    expect(await described.staticSummary()).toMatch(/^舆情 · housing · 某小区垃圾清运不及时 → \S+ \(it-ui-/);
    const details = await described.staticDetails();
    expect(details).toContain(`**Jurisdiction** ${JURISDICTION}`);
    expect(details).toContain(`**Deadline policy** ${JURISDICTION}-1`);

    // the claim clock has escalated (first test): the current details say so
    const meta = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
    expect(meta.currentDetails).toContain('**Stage** routed');
    expect(meta.currentDetails).toMatch(/\*\*Overdue\*\* claim 认领 \(1 min\) was due \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(meta.currentDetails).toContain('**Escalation (督办) level** 1');

    // every timer, activity and local activity (its marker) in the history carries a summary
    const history = await handle.fetchHistory();
    const summaryOf = (e: { userMetadata?: { summary?: { data?: Uint8Array | null } | null } | null }) => {
      const data = e.userMetadata?.summary?.data;
      return data ? (JSON.parse(Buffer.from(data).toString('utf8')) as string) : undefined;
    };
    const events = history.events ?? [];
    const timers = events.filter((e) => e.timerStartedEventAttributes);
    // case events go out by local activity (a marker), by activity only when Kafka was away
    const emissions = events.filter((e) => e.activityTaskScheduledEventAttributes || e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    expect(timers.length).toBeGreaterThan(0);
    expect(emissions.length).toBeGreaterThan(0);
    expect(timers.map(summaryOf)).toEqual(timers.map(() => expect.stringMatching(/^(reminder|escalation \d+ → \S+): claim 认领 \(1 min\) due /)));
    expect(emissions.map(summaryOf)).toEqual(emissions.map(() => expect.stringMatching(/^case events? \d+(–\d+)?: /)));
    expect(emissions.map(summaryOf)).toContain('case events 1–2: stage collected, stage routed');
  });
});
