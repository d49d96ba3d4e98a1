// Input that is merely hostile gets a 400 naming the problem and stores nothing, on every service (issue 14): a NUL
// character or an unpaired surrogate in any string, JSON nested 10,000 levels, a body that is not valid UTF-8.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import { authHeaders, pg, urls } from './support';

async function post(url: string, body: string | Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: authHeaders({ 'content-type': 'application/json' }), body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const caseId = '00000000-0000-4000-8000-000000000000';
/** One state-changing route per service. */
const ROUTES = {
  intake: `${urls.intake}/v1/reports`,
  routing: `${urls.routing}/v1/disclosure-applications/${caseId}/review`,
  assessment: `${urls.assessment}/v1/cases/${caseId}/assessments`,
  publication: `${urls.publication}/v1/cases/${caseId}/responses`,
  ledger: `${urls.ledger}/v1/cases/${caseId}/follow-ups`,
};

describe('hostile input on every service', () => {
  let db: PgClient;
  beforeAll(async () => {
    db = await pg();
  });
  afterAll(async () => {
    await db?.end();
  });

  it.each(Object.entries(ROUTES))('%s: NUL, unpaired surrogate, 10,000 levels and invalid UTF-8 are 400s', async (_service, url) => {
    const nul = await post(url, JSON.stringify({ title: 'a\u0000b' }));
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ field: 'title', messages: ['title contains a NUL character'] }]);
    const surrogate = await post(url, `{"note":{"text":"x\\ud800"}}`);
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors).toEqual([{ field: 'note.text', messages: ['note.text contains an unpaired surrogate (not valid Unicode text)'] }]);
    const deep = await post(url, `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect([400, 413]).toContain(deep.status);
    const gbk = await post(url, Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xb9, 0xa9, 0xc5, 0xaf]), Buffer.from('"}')]));
    expect(gbk.status).toBe(400);
    expect(gbk.body.message).toBe('the request body is not valid UTF-8');
  });

  it('a report with a NUL character stores nothing', async () => {
    const sourceRef = `hostile:${randomUUID()}`;
    const res = await post(ROUTES.intake, JSON.stringify({ channel: 'weibo', title: '标题\u0000', content: '内容', occurredAt: '2026-11-20T08:30:00+08:00', location: { district: '城关区', township: '东风街道' }, sourceRef }));
    expect(res.status).toBe(400);
    expect((await db.query('SELECT count(*)::int AS n FROM intake.reports WHERE source_ref = $1', [sourceRef])).rows[0].n).toBe(0);
  });
});
