// Traces on the real stack (README → Traces, issue 13): a report posted with a traceparent of the test's own trace id
// is followed through intake's HTTP span, the outbox and Kafka, routing's consumer, the workflow start, the workflow
// and its activities in the worker, and the ledger's consumer of cases.events.v1 — one trace, read back from the
// JSON-lines file every service and the worker append to (HUIYING_TRACES_FILE, set by deploy/local/env.sh).
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TOPICS } from '@huiying/contracts';
import type { SpanLine } from '@huiying/platform';
import { authHeaders, eventually, getJson, logsDir, postJson, urls } from './support';
import { ownPlace } from './places';

const tracesFile = process.env.HUIYING_TRACES_FILE ?? path.join(logsDir, 'traces.jsonl');

/** The spans of one trace in the file (lines of other traces are skipped without parsing them). */
function spansOf(traceId: string): SpanLine[] {
  if (!existsSync(tracesFile)) return [];
  return readFileSync(tracesFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes(traceId))
    .map((line) => JSON.parse(line) as SpanLine)
    .filter((s) => s.traceId === traceId);
}

describe('one trace from POST /v1/reports to the ledger', () => {
  it('has spans of intake (HTTP server), routing (Kafka consumer), the worker (workflow start, run, activity) and the ledger (cases.events.v1 consumer)', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const title = `链路追踪测试 ${randomUUID().slice(0, 8)}`;
    const res = await postJson(
      `${urls.intake}/v1/reports`,
      {
        channel: 'portal',
        title,
        content: '路灯不亮，夜间出行不便。',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        location: ownPlace(),
        category: 'housing',
        sourceRef: `e2e-traces:${randomUUID()}`,
        reporter: { name: '王五', phone: '13912345678' },
      },
      authHeaders({ traceparent: `00-${traceId}-${callerSpanId}-01` }),
    );
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;

    // the case went all the way: routed, and its events are in the ledger
    await eventually('case routed in the ledger', async () => {
      const c = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return c.status === 200 && c.body.stage === 'routed' ? c : undefined;
    }, 90_000);

    const has = (spans: SpanLine[], service: string, kind: SpanLine['kind'], name: string | RegExp) =>
      spans.find((s) => s.service === service && s.kind === kind && (typeof name === 'string' ? s.name === name : name.test(s.name)));
    // spans are exported in batches (about every second): wait until the last of them, the ledger's, is written
    const spans = await eventually('the trace in the traces file', async () => {
      const all = spansOf(traceId);
      return has(all, 'ledger', 'consumer', `${TOPICS.caseEvents} process`) && has(all, 'worker', 'internal', 'RunActivity:emitCaseEvents') ? all : undefined;
    }, 60_000);

    const http = has(spans, 'intake', 'server', 'POST /v1/reports');
    expect(http).toMatchObject({ parentSpanId: callerSpanId, attributes: { 'http.route': '/v1/reports', 'http.response.status_code': 202 } });
    const relayed = has(spans, 'intake', 'producer', `${TOPICS.reportReceived} publish`);
    expect(relayed?.parentSpanId).toBe(http?.spanId);
    const routed = has(spans, 'routing', 'consumer', `${TOPICS.reportReceived} process`);
    expect(routed?.parentSpanId).toBe(relayed?.spanId);
    const started = has(spans, 'routing', 'internal', 'StartWorkflow:opinionCaseWorkflow');
    expect(started).toBeDefined();
    // the worker: the workflow's spans (exported through its sink) and the local activity that sent its case events
    expect(has(spans, 'worker', 'internal', /^StartActivity:emitCaseEvents$/)).toBeDefined();
    const activity = has(spans, 'worker', 'internal', 'RunActivity:emitCaseEvents');
    expect(activity?.attributes).toMatchObject({ temporalWorkflowId: caseId });
    const emitted = spans.find((s) => s.service === 'worker' && s.kind === 'producer' && s.name === `${TOPICS.caseEvents} publish`);
    expect(emitted).toBeDefined();
    const ledger = spans.filter((s) => s.service === 'ledger' && s.kind === 'consumer' && s.name === `${TOPICS.caseEvents} process`);
    expect(ledger.some((s) => spans.some((p) => p.spanId === s.parentSpanId && p.service === 'worker'))).toBe(true);

    // no personal data and no report text in any span of the trace
    const text = JSON.stringify(spans);
    for (const secret of ['13912345678', '王五', title, '路灯不亮']) expect(text).not.toContain(secret);
  });
});
