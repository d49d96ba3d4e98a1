// Graceful shutdown on the real stack (issue 14): under a steady load of reports (REST) and 12345 work orders
// (Kafka), every service and the worker get SIGTERM at once — what `npm run down`, systemd and Kubernetes send. Each
// must exit by itself (in-flight calls answered, the outbox relay's batch finished, consumer offsets committed, running
// activities finished), and once restarted nothing acknowledged is lost, nothing is duplicated and nothing is
// dead-lettered. Run after the ordinary integration tests (tools/jest/sequencer.js: *.fault.*).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Partitioners, type Producer } from 'kafkajs';
import type { Client as PgClient } from 'pg';
import { EVENT_TYPES, TOPICS, makeEnvelope } from '@huiying/contracts';
import { eventually, kafka, pg, postJson, urls } from './support';
import { workOrder } from './hotline-support';
import { ownPlace } from './places';

jest.setTimeout(10 * 60_000);
const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const runDir = path.join(process.env.HUIYING_HOME ?? path.join(root, '.huiying'), 'run');
const SERVICES = ['intake', 'routing', 'assessment', 'publication', 'ledger', 'worker'] as const;
const pidOf = (service: string) => Number(readFileSync(path.join(runDir, `${service}.pid`), 'utf8').trim());
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The number of messages in every dead-letter topic (sum of high watermarks). */
async function deadLetterCounts(): Promise<Record<string, number>> {
  const admin = kafka('e2e-graceful-admin').admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith('dlq.'));
    const counts: Record<string, number> = {};
    for (const topic of topics) counts[topic] = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
    return counts;
  } finally {
    await admin.disconnect();
  }
}

describe('graceful shutdown on the real stack', () => {
  const signalled: number[] = [];
  let db: PgClient;
  let producer: Producer;

  beforeAll(async () => {
    db = await pg();
    producer = kafka('e2e-graceful').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    // a process that did not exit by itself is killed, so the tests after this one find the stack running
    for (const pid of signalled) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await run('bash', [path.join(root, 'deploy/local/huiying.sh'), 'services', 'start'], { cwd: root }).catch(() => undefined);
    await producer?.disconnect();
    await db?.end();
  });

  it('SIGTERM to every service and the worker under load: each exits by itself; nothing acknowledged lost, duplicated or dead-lettered', async () => {
    const deadBefore = await deadLetterCounts();
    const prefix = `GS${randomUUID().slice(0, 8)}`;
    const reports: { sourceRef: string; caseId: string }[] = [];
    const orders: string[] = [];
    let loading = true;
    const load = (async () => {
      for (let i = 0; loading; i++) {
        const sourceRef = `e2e-graceful:${randomUUID()}`;
        const res = await postJson(`${urls.intake}/v1/reports`, {
          channel: 'portal', title: `停机期间的报告 ${i}`, content: `服务停机重启期间提交的第 ${i} 条报告`, occurredAt: new Date(Date.now() - 60_000).toISOString(),
          location: ownPlace(), category: 'public_infrastructure', sourceRef,
        }).catch(() => ({ status: 0, body: {} as Record<string, unknown> }));
        if (res.status === 202 || res.status === 200) reports.push({ sourceRef, caseId: String(res.body.caseId) });
        if (i % 2 === 0) {
          // a 12345 work order through Kafka: acknowledged when the broker has it
          const order = workOrder(`${prefix}-${i}`, i);
          await producer.send({
            topic: TOPICS.hotlineWorkOrders,
            messages: [{ key: String(order.orderNo), value: JSON.stringify(makeEnvelope({ id: `hotline:${String(order.orderNo)}:1`, type: EVENT_TYPES.hotlineWorkOrder, source: '/12345/platform', time: new Date().toISOString(), subject: String(order.orderNo), data: order })) }],
          });
          orders.push(String(order.orderNo));
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    const exitedInMs: Record<string, number> = {};
    try {
      await new Promise((r) => setTimeout(r, 3000));
      // all at once, as `npm run down` or a node drain does: each must exit by itself (the stack script would SIGKILL after 10 s)
      const pids = Object.fromEntries(SERVICES.map((s) => [s, pidOf(s)]));
      const sent = Date.now();
      for (const service of SERVICES) {
        signalled.push(pids[service] as number);
        process.kill(pids[service] as number, 'SIGTERM');
      }
      await Promise.all(
        SERVICES.map(async (service) => {
          await eventually(`${service} exited after SIGTERM`, async () => (alive(pids[service] as number) ? undefined : true), 15_000);
          exitedInMs[service] = Date.now() - sent;
        }),
      );
      await run('bash', [path.join(root, 'deploy/local/huiying.sh'), 'services', 'start'], { cwd: root });
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      loading = false;
      await load;
    }
    console.log(`exit after SIGTERM (ms): ${JSON.stringify(exitedInMs)}; ${reports.length} reports and ${orders.length} work orders acknowledged`);
    expect(reports.length).toBeGreaterThan(20);

    // every acknowledged report stored once, with the case it was acknowledged with
    const stored = await db.query('SELECT source_ref, case_id FROM intake.reports WHERE source_ref = ANY($1)', [reports.map((r) => r.sourceRef)]);
    expect(new Map(stored.rows.map((r) => [r.source_ref as string, r.case_id as string]))).toEqual(new Map(reports.map((r) => [r.sourceRef, r.caseId])));
    expect(stored.rows.length).toBe(reports.length);
    // every work order the broker acknowledged becomes one report
    const sources = orders.map((o) => `12345:${o}`);
    await eventually('every work order stored once', async () => {
      const n = (await db.query('SELECT count(DISTINCT source_ref)::int AS n, count(*)::int AS total FROM intake.reports WHERE source_ref = ANY($1)', [sources])).rows[0];
      return n.n === sources.length ? n : undefined;
    }, 120_000).then((n) => expect(n.total).toBe(sources.length));
    // every case routed once, its workflow started, and in the ledger
    const caseIds = [...new Set([...reports.map((r) => r.caseId), ...(await db.query('SELECT case_id FROM intake.reports WHERE source_ref = ANY($1)', [sources])).rows.map((r) => r.case_id as string)])];
    await eventually('every case routed with its workflow started and in the ledger', async () => {
      const routed = (await db.query('SELECT count(*)::int AS n FROM routing.case_routes WHERE case_id = ANY($1::uuid[]) AND workflow_started_at IS NOT NULL', [caseIds])).rows[0].n as number;
      const inLedger = (await db.query('SELECT count(*)::int AS n FROM ledger.cases WHERE case_id = ANY($1::uuid[])', [caseIds])).rows[0].n as number;
      return routed === caseIds.length && inLedger === caseIds.length ? true : undefined;
    }, 180_000);
    // nothing went to a dead-letter topic while the services stopped and started
    expect(await deadLetterCounts()).toEqual(deadBefore);
  });
});
