import { HttpException } from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import {
  auditRefusalsBeforeController,
  expressRouteResolver,
  refusalOf,
  refuseInvalidUtf8,
  refuseUnsafeInput,
  requireJsonBody,
  type EarlyRefusal,
  type RouteResolver,
} from './request-refusals';

const CASE = '0b6d3c1e-7f2a-4c1e-9a4b-2f6e8d9c1a2b';

function request(over: { method?: string; path?: string; headers?: Record<string, string>; body?: unknown } = {}): Request {
  return { method: over.method ?? 'POST', path: over.path ?? `/v1/cases/${CASE}/claim`, headers: over.headers ?? {}, body: over.body, ip: '10.0.0.7' } as unknown as Request;
}
const response = (requestId = 'rid-1') => ({ getHeader: (name: string) => (name === 'x-request-id' ? requestId : undefined) }) as unknown as Response;

/** What a middleware passed to next(): undefined = went on, else the error. */
function nextOf(run: (next: NextFunction) => void): unknown {
  let passed: unknown = 'not called';
  run(((e?: unknown) => {
    passed = e;
  }) as NextFunction);
  return passed;
}
const bodyOf = (e: unknown) => (e as HttpException).getResponse();

/** body-parser's errors, as http-errors builds them (status, type, expose; the body is kept on them). */
const parserError = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), { expose: true, body: '{"name":"张三"', ...props });

/** Routes as the services' controllers register them. */
const routes: RouteResolver = (method, path) =>
  method === 'POST' && path === `/v1/cases/${CASE}/claim` ? { route: '/v1/cases/:caseId/claim', params: { caseId: CASE } } : undefined;

describe('the body stage: JSON only', () => {
  it('lets a JSON body through (also +json types and a charset), and a request without a body whatever it names', () => {
    expect(nextOf((n) => requireJsonBody(request({ headers: { 'content-type': 'application/json', 'content-length': '2' } }), response(), n))).toBeUndefined();
    expect(nextOf((n) => requireJsonBody(request({ headers: { 'content-type': 'application/merge-patch+json; charset=utf-8', 'content-length': '2' } }), response(), n))).toBeUndefined();
    expect(nextOf((n) => requireJsonBody(request({ headers: { 'content-type': 'text/plain', 'content-length': '0' } }), response(), n))).toBeUndefined();
    expect(nextOf((n) => requireJsonBody(request({ headers: {} }), response(), n))).toBeUndefined();
  });

  it('refuses any other body with 415 UNSUPPORTED_MEDIA_TYPE: a form (which input safety would not see), text, none named', () => {
    const form = nextOf((n) => requireJsonBody(request({ headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '12' } }), response(), n));
    expect((form as HttpException).getStatus()).toBe(415);
    expect(bodyOf(form)).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'the request body must be JSON (content-type: application/json); not application/x-www-form-urlencoded',
    });
    const chunked = nextOf((n) => requireJsonBody(request({ headers: { 'transfer-encoding': 'chunked' } }), response(), n));
    expect(bodyOf(chunked)).toMatchObject({ statusCode: 415, message: 'the request body must be JSON (content-type: application/json); none was named' });
  });
});

describe('the body stage: hostile input (input-safety.ts) answered with our error body', () => {
  it('names the fields with text Postgres cannot store: 400 UNSAFE_TEXT with the field errors', () => {
    const e = nextOf((n) => refuseUnsafeInput(request({ body: { title: 'a\u0000b', ok: '好' } }), response(), n));
    expect(bodyOf(e)).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', code: 'UNSAFE_TEXT', errors: [{ field: 'title', messages: ['title contains a NUL character'] }] });
  });

  it('refuses a body nested past the bound: 400 BODY_TOO_DEEP; lets ordinary bodies through', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(bodyOf(nextOf((n) => refuseUnsafeInput(request({ body: deep }), response(), n)))).toMatchObject({ statusCode: 400, code: 'BODY_TOO_DEEP' });
    expect(nextOf((n) => refuseUnsafeInput(request({ body: { title: '供暖' } }), response(), n))).toBeUndefined();
  });

  it('refuses bytes that are not UTF-8 as the parser reads them', () => {
    expect(() => refuseInvalidUtf8(request(), response(), Buffer.from([0xb9, 0xa9]))).toThrow('the request body is not valid UTF-8');
    expect(() => refuseInvalidUtf8(request(), response(), Buffer.from('{"a":"供"}'))).not.toThrow();
  });
});

describe("body-parser's refusals become our error body with a code", () => {
  it.each([
    ['entity.too.large', 413, 'PAYLOAD_TOO_LARGE', 'the request body is larger than the limit of 102400 bytes', parserError('request entity too large', { status: 413, type: 'entity.too.large', limit: 102400 })],
    ['charset.unsupported', 415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported charset "LATIN1"', parserError('unsupported charset "LATIN1"', { status: 415, type: 'charset.unsupported' })],
    ['encoding.unsupported', 415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported content encoding "zz"', parserError('unsupported content encoding "zz"', { status: 415, type: 'encoding.unsupported' })],
    ['entity.parse.failed', 400, 'MALFORMED_JSON', 'Unexpected end of JSON input', Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400, type: 'entity.parse.failed', body: '{"a":' })],
    ['encoding.invalid', 400, 'INVALID_UTF8', 'the request body is not valid UTF-8', parserError('the request body is not valid UTF-8', { status: 400, type: 'encoding.invalid' })],
    ['request.size.invalid', 400, 'BODY_UNREADABLE', 'request size did not match content length', parserError('request size did not match content length', { status: 400, type: 'request.size.invalid' })],
  ])('%s → %i %s', (_type, status, code, message, err) => {
    const refusal = refusalOf(err) as HttpException;
    expect(refusal.getStatus()).toBe(status);
    expect(refusal.getResponse()).toMatchObject({ statusCode: status, code, message });
  });

  it('a fault of ours (no 4xx status) stays what it is', () => {
    expect(refusalOf(new Error('stream encoding should not be set'))).toBeUndefined();
    expect(refusalOf(Object.assign(new Error('x'), { status: 500, type: 'stream.encoding.set' }))).toBeUndefined();
  });
});

