// gRPC server spans (README → Traces): a grpc-js server interceptor, installed on every gRPC server by
// grpcServerOptions, opens a SERVER span per call, continuing the caller's trace when its metadata carries a W3C
// `traceparent`, and runs the handler (Nest's guards, interceptors, the controller and everything they await: the
// outbox row written in the call keeps this span's context) inside it. The span ends with the status the call ends
// with. Only codes go into attributes (service, method, status code): never the request, the metadata or the peer.
//
// Our own interceptor rather than @opentelemetry/instrumentation-grpc: that package patches @grpc/grpc-js through a
// require hook, which must be installed before anything loads grpc-js — our main.ts files import @huiying/platform
// (which loads it) before startTracing runs, so it would need a `--require` preload in every start command. grpc-js
// (≥ 1.10) has a public server-interceptor API that sees each call's metadata, its events and its final status.
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
  type Tracer,
} from '@opentelemetry/api';
import { Metadata, ServerInterceptingCall, status as GrpcStatus, type ServerInterceptingCallInterface, type ServerInterceptor } from '@grpc/grpc-js';

/** Called many times a minute by probes and tools, never part of a case's story: not traced. */
export const UNTRACED_GRPC_SERVICES: ReadonlySet<string> = new Set(['grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection']);

/**
 * The codes that make a server span an error, as the OpenTelemetry RPC conventions define them for servers: the
 * server failed. The others (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED…) are the caller's mistake and leave
 * the span's status unset.
 */
const SERVER_ERROR_CODES: ReadonlySet<number> = new Set([
  GrpcStatus.UNKNOWN,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.UNIMPLEMENTED,
  GrpcStatus.INTERNAL,
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DATA_LOSS,
]);

export function isGrpcServerError(code: number): boolean {
  return SERVER_ERROR_CODES.has(code);
}

/** `/huiying.v1.IntakeService/SubmitReport` → service `huiying.v1.IntakeService`, method `SubmitReport`. */
export function grpcMethodOf(path: string): { service: string; method: string } {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? { service: '', method: trimmed } : { service: trimmed.slice(0, slash), method: trimmed.slice(slash + 1) };
}

/** Reads the W3C headers from request metadata (ASCII values; a binary `-bin` value is never a traceparent). */
export const metadataGetter: TextMapGetter<Metadata> = {
  keys: (m) => Object.keys(m.getMap()),
  get: (m, key) => {
    const values = m.get(key).filter((v): v is string => typeof v === 'string');
    return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
  },
};

/** The context a call's metadata continues (the caller's span as remote parent), or the root when it names none. */
export function contextFromMetadata(metadata: Metadata): Context {
  return propagation.extract(ROOT_CONTEXT, metadata, metadataGetter);
}

export function grpcTracer(): Tracer {
  return trace.getTracer('@huiying/platform/grpc');
}

/** Whether the call's deadline had passed when it ended (grpc-js gives Infinity when the caller set none). */
function deadlinePassed(call: ServerInterceptingCallInterface, now: number): boolean {
  const deadline = call.getDeadline();
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(at) && at <= now;
}

/**
 * The tracing server interceptor (grpc-js `ServerOptions.interceptors`). A no-op in effect while tracing is off: the
 * API's tracer makes non-recording spans.
 */
export function grpcTracingInterceptor(tracer: Tracer = grpcTracer(), now: () => number = Date.now): ServerInterceptor {
  return (methodDescriptor, call) => {
    const { service, method } = grpcMethodOf(methodDescriptor.path);
    if (UNTRACED_GRPC_SERVICES.has(service)) return new ServerInterceptingCall(call);
    let span: Span | undefined;
    let ctx: Context = ROOT_CONTEXT;
    const end = (code: number) => {
      if (!span) return;
      span.setAttribute('rpc.grpc.status_code', code);
      // the code's name only: status details may repeat what the caller sent
      if (isGrpcServerError(code)) span.setStatus({ code: SpanStatusCode.ERROR, message: `gRPC ${GrpcStatus[code] ?? code}` });
      span.end();
      span = undefined;
    };
    // every event the handler sees is delivered inside the span's context, so that whatever it starts continues it
    const inSpan = (next: () => void) => context.with(ctx, next);
    return new ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, nextMetadata) => {
            const parent = contextFromMetadata(metadata);
            span = tracer.startSpan(
              `${service}/${method}`,
              { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method } },
              parent,
            );
            ctx = trace.setSpan(parent, span);
            inSpan(() => nextMetadata(metadata));
          },
          onReceiveMessage: (message, nextMessage) => inSpan(() => nextMessage(message)),
          onReceiveHalfClose: (nextHalfClose) => inSpan(nextHalfClose),
          // the caller went away or the deadline passed: no status goes through sendStatus then
          onCancel: () => end(deadlinePassed(call, now()) ? GrpcStatus.DEADLINE_EXCEEDED : GrpcStatus.CANCELLED),
        }),
      sendStatus: (status, nextStatus) => {
        end(status.code ?? GrpcStatus.UNKNOWN);
        nextStatus(status);
      },
    });
  };
}
