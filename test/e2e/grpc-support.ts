// gRPC clients for tests against the running services (intake :50051, ledger :50052), built from the shared .proto.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { PROTO_DIR, PROTO_FILES, PROTO_LOADER_OPTIONS } from '@huiying/contracts';

export const grpcAddresses = {
  intake: `127.0.0.1:${process.env.GRPC_PORT ?? 50051}`,
  ledger: `127.0.0.1:${process.env.GRPC_LEDGER_PORT ?? 50052}`,
};

type Ctor = new (address: string, credentials: grpc.ChannelCredentials, options?: grpc.ClientOptions) => grpc.Client;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClient = grpc.Client & Record<string, any>;

function load(files: string[], includeDirs: string[] = []) {
  return grpc.loadPackageDefinition(loadSync(files, { ...PROTO_LOADER_OPTIONS, includeDirs: [PROTO_DIR, ...includeDirs] })) as unknown as Record<string, Record<string, Record<string, Ctor>>>;
}

const reflectionProto = path.join(path.dirname(require.resolve('@grpc/reflection/package.json')), 'build/proto/grpc/reflection/v1/reflection.proto');

/** Adds `authorization: Bearer <key>` to every call that does not carry one (the test caller's key by default). */
export function withApiKey(key: string | undefined = process.env.HUIYING_API_KEY): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        if (key && !metadata.get('authorization').length) metadata.set('authorization', `Bearer ${key}`);
        next(metadata, listener);
      },
    });
}

/** Clients of our services; `key` = the API key they send (default: the test caller's; null: none). */
export function grpcClients(key: string | null = process.env.HUIYING_API_KEY ?? null) {
  const ours = load([PROTO_FILES.intake, PROTO_FILES.case]);
  const health = load([healthProtoPath]);
  const reflection = load([reflectionProto]);
  const creds = grpc.credentials.createInsecure();
  const options = key ? { interceptors: [withApiKey(key)] } : {};
  const make = (Ctor: Ctor, address: string) => new Ctor(address, creds, options) as AnyClient;
  return {
    intake: make(ours.huiying.v1.IntakeService, grpcAddresses.intake),
    cases: make(ours.huiying.v1.CaseService, grpcAddresses.ledger),
    health: (address: string) => make(health.grpc.health.v1.Health, address),
    reflection: (address: string) => make(reflection.grpc.reflection.v1.ServerReflection, address),
  };
}

/** A unary call as a promise; rejects with the grpc ServiceError (code, details, metadata). */
export function unary<T>(client: AnyClient, method: string, request: unknown, metadata = new grpc.Metadata()): Promise<T> {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: Date.now() + 15000 }, (err: grpc.ServiceError | null, res: T) => (err ? reject(err) : resolve(res)));
  });
}

/** Catches the ServiceError of a call that must fail. */
export async function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  try {
    await p;
  } catch (e) {
    return e as grpc.ServiceError;
  }
  throw new Error('expected the gRPC call to fail');
}

/** Lists the services a server exposes through server reflection (v1). */
export function reflectedServices(client: AnyClient): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo();
    call.on('data', (res: { listServicesResponse?: { service: { name: string }[] } }) => {
      resolve((res.listServicesResponse?.service ?? []).map((s) => s.name));
      call.end();
    });
    call.on('error', reject);
    call.write({ listServices: '' });
  });
}

/** The file descriptors (serialized FileDescriptorProto) reflection gives for a symbol, as one latin1 string to search. */
export function reflectedDescriptors(client: AnyClient, symbol: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo();
    call.on('data', (res: { fileDescriptorResponse?: { fileDescriptorProto: Buffer[] }; errorResponse?: { errorMessage: string } }) => {
      if (res.errorResponse) reject(new Error(res.errorResponse.errorMessage));
      else resolve(Buffer.concat((res.fileDescriptorResponse?.fileDescriptorProto ?? []).map((b) => Buffer.from(b))).toString('latin1'));
      call.end();
    });
    call.on('error', reject);
    call.write({ fileContainingSymbol: symbol });
  });
}