describe('refusals before the controller are audited (fake sink)', () => {
  const setup = (sink?: (r: EarlyRefusal) => Promise<void>) => {
    const rows: EarlyRefusal[] = [];
    const logged: unknown[] = [];
    const middleware = auditRefusalsBeforeController({
      sink: sink === undefined ? { refusedBeforeController: async (r) => void rows.push(r) } : { refusedBeforeController: sink },
      resolveRoute: routes,
      logger: { error: ((o: unknown) => void logged.push(o)) as never },
    });
    const run = (err: unknown, req: Request) =>
      new Promise<unknown>((resolve) => {
        middleware(err, req, response(), ((e?: unknown) => resolve(e)) as NextFunction);
      });
    return { rows, logged, run };
  };

  it('a 413 on a route: one row with the route template, its case, the credential headers, status and code — and the answer goes on', async () => {
    const { rows, run } = setup();
    const err = parserError('request entity too large', { status: 413, type: 'entity.too.large', limit: 1024 });
    const answer = await run(err, request({ headers: { authorization: 'Bearer hy_abc_secret', 'content-type': 'application/json' } }));
    expect((answer as HttpException).getStatus()).toBe(413);
    expect(rows).toEqual([
      { method: 'POST', action: 'POST /v1/cases/:caseId/claim', params: { caseId: CASE }, authorization: 'Bearer hy_abc_secret', apiKey: undefined, requestId: 'rid-1', remoteAddress: '10.0.0.7', status: 413, code: 'PAYLOAD_TOO_LARGE' },
    ]);
  });

  it('never the body: a malformed body with personal data leaves only the code', async () => {
    const { rows, run } = setup();
    await run(Object.assign(new SyntaxError('Unexpected token 张 in JSON'), { status: 400, type: 'entity.parse.failed', body: '{"name":"张三","phone":"13812345678"' }), request());
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/张|13812345678|Unexpected/);
    expect(rows[0]).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
  });

  it('hostile input: the names of the fields at fault, made storable (a NUL in a field name) and masked', async () => {
    const { rows, run } = setup();
    const e = nextOf((n) => refuseUnsafeInput(request({ body: { 'a\u0000b': 'x', phone13812345678: '\ud800' } }), response(), n));
    await run(e, request());
    expect(rows[0]).toMatchObject({ status: 400, code: 'UNSAFE_TEXT', fields: ['a\uFFFDb', 'phone138****5678'] });
  });

  it('a path no route matches is recorded masked; a 415 on it too', async () => {
    const { rows, run } = setup();
    const e = nextOf((n) => requireJsonBody(request({ path: '/v1/people/13812345678', headers: { 'content-length': '3', 'content-type': 'text/plain' } }), response(), n));
    await run(e, request({ path: '/v1/people/13812345678' }));
    expect(rows[0]).toMatchObject({ action: 'POST /v1/people/138****5678', params: {}, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('reads are not audited (as with the guard); a fault of ours is audited as a 500 and passed on unchanged', async () => {
    const { rows, run } = setup();
    const err = parserError('too large', { status: 413, type: 'entity.too.large', limit: 1 });
    expect((await run(err, request({ method: 'GET' })) as HttpException).getStatus()).toBe(413);
    expect(rows).toEqual([]);
    const fault = new Error('stream encoding should not be set');
    expect(await run(fault, request())).toBe(fault);
    expect(rows).toEqual([expect.objectContaining({ status: 500, code: 'INTERNAL_ERROR' })]);
  });

  it('an audit that fails is logged and does not change the answer', async () => {
    const { logged, run } = setup(async () => {
      throw new Error('audit database down');
    });
    const answer = await run(parserError('x', { status: 415, type: 'charset.unsupported' }), request());
    expect((answer as HttpException).getStatus()).toBe(415);
    expect(logged).toEqual([expect.objectContaining({ audit: { action: 'POST /v1/cases/:caseId/claim', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' } })]);
  });
});

describe('the route a refused request would have reached (express router, no server)', () => {
  const app = express();
  const handler = (_req: Request, res: Response) => void res.end();
  app.post('/v1/cases/:caseId/claim', handler);
  app.post('/v1/hotline/work-orders\\:batch', handler);
  app.get('/v1/cases/:caseId', handler);
  const resolve = expressRouteResolver(app);

  it('names the template and parameters of the route for that method', () => {
    expect(resolve('POST', `/v1/cases/${CASE}/claim`)).toEqual({ route: '/v1/cases/:caseId/claim', params: { caseId: CASE } });
    expect(resolve('POST', '/v1/hotline/work-orders:batch')).toEqual({ route: '/v1/hotline/work-orders\\:batch', params: {} });
  });

  it('none for another method, an unknown path, or a parameter that does not decode', () => {
    expect(resolve('POST', `/v1/cases/${CASE}`)).toBeUndefined();
    expect(resolve('DELETE', `/v1/cases/${CASE}/claim`)).toBeUndefined();
    expect(resolve('POST', '/v1/cases/%E0%A4%A/claim')).toBeUndefined();
  });
});
