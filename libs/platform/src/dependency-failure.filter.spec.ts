import type { ArgumentsHost } from '@nestjs/common';
import { BadRequestException } from '@nestjs/common';
import type { Logger } from 'pino';
import { DependencyFailureFilter } from './dependency-failure.filter';

function host() {
  const res = { headersSent: false, headers: {} as Record<string, string>, statusCode: 0, body: undefined as unknown };
  const response = {
    get headersSent() {
      return res.headersSent;
    },
    setHeader: (n: string, v: string) => void (res.headers[n] = v),
    status: (s: number) => ({ json: (b: unknown) => void ((res.statusCode = s), (res.body = b)) }),
  };
  const h = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'POST', path: '/v1/reports' }) }),
    getArgByIndex: (i: number) => [{ method: 'POST', path: '/v1/reports' }, response][i],
    getArgs: () => [{}, response],
  } as unknown as ArgumentsHost;
  return { h, res };
}

describe('DependencyFailureFilter', () => {
  const replies: { body: unknown; status: number }[] = [];
  const adapter = { isHeadersSent: () => false, reply: (_r: unknown, body: unknown, status: number) => void replies.push({ body, status }), end: () => undefined };
  const warnings: unknown[] = [];
  const logger = { warn: (o: unknown) => void warnings.push(o), error: () => undefined } as unknown as Logger;
  const filter = new DependencyFailureFilter(adapter as never, logger);
  beforeEach(() => ((replies.length = 0), (warnings.length = 0)));

  it('a database that is down (pg connection error, SQLSTATE 57P01) is a 503 DEPENDENCY_UNAVAILABLE with Retry-After', () => {
    for (const error of [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })]) {
      const { h, res } = host();
      filter.catch(error, h);
      expect(res).toMatchObject({ statusCode: 503, headers: { 'Retry-After': '5' }, body: { statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE' } });
    }
    expect(replies).toEqual([]);
  });

  it('the message is masked in the log (personal data in a driver message)', () => {
    const { h } = host();
    filter.catch(Object.assign(new Error('Connection terminated unexpectedly while storing 13912345678'), {}), h);
    expect(JSON.stringify(warnings)).not.toContain('13912345678');
  });

  it('any other error stays Nest\'s: an unknown error is a 500, an HttpException keeps its status', () => {
    filter.catch(new TypeError("Cannot read properties of undefined (reading 'district')"), host().h);
    filter.catch(new BadRequestException('bad'), host().h);
    expect(replies.map((r) => r.status)).toEqual([500, 400]);
  });
});
