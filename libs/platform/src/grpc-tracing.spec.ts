import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Metadata, status as GrpcStatus, type ServerInterceptingCallInterface, type ServerInterceptor } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { loadConfig } from './config';
import { grpcServerOptions } from './grpc';
import { contextFromMetadata, grpcMethodOf, grpcTracingInterceptor, isGrpcServerError } from './grpc-tracing';
import { activeTraceIds, installTracing, traceCarrierOf, TracingConfig, type Tracing } from './tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_ID}-01`;

type Listener = Parameters<ServerInterceptingCallInterface['start']>[0];
type Status = Parameters<ServerInterceptingCallInterface['sendStatus']>[0];

/** The transport end of a call (what grpc-js's own call object is): records what the interceptor passes on. */
class TransportCall implements ServerInterceptingCallInterface {
  listener?: Listener;
  readonly statuses: Status[] = [];
  constructor(private readonly deadline: Date | number = Infinity) {}
  start(listener: Listener) {
    this.listener = listener;
  }
  sendMetadata() {}
  sendMessage(_message: unknown, callback: () => void) {
    callback();
  }
  sendStatus(status: Status) {
    this.statuses.push(status);
  }
  startRead() {}
  getPeer() {
    return 'ipv4:10.0.0.7:51234';
  }
  getDeadline() {
    return this.deadline;
  }
  getHost() {
    return '127.0.0.1:50051';
  }
  getAuthContext() {
    return {};
  }
  getConnectionInfo() {
    return {};
  }
  getMetricsRecorder() {
    return {} as ReturnType<ServerInterceptingCallInterface['getMetricsRecorder']>;
  }
}

const method = (path: string) => ({ path, requestStream: false, responseStream: false, responseSerialize: (v: unknown) => Buffer.from(String(v)), requestDeserialize: (b: Buffer) => b });

/**
 * A unary call as grpc-js runs one through the interceptor: metadata, the request, the half-close that invokes the
 * handler; `handler` answers with the status it returns (after awaiting whatever it awaits).
 */
function unaryCall(interceptor: ServerInterceptor, path: string, metadata: Metadata, handler: () => Promise<Status>, transport = new TransportCall()) {
  const call = interceptor(method(path), transport);
  let done!: Promise<void>;
  call.start({
    onReceiveMetadata: () => undefined,
    onReceiveMessage: () => undefined,
    onReceiveHalfClose: () => {
      done = handler().then((status) => call.sendStatus(status));
    },
    onCancel: () => undefined,
  });
  transport.listener!.onReceiveMetadata(metadata);
  transport.listener!.onReceiveMessage({ title: '路灯不亮' });
  transport.listener!.onReceiveHalfClose();
  return { call, transport, done: () => done };
}

const withTraceparent = (value = TRACEPARENT) => {
  const m = new Metadata();
  m.set('traceparent', value);
  m.set('authorization', 'Bearer secret-key');
  return m;
};

