import { BadRequestException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { status } from '@grpc/grpc-js';
import { IsString, MaxLength } from 'class-validator';
import { asciiJson, decodeBadRequestStatus, FIELD_ERRORS_TRAILER, toGrpcError, validateGrpcRequest } from './grpc';

class Sample {
  @IsString() @MaxLength(3) name!: string;
}

describe('gRPC error mapping', () => {
  it('maps the modules\' HTTP exceptions to gRPC codes, keeping their error code in a trailer', () => {
    const notFound = toGrpcError(new HttpException({ statusCode: 404, code: 'CASE_NOT_FOUND', message: 'case x is not in the ledger' }, 404));
    expect(notFound.code).toBe(status.NOT_FOUND);
    expect(notFound.details).toBe('case x is not in the ledger');
    expect(notFound.metadata?.get('huiying-error-code')).toEqual(['CASE_NOT_FOUND']);
    expect(toGrpcError(new HttpException('dup', HttpStatus.CONFLICT)).code).toBe(status.ALREADY_EXISTS);
    expect(toGrpcError(new HttpException('no', HttpStatus.FORBIDDEN)).code).toBe(status.PERMISSION_DENIED);
    expect(toGrpcError(new HttpException('slow down', HttpStatus.TOO_MANY_REQUESTS)).code).toBe(status.RESOURCE_EXHAUSTED);
    expect(toGrpcError(new NotFoundException()).code).toBe(status.NOT_FOUND);
  });

  it('turns a REST validation 400 into INVALID_ARGUMENT with the same field errors', () => {
    const errors = [{ field: 'title', messages: ['title should not be empty'] }];
    const e = toGrpcError(new BadRequestException({ statusCode: 400, message: 'Validation failed', errors }));
    expect(e.code).toBe(status.INVALID_ARGUMENT);
    expect(JSON.parse(String(e.metadata?.get(FIELD_ERRORS_TRAILER)[0]))).toEqual(errors);
    const rich = decodeBadRequestStatus(e.metadata?.get('grpc-status-details-bin')[0] as Buffer);
    expect(rich).toEqual({ code: status.INVALID_ARGUMENT, message: 'Validation failed', fieldViolations: [{ field: 'title', description: 'title should not be empty' }] });
  });

  it('carries non-ASCII field messages (Chinese, typographic dashes) in the JSON trailer, which metadata allows only as ASCII', () => {
    const errors = [{ field: 'applicant.idDocument.number', messages: ['number must be 4–40 letters, digits or dashes', '证件号码格式不正确'] }];
    const e = toGrpcError(new BadRequestException({ statusCode: 400, message: 'Validation failed', errors }));
    const raw = String(e.metadata?.get(FIELD_ERRORS_TRAILER)[0]);
    expect(raw).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(raw)).toEqual(errors);
    expect(asciiJson({ a: '回应' })).toBe('{"a":"\\u56de\\u5e94"}');
  });

  it('never leaks internal error messages', () => {
    expect(toGrpcError(new Error('password=hunter2 at db'))).toEqual({ code: status.INTERNAL, message: 'internal error', details: 'internal error' });
  });

  it('a dependency that is down (Postgres restarting) is UNAVAILABLE, which clients retry, not INTERNAL', () => {
    const down = toGrpcError(Object.assign(new Error('Connection terminated unexpectedly'), {}));
    expect(down.code).toBe(status.UNAVAILABLE);
    expect(toGrpcError(Object.assign(new Error('the database system is starting up'), { code: '57P03' })).code).toBe(status.UNAVAILABLE);
  });

  it('validates a request with the DTO rules, unknown fields included', async () => {
    await expect(validateGrpcRequest(Sample, { name: 'abc' })).resolves.toEqual({ name: 'abc' });
    const err = await validateGrpcRequest(Sample, { name: 'abcd', extra: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcException);
    const grpcErr = toGrpcError(err);
    expect(grpcErr.code).toBe(status.INVALID_ARGUMENT);
    expect((JSON.parse(String(grpcErr.metadata?.get(FIELD_ERRORS_TRAILER)[0])) as { field: string }[]).map((f) => f.field).sort()).toEqual(['extra', 'name']);
  });
});
