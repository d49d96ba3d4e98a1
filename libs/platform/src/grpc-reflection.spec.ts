import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionV1Implementation } from '@grpc/reflection/build/src/implementations/reflection-v1';
import { reflectionPackage } from './grpc';

const LOADER = { keepCase: false, longs: String, enums: String, defaults: false, oneofs: false };

function protoFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reflection-'));
  const file = path.join(dir, 'case.proto');
  writeFileSync(file, 'syntax = "proto3";\npackage test.v1;\nmessage GetCaseRequest { string case_id = 1; }\nservice CaseService { rpc GetCase (GetCaseRequest) returns (GetCaseRequest); }\n');
  return file;
}

/** The field names a reflection client (grpcurl) is told for a message. */
function reflectedFieldNames(pkg: ReturnType<typeof loadSync>, symbol: string): string {
  const files = new ReflectionV1Implementation(pkg).fileContainingSymbol(symbol).fileDescriptorProto as Buffer[];
  return Buffer.concat(files.map((f) => Buffer.from(f))).toString('latin1');
}

describe('gRPC server reflection', () => {
  it('describes fields as the .proto writes them (case_id), though the server loads them as caseId', () => {
    const file = protoFile();
    const described = reflectedFieldNames(reflectionPackage({ protoFiles: [file], loader: LOADER }), 'test.v1.GetCaseRequest');
    expect(described).toContain('case_id');
    // what reflecting the server's own definition (keepCase: false) told clients: only the camelCase name
    expect(reflectedFieldNames(loadSync(file, LOADER), 'test.v1.GetCaseRequest')).not.toContain('case_id');
  });

  it('describes the health service alongside ours', () => {
    const pkg = reflectionPackage({ protoFiles: [protoFile()], loader: LOADER });
    expect(Object.keys(pkg)).toEqual(expect.arrayContaining(['test.v1.CaseService', 'grpc.health.v1.Health']));
  });
});
