// GET /metrics of every service and the worker on the real stack (issue 13, README → Metrics): Prometheus text with
// the named families, the HTTP counter of a route moving with traffic, the outbox backlog back to 0, the ledger's
// case gauges counted from its read model.
import { randomUUID } from 'node:crypto';
import { authHeaders, eventually, postJson, urls } from './support';
import { ownPlace } from './places';

const workerUrl = `http://127.0.0.1:${process.env.WORKER_HEALTH_PORT ?? 3006}`;

async function scrape(base: string): Promise<{ status: number; contentType: string; text: string }> {
  const res = await fetch(`${base}/metrics`);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** The value of one series (`name{labels}` with labels in any order containing `labels`), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^[a-z_:]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const own = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => own[k] === v)) return Number(m[2]);
  }
  return undefined;
}

const families = (text: string): Set<string> => new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));

const COMMON = ['huiying_http_requests_total', 'huiying_http_request_duration_seconds', 'process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds'];
const CONSUMING = ['huiying_kafka_consumer_lag', 'huiying_kafka_consumer_lag_up', 'huiying_kafka_dead_lettered_messages_total'];
const EXPECTED: Record<keyof typeof urls, string[]> = {
  intake: [...COMMON, ...CONSUMING, 'huiying_outbox_pending_rows', 'huiying_outbox_oldest_pending_age_seconds', 'huiying_outbox_relayed_rows_total', 'huiying_hotline_work_orders_total'],
  routing: [...COMMON, ...CONSUMING, 'huiying_outbox_pending_rows', 'huiying_outbox_oldest_pending_age_seconds'],
  assessment: [...COMMON, ...CONSUMING],
  publication: [...COMMON, ...CONSUMING],
  ledger: [...COMMON, ...CONSUMING, 'huiying_cases_open', 'huiying_case_clocks_due_next_hour', 'huiying_cases_overdue', 'huiying_case_figures_up'],
};

describe('GET /metrics on the real stack', () => {
  it.each(Object.keys(EXPECTED) as (keyof typeof urls)[])('%s answers Prometheus text with its named families, without a key', async (service) => {
    const { status, contentType, text } = await scrape(urls[service]);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain/);
    const have = families(text);
    for (const f of EXPECTED[service]) expect([f, have.has(f)]).toEqual([f, true]);
    expect(text).toMatch(new RegExp(`^process_resident_memory_bytes\\{service="${service}"\\} \\d+`, 'm'));
  });

  it('the worker answers with its own families and the Temporal SDK runtime\'s (task latency, slots, sticky cache)', async () => {
    // a latency histogram has no series until the worker has run a task since it started: give it one
    const res = await postJson(
      `${urls.intake}/v1/reports`,
      {
        channel: 'weibo', title: '指标测试：井盖缺失', content: '网友反映某路口井盖缺失，存在安全隐患。', occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        location: ownPlace(), category: 'other', sourceRef: `e2e-metrics:${randomUUID()}`,
      },
      authHeaders(),
    );
    expect(res.status).toBe(202);
    const wanted = ['process_resident_memory_bytes', 'temporal_worker_task_slots_available', 'temporal_sticky_cache_size', 'temporal_workflow_task_schedule_to_start_latency'];
    const { status, contentType, text } = await eventually('the worker exposing the SDK runtime\'s families', async () => {
      const got = await scrape(workerUrl);
      return wanted.every((f) => families(got.text).has(f)) ? got : undefined;
    });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain/);
    expect(sample(text, 'huiying_temporal_sdk_metrics_up', { service: 'worker' })).toBe(1);
  });

  it('a report posted to intake moves its route\'s request counter and latency; the outbox backlog returns to 0', async () => {
    const labels = { service: 'intake', method: 'POST', route: '/v1/reports', status: '202' };
    const before = sample((await scrape(urls.intake)).text, 'huiying_http_requests_total', labels) ?? 0;
    const res = await postJson(
      `${urls.intake}/v1/reports`,
      {
        channel: 'weibo', title: '指标测试：路灯不亮', content: '网友反映某路段路灯连续多日不亮，夜间出行不便。', occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        location: ownPlace(), category: 'other', sourceRef: `e2e-metrics:${randomUUID()}`,
      },
      authHeaders(),
    );
    expect(res.status).toBe(202);
    const after = (await scrape(urls.intake)).text;
    expect(sample(after, 'huiying_http_requests_total', labels)).toBe(before + 1);
    expect(sample(after, 'huiying_http_request_duration_seconds_count', labels)).toBeGreaterThanOrEqual(before + 1);
    // the route template, never the raw URL, is the label
    expect(after).not.toMatch(/route="\/v1\/cases\/[0-9a-f-]{36}"/);
    // the report's event left through the outbox
    await eventually('intake.outbox has nothing pending', async () => {
      const text = (await scrape(urls.intake)).text;
      return sample(text, 'huiying_outbox_pending_rows', { table: 'intake.outbox' }) === 0 ? true : undefined;
    }, 30000);
    const text = (await scrape(urls.intake)).text;
    expect(sample(text, 'huiying_outbox_oldest_pending_age_seconds', { table: 'intake.outbox' })).toBe(0);
    expect(sample(text, 'huiying_outbox_relayed_rows_total', { table: 'intake.outbox' })).toBeGreaterThan(0);
  });

  it('routing measures the lag of its consumer groups per partition', async () => {
    const text = (await scrape(urls.routing)).text;
    const lagLines = text.split('\n').filter((l) => l.startsWith('huiying_kafka_consumer_lag{'));
    expect(lagLines.some((l) => l.includes('topic="intake.reports.received.v1"'))).toBe(true);
    for (const l of lagLines) expect(Number(l.split(' ').pop())).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^huiying_kafka_consumer_lag_up\{[^}]*topic="intake\.reports\.received\.v1"[^}]*\} 1$/m);
  });

  it('the ledger\'s case gauges count its read model', async () => {
    // the case of the report above is open (the figures are counted at most every 10 s)
    const text = await eventually('the ledger counts open cases', async () => {
      const t = (await scrape(urls.ledger)).text;
      return t.split('\n').some((l) => l.startsWith('huiying_cases_open{')) ? t : undefined;
    }, 30000);
    expect(sample(text, 'huiying_case_figures_up')).toBe(1);
    const open = text.split('\n').filter((l) => l.startsWith('huiying_cases_open{'));
    for (const l of open) expect(Number.isInteger(Number(l.split(' ').pop())) && Number(l.split(' ').pop()) > 0).toBe(true);
    expect(open.every((l) => /kind="(opinion|disclosure)"/.test(l))).toBe(true);
  });
});
