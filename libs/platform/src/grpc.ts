import path from 'node:path';
import { isTransientFailure } from './dependency-failure';
import { applyDecorators, ArgumentsHost, Catch, Controller, HttpException, HttpStatus, Logger as NestLogger, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException, Transport, type GrpcOptions } from '@nestjs/microservices';
import { Metadata, status as GrpcStatus, type Server } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath, type ServingStatus } from 'grpc-health-check';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import protobuf from 'protobufjs';
import { throwError, type Observable } from 'rxjs';
import { toFieldErrors, type FieldError } from './validation';
import { grpcTracingInterceptor } from './grpc-tracing';

export { GrpcStatus };

/** Trailer carrying the field errors of an INVALID_ARGUMENT as JSON `[{field, messages}]` (as the REST 400 body). */
export const FIELD_ERRORS_TRAILER = 'huiying-field-errors';

/** google/rpc/status.proto (Status, BadRequest): the richer error model, generic, so it lives here. */
const RPC_STATUS_PROTO = path.resolve(__dirname, '..', 'proto', 'google', 'rpc', 'status.proto');

export interface GrpcServerSettings {
  /** Port to listen on (0.0.0.0). */
  port: number;
  /** Absolute paths of the .proto files served (libs/contracts protoPath(...)). */
  protoFiles: string[];
  /** proto-loader options (libs/contracts PROTO_LOADER_OPTIONS). */
  loader: Record<string, unknown>;
  /** Fully-qualified service names served, for the health service, e.g. huiying.v1.IntakeService. */
  services: string[];
  host?: string;
}

/** What a gRPC error carries: the status code, a message, and trailers (field errors for INVALID_ARGUMENT). */
export interface GrpcError {
  code: number;
  message: string;
  details: string;
  metadata?: Metadata;
}

let rpcRoot: protobuf.Root | undefined;
function richStatusTypes() {
  rpcRoot ??= protobuf.loadSync(RPC_STATUS_PROTO);
  return { Status: rpcRoot.lookupType('google.rpc.Status'), BadRequest: rpcRoot.lookupType('google.rpc.BadRequest') };
}

/** google.rpc.Status with a google.rpc.BadRequest detail, the standard place for field errors. */
export function encodeBadRequestStatus(message: string, errors: FieldError[]): Buffer {
  const { Status, BadRequest } = richStatusTypes();
  const badRequest = BadRequest.encode(
    BadRequest.create({ fieldViolations: errors.flatMap((e) => e.messages.map((m) => ({ field: e.field, description: m }))) }),
  ).finish();
  return Buffer.from(
    Status.encode(
      Status.create({ code: GrpcStatus.INVALID_ARGUMENT, message, details: [{ type_url: 'type.googleapis.com/google.rpc.BadRequest', value: badRequest }] }),
    ).finish(),
  );
}

export function decodeBadRequestStatus(bin: Buffer): { code: number; message: string; fieldViolations: { field: string; description: string }[] } {
  const { Status, BadRequest } = richStatusTypes();
  const status = Status.toObject(Status.decode(bin)) as { code: number; message: string; details?: { type_url: string; value: Uint8Array }[] };
  const detail = status.details?.find((d) => d.type_url.endsWith('google.rpc.BadRequest'));
  const fieldViolations = detail ? ((BadRequest.toObject(BadRequest.decode(detail.value)) as { fieldViolations?: { field: string; description: string }[] }).fieldViolations ?? []) : [];
  return { code: status.code, message: status.message, fieldViolations };
}

/**
 * JSON with every non-ASCII character as a \uXXXX escape: ASCII metadata values may carry only printable ASCII,
 * and messages hold Chinese text and typographic dashes. JSON.parse gives the original text back.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** INVALID_ARGUMENT with the field errors in both trailers (rich status and JSON). */
export function invalidArgument(errors: FieldError[], message = 'Validation failed'): GrpcError {
  const metadata = new Metadata();
  metadata.set(FIELD_ERRORS_TRAILER, asciiJson(errors));
  metadata.set('grpc-status-details-bin', encodeBadRequestStatus(message, errors));
  const details = `${message}: ${errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ')}`;
  return { code: GrpcStatus.INVALID_ARGUMENT, message: details, details, metadata };
}

/**
 * Validates a gRPC request mapped to a REST DTO class with the same rules as the global ValidationPipe
 * (unknown fields are errors); throws an RpcException carrying INVALID_ARGUMENT with the field errors.
 */
