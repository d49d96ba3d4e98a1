// The Temporal worker killed (kill -9) on the real stack (issue 14): while it is down, reads of a case workflow answer
// 503 at once instead of hanging, reports are still acknowledged; a deadline that comes due while it is down fires when
// it is back (durable timers), and every case started meanwhile runs. Short clocks come from an opinion policy
// published for this run's own jurisdiction (1 minute), so the test waits about a minute and a half, not hours.
// Run after the ordinary integration tests (tools/jest/sequencer.js: *.fault.*): it stops and starts the worker.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client as PgClient } from 'pg';
import type { Client, Connection } from '@temporalio/client';
import { opinionCaseQueries } from '@huiying/contracts';
import { SEED_CITY_OPINION_POLICY, type VersionedPolicy } from '@huiying/policy';
import { eventually, getJson, pg, postJson, shanghaiToday, temporal, urls } from './support';
import { ownPlace } from './places';

jest.setTimeout(10 * 60_000);
const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const runDir = path.join(process.env.HUIYING_HOME ?? path.join(root, '.huiying'), 'run');
const workerPid = () => Number(readFileSync(path.join(runDir, 'worker.pid'), 'utf8').trim());
const RUN = randomUUID().slice(0, 8);
const JURISDICTION = `it-wd-${RUN}`;
const VERSION = `${JURISDICTION}-deadlines-1`;
const HEADER = ['kind', 'jurisdiction', 'version', 'effectiveFrom', 'reference'];
const contentOf = (p: VersionedPolicy) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(p).filter(([k]) => !HEADER.includes(k))))) as Record<string, unknown>;

