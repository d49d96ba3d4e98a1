import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IssueApiKeyDto, RevokeApiKeyDto } from './access.dto';

async function errorsOf<T extends object>(cls: new () => T, body: Record<string, unknown>): Promise<[string, string[]][]> {
  const errors = await validate(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true });
  return errors.map((e) => [e.property, Object.values(e.constraints ?? {})]);
}

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('a key is never issued expired (issue 14)', () => {
  it('refuses an expiresAt in the past or now on that field, with the reason', async () => {
    expect(await errorsOf(IssueApiKeyDto, { expiresAt: '2020-01-01T00:00:00+08:00' })).toEqual([
      ['expiresAt', ['expiresAt 2020-01-01T00:00:00+08:00 is not in the future: a key would be issued expired (send none for a key that works until revoked)']],
    ]);
    expect((await errorsOf(IssueApiKeyDto, { expiresAt: inMs(0) })).map(([f]) => f)).toEqual(['expiresAt']);
  });

  it('takes an expiry in the future, or none', async () => {
    expect(await errorsOf(IssueApiKeyDto, { expiresAt: inMs(60_000) })).toEqual([]);
    expect(await errorsOf(IssueApiKeyDto, {})).toEqual([]);
  });

  it('a malformed expiresAt is a format error only', async () => {
    expect(await errorsOf(IssueApiKeyDto, { expiresAt: 'yesterday' })).toEqual([
      ['expiresAt', ['expiresAt must be an ISO 8601 date-time with an offset, e.g. 2026-01-01T00:00:00+08:00']],
    ]);
  });
});

describe('a rotation grace ends in the future', () => {
  it('refuses an `at` that has passed (revoking now is a body without `at`)', async () => {
    expect(await errorsOf(RevokeApiKeyDto, { at: '2020-01-01T00:00:00Z' })).toEqual([
      ['at', ['at 2020-01-01T00:00:00Z is not in the future: a grace that has ended would be recorded as an expiry in the past (send no `at` to revoke now)']],
    ]);
    expect(await errorsOf(RevokeApiKeyDto, { at: inMs(3_600_000) })).toEqual([]);
    expect(await errorsOf(RevokeApiKeyDto, {})).toEqual([]);
  });
});