export async function validateGrpcRequest<T extends object>(cls: new () => T, plain: Record<string, unknown>): Promise<T> {
  const dto = plainToInstance(cls, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new RpcException(invalidArgument(toFieldErrors(errors)));
  return dto;
}

const HTTP_TO_GRPC: Partial<Record<number, number>> = {
  [HttpStatus.BAD_REQUEST]: GrpcStatus.INVALID_ARGUMENT,
  [HttpStatus.UNAUTHORIZED]: GrpcStatus.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: GrpcStatus.PERMISSION_DENIED,
  [HttpStatus.NOT_FOUND]: GrpcStatus.NOT_FOUND,
  [HttpStatus.CONFLICT]: GrpcStatus.ALREADY_EXISTS,
  [HttpStatus.PAYLOAD_TOO_LARGE]: GrpcStatus.INVALID_ARGUMENT,
  [HttpStatus.UNPROCESSABLE_ENTITY]: GrpcStatus.FAILED_PRECONDITION,
  [HttpStatus.TOO_MANY_REQUESTS]: GrpcStatus.RESOURCE_EXHAUSTED,
  [HttpStatus.SERVICE_UNAVAILABLE]: GrpcStatus.UNAVAILABLE,
};

/** Maps any error to a gRPC status: RpcException as given, the modules' HTTP exceptions by their status. */
export function toGrpcError(e: unknown): GrpcError {
  if (e instanceof RpcException) {
    const err = e.getError();
    if (typeof err === 'object' && err && typeof (err as GrpcError).code === 'number') return err as GrpcError;
    return { code: GrpcStatus.UNKNOWN, message: String(err), details: String(err) };
  }
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const body = e.getResponse() as { errors?: FieldError[]; message?: unknown; code?: string } | string;
    if (typeof body === 'object' && Array.isArray(body.errors) && status === HttpStatus.BAD_REQUEST) return invalidArgument(body.errors);
    const message = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? e.message);
    const metadata = new Metadata();
    if (typeof body === 'object' && body.code) metadata.set('huiying-error-code', body.code);
    return { code: HTTP_TO_GRPC[status] ?? (status >= 500 ? GrpcStatus.INTERNAL : GrpcStatus.UNKNOWN), message, details: message, metadata };
  }
  // a dependency that is down (Postgres restarting, Temporal unreachable): UNAVAILABLE, which gRPC clients retry
  if (isTransientFailure(e)) return { code: GrpcStatus.UNAVAILABLE, message: 'a service this call needs is unavailable; try again', details: 'dependency unavailable' };
  return { code: GrpcStatus.INTERNAL, message: 'internal error', details: 'internal error' };
}

/** The one gRPC exception filter: every error leaves with a proper status code; internal errors are logged. */
@Catch()
export class GrpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new NestLogger('grpc');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const err = toGrpcError(exception);
    if (err.code === GrpcStatus.INTERNAL) {
      this.logger.error(`gRPC ${host.getType()} call failed: ${exception instanceof Error ? exception.message : String(exception)}`, exception instanceof Error ? exception.stack : undefined);
    }
    return throwError(() => err);
  }
}

/** A controller of gRPC methods (@GrpcMethod): errors are mapped by GrpcExceptionFilter. */
export function GrpcController(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(GrpcExceptionFilter));
}

/**
 * What server reflection describes: our .proto files and grpc.health.v1 as they are written — field names in
 * snake_case (`case_id`), as protoc, grpcurl and other languages' stubs know them. The server itself loads them with
 * `keepCase: false` (handlers see `caseId`); the wire format carries field numbers, so both read the same messages.
 * Reflecting the server's own camelCase definition made grpcurl refuse the documented name ("no known field named case_id").
 */
export function reflectionPackage(settings: Pick<GrpcServerSettings, 'protoFiles' | 'loader'>): PackageDefinition {
  return loadSync([...settings.protoFiles, healthProtoPath], { ...settings.loader, keepCase: true });
}

/**
 * Nest gRPC transport options for our servers, with the standard health-checking service (grpc.health.v1.Health)
 * and server reflection (v1 and v1alpha) added to the same server, and a SERVER span for every call of our services
 * (grpc-tracing.ts; grpc-js takes server interceptors in the options Nest builds its Server with).
 */
export function grpcServerOptions(settings: GrpcServerSettings, health: HealthImplementation): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      url: `${settings.host ?? '0.0.0.0'}:${settings.port}`,
      package: [...new Set(settings.services.map((s) => s.slice(0, s.lastIndexOf('.'))))],
      protoPath: settings.protoFiles,
      loader: settings.loader,
      channelOptions: { interceptors: [grpcTracingInterceptor()] },
      onLoadPackageDefinition: (_pkg: PackageDefinition, server: Pick<Server, 'addService'>) => {
        new ReflectionService(reflectionPackage(settings)).addToServer(server);
        health.addToServer(server as Server);
      },
    },
  };
}

/** Health of the gRPC server: overall ('') and per service, following the HTTP /health checks. */
export function createGrpcHealth(services: string[]): { health: HealthImplementation; set(status: ServingStatus): void } {
  const health = new HealthImplementation(Object.fromEntries(['', ...services].map((s) => [s, 'NOT_SERVING' as ServingStatus])));
  return {
    health,
    set: (status) => ['', ...services].forEach((s) => health.setStatus(s, status)),
  };
}