describe('gRPC server spans', () => {
  let memory: InMemorySpanExporter;
  let tracing: Tracing;
  beforeEach(() => {
    memory = new InMemorySpanExporter();
    tracing = installTracing('intake', loadConfig(TracingConfig, {}), new SimpleSpanProcessor(memory));
  });
  afterEach(() => tracing.shutdown());

  it('continues the traceparent of the metadata in a SERVER span that the handler, after an await, is inside', async () => {
    let seen: { ids: ReturnType<typeof activeTraceIds>; carrier: ReturnType<typeof traceCarrierOf> } | undefined;
    const { transport, done } = unaryCall(grpcTracingInterceptor(), '/huiying.v1.IntakeService/SubmitReport', withTraceparent(), async () => {
      await new Promise((resolve) => setTimeout(resolve, 5)); // e.g. the database insert
      seen = { ids: activeTraceIds(), carrier: traceCarrierOf() }; // what the outbox row keeps
      return { code: GrpcStatus.OK, details: 'OK' };
    });
    await done();
    const [span] = memory.getFinishedSpans();
    expect(memory.getFinishedSpans()).toHaveLength(1);
    expect(span!.name).toBe('huiying.v1.IntakeService/SubmitReport');
    expect(span!.kind).toBe(SpanKind.SERVER);
    expect(span!.spanContext().traceId).toBe(TRACE_ID);
    expect(span!.parentSpanId).toBe(PARENT_ID);
    expect(span!.attributes).toEqual({ 'rpc.system': 'grpc', 'rpc.service': 'huiying.v1.IntakeService', 'rpc.method': 'SubmitReport', 'rpc.grpc.status_code': 0 });
    expect(span!.status.code).toBe(SpanStatusCode.UNSET);
    const spanId = span!.spanContext().spanId;
    expect(seen).toEqual({ ids: { traceId: TRACE_ID, spanId }, carrier: { traceparent: `00-${TRACE_ID}-${spanId}-01`, tracestate: null } });
    expect(transport.statuses).toEqual([{ code: GrpcStatus.OK, details: 'OK' }]); // the status still reaches the caller
  });

  it('starts a new trace without a traceparent; a server failure is an error, a caller error is not', async () => {
    const failing = unaryCall(grpcTracingInterceptor(), '/huiying.v1.CaseService/GetCase', new Metadata(), async () => ({ code: GrpcStatus.INTERNAL, details: 'internal error' }));
    await failing.done();
    const refused = unaryCall(grpcTracingInterceptor(), '/huiying.v1.CaseService/GetCase', withTraceparent('00-garbage'), async () => ({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: 'case_id: 13912345678 is not a UUID',
    }));
    await refused.done();
    const [internal, invalid] = memory.getFinishedSpans();
    expect(internal!.parentSpanId).toBeUndefined();
    expect(internal!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'gRPC INTERNAL' });
    expect(internal!.attributes['rpc.grpc.status_code']).toBe(GrpcStatus.INTERNAL);
    expect(invalid!.parentSpanId).toBeUndefined();
    expect(invalid!.spanContext().traceId).not.toBe(internal!.spanContext().traceId);
    expect(invalid!.status.code).toBe(SpanStatusCode.UNSET);
    expect(invalid!.attributes['rpc.grpc.status_code']).toBe(GrpcStatus.INVALID_ARGUMENT);
    // neither the request, the metadata, the peer nor the status details are recorded
    const recorded = JSON.stringify(memory.getFinishedSpans().map((s) => [s.attributes, s.status, s.events]));
    for (const secret of ['路灯不亮', 'secret-key', '10.0.0.7', '13912345678']) expect(recorded).not.toContain(secret);
  });

  it('does not trace health checks and reflection, which still get through', async () => {
    for (const path of ['/grpc.health.v1.Health/Check', '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo', '/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo']) {
      let handled = false;
      const { transport, done } = unaryCall(grpcTracingInterceptor(), path, withTraceparent(), async () => {
        handled = true;
        return { code: GrpcStatus.OK, details: 'OK' };
      });
      await done();
      expect(handled).toBe(true);
      expect(transport.statuses).toHaveLength(1);
    }
    expect(memory.getFinishedSpans()).toHaveLength(0);
  });

  it('ends the span once when the caller cancels, as DEADLINE_EXCEEDED when the deadline had passed', async () => {
    const now = 1_000_000;
    for (const [deadline, expected] of [
      [Infinity, GrpcStatus.CANCELLED],
      [new Date(now + 60_000), GrpcStatus.CANCELLED],
      [now - 1, GrpcStatus.DEADLINE_EXCEEDED],
    ] as const) {
      const transport = new TransportCall(deadline);
      const call = grpcTracingInterceptor(undefined, () => now)(method('/huiying.v1.CaseService/WatchCaseEvents'), transport);
      call.start({ onReceiveMetadata: () => undefined, onReceiveMessage: () => undefined, onReceiveHalfClose: () => undefined, onCancel: () => undefined });
      transport.listener!.onReceiveMetadata(withTraceparent());
      transport.listener!.onCancel();
      call.sendStatus({ code: GrpcStatus.CANCELLED, details: 'late' }); // a handler answering after the cancel does not end it again
      expect(memory.getFinishedSpans().at(-1)!.attributes['rpc.grpc.status_code']).toBe(expected);
    }
    expect(memory.getFinishedSpans()).toHaveLength(3);
    expect(memory.getFinishedSpans().map((s) => s.status.code)).toEqual([SpanStatusCode.UNSET, SpanStatusCode.UNSET, SpanStatusCode.ERROR]);
  });

  it('is the interceptor of every gRPC server our services start', async () => {
    const options = grpcServerOptions({ port: 50051, protoFiles: [], loader: {}, services: ['huiying.v1.IntakeService'] }, new HealthImplementation({}));
    const interceptors = (options.options?.channelOptions as { interceptors?: ServerInterceptor[] } | undefined)?.interceptors ?? [];
    expect(interceptors).toHaveLength(1);
    await unaryCall(interceptors[0]!, '/huiying.v1.IntakeService/SubmitReport', withTraceparent(), async () => ({ code: GrpcStatus.OK, details: 'OK' })).done();
    expect(memory.getFinishedSpans().map((s) => [s.name, s.spanContext().traceId])).toEqual([['huiying.v1.IntakeService/SubmitReport', TRACE_ID]]);
  });
});

describe('gRPC tracing helpers', () => {
  it('splits a method path into service and method', () => {
    expect(grpcMethodOf('/huiying.v1.IntakeService/SubmitReport')).toEqual({ service: 'huiying.v1.IntakeService', method: 'SubmitReport' });
    expect(grpcMethodOf('Check')).toEqual({ service: '', method: 'Check' });
  });

  it('reads a traceparent from metadata only when it is valid W3C trace context', () => {
    const tracing = installTracing('intake', loadConfig(TracingConfig, {}), new SimpleSpanProcessor(new InMemorySpanExporter()));
    try {
      const carrier = traceCarrierOf(contextFromMetadata(withTraceparent()));
      expect(carrier.traceparent).toBe(TRACEPARENT);
      expect(traceCarrierOf(contextFromMetadata(withTraceparent('00-not-hex')))).toEqual({ traceparent: null, tracestate: null });
      expect(traceCarrierOf(contextFromMetadata(new Metadata()))).toEqual({ traceparent: null, tracestate: null });
    } finally {
      void tracing.shutdown();
    }
  });

  it('counts as server errors the codes the OpenTelemetry RPC conventions name, not the caller errors', () => {
    expect([GrpcStatus.UNKNOWN, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.UNIMPLEMENTED, GrpcStatus.INTERNAL, GrpcStatus.UNAVAILABLE, GrpcStatus.DATA_LOSS].every(isGrpcServerError)).toBe(true);
    expect([GrpcStatus.OK, GrpcStatus.CANCELLED, GrpcStatus.INVALID_ARGUMENT, GrpcStatus.NOT_FOUND, GrpcStatus.ALREADY_EXISTS, GrpcStatus.PERMISSION_DENIED, GrpcStatus.UNAUTHENTICATED].some(isGrpcServerError)).toBe(false);
  });
});
