// Traces on the real stack (README → Traces, issue 13): a report posted with a traceparent of the test's own trace id
// is followed through intake's HTTP span, the outbox and Kafka, routing's consumer, the workflow start, the workflow
// and its activities in the worker, and the ledger's consumer of cases.events.v1 — one trace, read back from the
// JSON-lines file every service and the worker append to (HUIYING_TRACES_FILE, set by deploy/local/env.sh).
// The same from a gRPC SubmitReport carrying the traceparent in its metadata.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Metadata } from '@grpc/grpc-js';
import { TOPICS, type GrpcSubmitReportResponse } from '@huiying/contracts';
import type { SpanLine } from '@huiying/platform';
import { authHeaders, eventually, getJson, logsDir, postJson, urls } from './support';
import { grpcClients, unary } from './grpc-support';
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

const has = (spans: SpanLine[], service: string, kind: SpanLine['kind'], name: string | RegExp) =>
  spans.find((s) => s.service === service && s.kind === kind && (typeof name === 'string' ? s.name === name : name.test(s.name)));

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

describe('one trace from a gRPC SubmitReport to the workflow', () => {
  const c = grpcClients();
  afterAll(() => c.intake.close());

  it('continues the traceparent of the call metadata in a gRPC server span of intake, through the outbox and Kafka to the first activity', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const title = `gRPC 链路追踪测试 ${randomUUID().slice(0, 8)}`;
    const metadata = new Metadata();
    metadata.set('traceparent', `00-${traceId}-${callerSpanId}-01`);
    const res = await unary<GrpcSubmitReportResponse>(
      c.intake,
      'SubmitReport',
      {
        channel: 'portal',
        title,
        content: '小区门口井盖缺失，存在安全隐患。',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        location: ownPlace(),
        category: 'housing',
        sourceRef: `e2e-traces-grpc:${randomUUID()}`,
        reporter: { name: '赵六', phone: '13812345679' },
      },
      metadata,
    );
    const caseId = res.caseId;
    expect(caseId).toBeTruthy();

    // spans are exported in batches: wait for the first activity's span (the workflow's first event, emitCaseEvents, a local activity)
    const spans = await eventually('the gRPC trace in the traces file, as far as the first activity', async () => {
      const all = spansOf(traceId);
      return has(all, 'worker', 'internal', 'RunActivity:emitCaseEvents') ? all : undefined;
    }, 150_000);

    const rpc = has(spans, 'intake', 'server', 'huiying.v1.IntakeService/SubmitReport');
    expect(rpc).toMatchObject({
      parentSpanId: callerSpanId,
      status: 'unset',
      attributes: { 'rpc.system': 'grpc', 'rpc.service': 'huiying.v1.IntakeService', 'rpc.method': 'SubmitReport', 'rpc.grpc.status_code': 0 },
    });
    // the outbox row written in the call kept the call's span: the relay's publish is its child
    const relayed = has(spans, 'intake', 'producer', `${TOPICS.reportReceived} publish`);
    expect(relayed?.parentSpanId).toBe(rpc?.spanId);
    const routed = has(spans, 'routing', 'consumer', `${TOPICS.reportReceived} process`);
    expect(routed?.parentSpanId).toBe(relayed?.spanId);
    expect(has(spans, 'routing', 'internal', 'StartWorkflow:opinionCaseWorkflow')).toBeDefined();
    expect(has(spans, 'worker', 'internal', 'RunActivity:emitCaseEvents')?.attributes).toMatchObject({ temporalWorkflowId: caseId });

    const text = JSON.stringify(spans);
    for (const secret of ['13812345679', '赵六', title, '井盖缺失']) expect(text).not.toContain(secret);
  });
});