describe('the worker killed on the real stack', () => {
  let db: PgClient;
  let t: { client: Client; connection: Connection };

  beforeAll(async () => {
    db = await pg();
    t = await temporal();
  });

  afterAll(async () => {
    // whatever happened, the worker runs again for the tests after this one
    await run('bash', [path.join(root, 'deploy/local/huiying.sh'), 'services', 'start'], { cwd: root }).catch(() => undefined);
    if (db) {
      await db.query('BEGIN');
      await db.query(`SET LOCAL huiying.allow_purge = 'on'`);
      await db.query('DELETE FROM policy.policy_versions WHERE jurisdiction = $1', [JURISDICTION]);
      await db.query('COMMIT');
      await db.end();
    }
    await t?.connection.close();
  });

  async function report(title: string): Promise<string> {
    const res = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'weibo', title, content: `${title}：网友反映情况，请相关部门核实处理。`, occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      location: ownPlace(), category: 'housing', sourceRef: `e2e-worker-down:${randomUUID()}`, jurisdiction: JURISDICTION,
    });
    expect(res.status).toBe(202);
    return res.body.caseId as string;
  }

  it('kill -9 mid-case: reads answer 503 fast, reports are still acknowledged, a deadline due meanwhile fires when it is back', async () => {
    const published = await postJson(`${urls.routing}/v1/admin/policies`, {
      kind: 'opinion_deadlines', jurisdiction: JURISDICTION, version: VERSION, effectiveFrom: new Date(Date.now() - 1000).toISOString(),
      reference: 'worker-down.fault.integration-spec', publishedBy: 'worker-down.fault.integration-spec',
      content: {
        ...contentOf(SEED_CITY_OPINION_POLICY),
        claim: { withinMinutes: 1, startsFrom: 'routing', basis: 'test: claim within 1 minute' },
        response: { withinMinutes: 1, startsFrom: 'discovery', basis: 'test: respond within 1 minute of discovery' },
        escalations: [{ level: 1, afterDueMinutes: 0, to: 'general_office', note: 'test: 督办 at due' }],
      },
    });
    expect(published.status).toBe(201);

    // a case mid-way: started under the 1-minute clocks, nothing escalated yet
    const caseId = await report('某小区电梯长期停运');
    const started = await eventually('the case workflow running its 1-minute clocks', async () => {
      const s = await t.client.workflow.getHandle(caseId).query(opinionCaseQueries.state).catch(() => undefined);
      return s?.clocks.some((c) => c.clock === 'response' && c.dueAt) ? s : undefined;
    });
    expect(started.policy).toMatchObject({ jurisdiction: JURISDICTION, version: VERSION });
    const responseDue = Date.parse(started.clocks.find((c) => c.clock === 'response')!.dueAt!);
    // and a disclosure case, to read through routing while the worker is down
    const application = await postJson(`${urls.intake}/v1/disclosure-applications`, {
      channel: 'online', receipt: { confirmedOn: shanghaiToday(), confirmedVia: 'online_system' },
      applicant: {
        type: 'legal_person', organisationType: 'legal_services_organisation', name: '某某律师事务所',
        idDocument: { type: 'unified_social_credit_code', number: '91110000MA01ABCD2X' }, contact: { phone: '13912345678' },
      },
      informationDescription: '2026年本区老旧小区加装电梯补贴发放情况', purpose: '了解补贴政策', deliveryForm: 'electronic', clientRef: `e2e-worker-down:${randomUUID()}`,
    });
    expect(application.status).toBe(202);
    const disclosureCase = application.body.caseId as string;
    await eventually('the disclosure case readable', async () => ((await getJson(`${urls.routing}/v1/disclosure-applications/${disclosureCase}`)).status === 200 ? true : undefined));

    const pid = workerPid();
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    await eventually('the worker gone', async () => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    });

    // reads that need the workflow answer 503 within seconds, not after a minute
    const askedAt = Date.now();
    const read = await getJson(`${urls.routing}/v1/disclosure-applications/${disclosureCase}`);
    expect({ status: read.status, code: read.body.code }).toEqual({ status: 503, code: 'DISCLOSURE_WORKFLOW_UNAVAILABLE' });
    expect(Date.now() - askedAt).toBeLessThan(15_000);
    // intake needs only Postgres: a report is acknowledged while the worker is down
    const startedWhileDown = await report('某路段路灯夜间不亮');

    // the response deadline comes due while the worker is down; nothing can run it yet
    await new Promise((r) => setTimeout(r, Math.max(0, responseDue - Date.now()) + 5000));
    const beforeRestart = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
    expect(beforeRestart.body.escalations).toEqual([]);

    await run('bash', [path.join(root, 'deploy/local/huiying.sh'), 'services', 'start'], { cwd: root });
    const back = Date.now();
    expect(workerPid()).not.toBe(pid);

    // the timer that came due while the worker was down fires now: the case escalates (督办)
    const escalated = await eventually('the overdue response clock escalated after the worker returned', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      const escalations = (r.body.escalations ?? []) as { detail: { clock: string } }[];
      const overdue = (r.body.supervision as { overdue: boolean } | undefined)?.overdue;
      return overdue && escalations.some((e) => e.detail.clock === 'response') ? r.body : undefined;
    }, 90_000);
    expect(escalated.escalations).toEqual(expect.arrayContaining([expect.objectContaining({ detail: expect.objectContaining({ clock: 'response', note: 'test: 督办 at due' }) })]));
    // the case reported while the worker was down started and runs its clocks
    await eventually('the case acknowledged while the worker was down runs', async () => {
      const s = await t.client.workflow.getHandle(startedWhileDown).query(opinionCaseQueries.state).catch(() => undefined);
      return s?.clocks.some((c) => c.clock === 'response' && c.dueAt) ? true : undefined;
    });
    // and reads answer again (the first query after the restart replays the workflow: on a loaded machine it may take
    // longer than routing's query timeout once, hence eventually)
    await eventually('the disclosure application readable again', async () =>
      (await getJson(`${urls.routing}/v1/disclosure-applications/${disclosureCase}`)).status === 200 ? true : undefined);
    // one workflow per case, nothing duplicated by the restart
    const routes = await db.query('SELECT count(*)::int AS n FROM routing.case_routes WHERE case_id = ANY($1::uuid[])', [[caseId, startedWhileDown]]);
    expect(routes.rows[0].n).toBe(2);
    console.log(`worker killed ${Math.round((back - killedAt) / 1000)} s; escalation seen ${Math.round((Date.now() - back) / 1000)} s after restart`);
  });
});
