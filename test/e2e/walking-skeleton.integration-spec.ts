// The walking skeleton end to end on the real Postgres, Kafka and Temporal (issue 2 §5–6):
// intake → outbox → Kafka → routing → Temporal workflow → cases.events → ledger.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client as PgClient } from 'pg';
import type { Consumer, Producer } from 'kafkajs';
import type { Client, Connection } from '@temporalio/client';
import { DLQ_HEADERS, SEARCH_ATTRIBUTES, TOPICS, deadLetterTopic } from '@huiying/contracts';
import { eventually, getJson, kafka, logsDir, pg, postJson, temporal, urls } from './support';
import { ownPlace } from './places';

function report(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'weibo',
    title: '东风街道某小区供暖不热',
    content: '网友反映东风街道某小区入冬以来暖气温度不达标，多次反映未果。',
    occurredAt: '2026-11-20T08:30:00+08:00',
    location: ownPlace(),
    category: 'housing',
    reporter: { name: '张三丰', phone: '13912345678' },
    ...overrides,
  };
}

describe('walking skeleton on the real stack', () => {
  let db: PgClient;
  let t: { client: Client; connection: Connection };
  let producer: Producer;
  let dlqConsumer: Consumer;
  const dlqMessages: { topic: string; key: string; reason: string }[] = [];

  beforeAll(async () => {
    db = await pg();
    t = await temporal();
    const k = kafka(`e2e-${randomUUID()}`);
    producer = k.producer();
    await producer.connect();
    dlqConsumer = k.consumer({ groupId: `e2e-dlq-${randomUUID()}` });
    await dlqConsumer.connect();
    await dlqConsumer.subscribe({ topics: [deadLetterTopic(TOPICS.reportReceived), deadLetterTopic(TOPICS.caseEvents)], fromBeginning: true });
    await dlqConsumer.run({
      eachMessage: async ({ topic, message }) => {
        dlqMessages.push({ topic, key: message.key?.toString() ?? '', reason: message.headers?.[DLQ_HEADERS.reason]?.toString() ?? '' });
      },
    });
  });

  afterAll(async () => {
    await dlqConsumer?.disconnect();
    await producer?.disconnect();
    await t?.connection.close();
    await db?.end();
  });

  it('every HTTP service answers /health and serves its OpenAPI document', async () => {
    for (const [name, url] of Object.entries(urls)) {
      const health = await getJson(`${url}/health`);
      expect({ name, status: health.status, body: health.body.status }).toEqual({ name, status: 200, body: 'ok' });
      const docs = await getJson(`${url}/docs-json`);
      expect(docs.status).toBe(200);
      expect(docs.body.openapi).toMatch(/^3\./);
    }
  });

  it('a report becomes a routed case: workflow in Temporal with search attributes, case in the ledger', async () => {
    const res = await postJson(`${urls.intake}/v1/reports`, report({ sourceRef: `e2e:${randomUUID()}` }));
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;
    expect(res.body.duplicate).toBe(false);

    // stored together with its outbox row, and the outbox row was relayed (sent only after the broker ack)
    const stored = await db.query('SELECT r.reporter_encrypted, o.sent_at FROM intake.reports r JOIN intake.outbox o ON o.message_key = r.case_id::text WHERE r.case_id = $1', [caseId]);
    expect(stored.rowCount).toBe(1);
    expect(stored.rows[0].reporter_encrypted).not.toContain('13912345678');
    await eventually('outbox row sent', async () => {
      const r = await db.query('SELECT sent_at FROM intake.outbox WHERE message_key = $1', [caseId]);
      return r.rows[0]?.sent_at ?? undefined;
    });

    const ledger = await eventually('case routed in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === 'routed' ? r.body : undefined;
    });
    expect(ledger).toMatchObject({ caseId, kind: 'opinion', department: 'housing_urban_rural', jurisdiction: expect.any(String) });
    expect(ledger.ccDepartments).toEqual(expect.arrayContaining(['disclosure_office', 'press_office', 'cyberspace_office']));
    expect((ledger.history as { stage: string }[]).map((h) => h.stage)).toEqual(['collected', 'routed']);

    const description = await t.client.workflow.getHandle(caseId).describe();
    expect(description.workflowId).toBe(caseId);
    expect(description.type).toBe('opinionCaseWorkflow');
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.CaseKind)).toBe('opinion');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.CaseStage)).toBe('routed');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Department)).toBe('housing_urban_rural');

    // what ops staff do in the Temporal UI: search by kind, stage and department
    const found = await eventually('the case in a visibility query', async () => {
      const ids: string[] = [];
      for await (const wf of t.client.workflow.list({
        query: `WorkflowId = '${caseId}' AND CaseKind = 'opinion' AND CaseStage = 'routed' AND Department = 'housing_urban_rural'`,
      })) ids.push(wf.workflowId);
      return ids.length ? ids : undefined;
    });
    expect(found).toEqual([caseId]);

    const route = await db.query('SELECT lead_department, rule_version, workflow_started_at FROM routing.case_routes WHERE case_id = $1', [caseId]);
    expect(route.rows[0].lead_department).toBe('housing_urban_rural');
    expect(route.rows[0].rule_version).toEqual(expect.any(String));
    expect(route.rows[0].workflow_started_at).not.toBeNull();
  });

  it('the same sourceRef twice returns the same case and opens nothing new', async () => {
    const sourceRef = `e2e-dup:${randomUUID()}`;
    const first = await postJson(`${urls.intake}/v1/reports`, report({ sourceRef }));
    const [second, third] = await Promise.all([
      postJson(`${urls.intake}/v1/reports`, report({ sourceRef, title: '重复推送' })),
      postJson(`${urls.intake}/v1/reports`, report({ sourceRef, title: '并发重复推送' })),
    ]);
    expect(first.status).toBe(202);
    for (const dup of [second, third]) {
      expect(dup.status).toBe(200);
      expect(dup.body).toMatchObject({ caseId: first.body.caseId, reportId: first.body.reportId, duplicate: true });
    }
    const caseId = first.body.caseId as string;
    await eventually('duplicate case routed', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === 'routed' ? true : undefined;
    });
    const reports = await db.query('SELECT count(*)::int AS n FROM intake.reports WHERE source_ref = $1', [sourceRef]);
    const outbox = await db.query('SELECT count(*)::int AS n FROM intake.outbox WHERE message_key = $1', [caseId]);
    expect(reports.rows[0].n).toBe(1);
    expect(outbox.rows[0].n).toBe(1);
    const runs: string[] = [];
    for await (const wf of t.client.workflow.list({ query: `WorkflowId = '${caseId}'` })) runs.push(wf.runId);
    expect(runs).toHaveLength(1);
  });

  it('re-delivering the same event starts no second workflow and adds no history', async () => {
    const res = await postJson(`${urls.intake}/v1/reports`, report({ sourceRef: `e2e-redeliver:${randomUUID()}` }));
    const caseId = res.body.caseId as string;
    await eventually('case routed', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === 'routed' ? true : undefined;
    });
    const row = await db.query('SELECT payload FROM intake.outbox WHERE message_key = $1', [caseId]);
    await producer.send({ topic: TOPICS.reportReceived, messages: [{ key: caseId, value: JSON.stringify(row.rows[0].payload) }] });
    // a marker message after it: when the marker's case is routed, the re-delivery has been processed too
    const marker = await postJson(`${urls.intake}/v1/reports`, report({ sourceRef: `e2e-marker:${randomUUID()}` }));
    await eventually('marker routed', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${marker.body.caseId as string}`);
      return r.status === 200 && r.body.stage === 'routed' ? true : undefined;
    });
    const runs: string[] = [];
    for await (const wf of t.client.workflow.list({ query: `WorkflowId = '${caseId}'` })) runs.push(wf.runId);
    expect(runs).toHaveLength(1);
    const ledger = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
    expect((ledger.body.history as unknown[]).length).toBe(2);
  });

  it('an invalid body gets 400 with field-level messages and stores nothing', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM intake.reports');
    const res = await postJson(`${urls.intake}/v1/reports`, {
      channel: 'carrier-pigeon',
      title: '',
      occurredAt: 'yesterday',
      location: { district: 42 },
      unexpected: true,
    });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['channel', 'title', 'content', 'occurredAt', 'location.district', 'unexpected']));
    const after = await db.query('SELECT count(*)::int AS n FROM intake.reports');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('poison messages reach the dead-letter topics with the reason and the consumers carry on', async () => {
    const badKey = `poison-${randomUUID()}`;
    await producer.send({
      topic: TOPICS.reportReceived,
      messages: [
        { key: `${badKey}-json`, value: '{not json' },
        { key: `${badKey}-schema`, value: JSON.stringify({ specversion: '1.0', id: 'x', type: 't', source: 's', time: 'now', subject: `${badKey}-schema`, datacontenttype: 'application/json', data: { caseId: 'nope' } }) },
      ],
    });
    await producer.send({ topic: TOPICS.caseEvents, messages: [{ key: `${badKey}-event`, value: JSON.stringify({ hello: 'world' }) }] });

    const dead = await eventually('three dead letters', async () => {
      const mine = dlqMessages.filter((m) => m.key.startsWith(badKey));
      return mine.length >= 3 ? mine : undefined;
    });
    const byKey = Object.fromEntries(dead.map((m) => [m.key.slice(badKey.length + 1), m]));
    expect(byKey.json).toMatchObject({ topic: deadLetterTopic(TOPICS.reportReceived), reason: expect.stringMatching(/not JSON/) });
    expect(byKey.schema.reason).toMatch(/time/);
    expect(byKey.schema.reason).toMatch(/data\.caseId/);
    expect(byKey.event).toMatchObject({ topic: deadLetterTopic(TOPICS.caseEvents), reason: expect.stringMatching(/invalid message/) });

    // and the pipeline still flows
    const res = await postJson(`${urls.intake}/v1/reports`, report());
    await eventually('a report after the poison is routed', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${res.body.caseId as string}`);
      return r.status === 200 && r.body.stage === 'routed' ? true : undefined;
    });
  });

  it('a missing case is a 404 and a malformed id a 400', async () => {
    expect((await getJson(`${urls.ledger}/v1/cases/${randomUUID()}`)).status).toBe(404);
    expect((await getJson(`${urls.ledger}/v1/cases/not-a-uuid`)).status).toBe(400);
  });

  it('personal data never reaches the logs unmasked', async () => {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const res = await postJson(`${urls.intake}/v1/reports`, report({ reporter: { name: '李四光', phone } }));
    expect(res.status).toBe(202);
    const logged = await eventually('intake logged the report', async () => {
      const text = readFileSync(path.join(logsDir, 'intake.log'), 'utf8');
      return text.includes(res.body.caseId as string) ? text : undefined;
    });
    expect(logged).not.toContain(phone);
    expect(logged).not.toContain('李四光');
    expect(logged).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
  });
});
