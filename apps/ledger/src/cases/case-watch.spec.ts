import { Subject } from 'rxjs';
import type { Logger } from 'pino';
import type { Caller } from '@huiying/access';
import type { CaseStageChangedV1, EventEnvelope } from '@huiying/contracts';
import { bulletinNoticeEnvelope, type BulletinNotice } from './bulletin-notice';
import type { CaseEventHub } from './case-event-hub';
import { caseFactsOf, type CaseRepository, type CaseRow, type HistoryRow, type StoredBulletinNotice } from './case.repository';
import { CaseService } from './case.service';

// WatchCaseEvents with 通报 events (change bulletin_notice, sequence 0): they pass the case stream by event id, not by
// sequence, and reach a department stream like any event.
const CASE = '6f0d7c43-3a1e-4b8e-9a52-0c8f2b1d9e01';
const EDU = 'education_bureau';
const supervisor: Caller = { systemId: 'sup', keyId: 'k', kind: 'supervisor', department: null, jurisdiction: '*', scopes: ['read'], rateLimitPerMinute: 600 };
const education: Caller = { ...supervisor, systemId: 'edu', kind: 'department', department: EDU };

const row = {
  case_id: CASE, kind: 'opinion', stage: 'claimed', department: EDU, cc_departments: [], co_departments: [], grade: 'general', jurisdiction: 'seed-city',
  last_sequence: 2, created_at: new Date('2026-11-20T02:00:00Z'), updated_at: new Date('2026-11-20T04:00:00Z'),
} as unknown as CaseRow;

const history = (sequence: number, stage: string, change = 'stage'): HistoryRow => ({
  caseId: CASE, sequence, eventId: `${CASE}:${sequence}`, change, stage, previousStage: null, department: EDU, grade: 'general',
  occurredAt: new Date(Date.UTC(2026, 10, 20, sequence)), detail: {},
});

const notice = (bulletinId: string, at: string): StoredBulletinNotice => ({
  caseId: CASE, bulletinId, kind: 'monthly', period: '2026-11', revision: 1, jurisdiction: 'seed-city', title: '月报', clock: 'response', lateSeconds: 43_200,
  department: EDU, publishedAt: at,
});

const liveEvent = (sequence: number, stage: string): EventEnvelope<CaseStageChangedV1> => ({
  specversion: '1.0', datacontenttype: 'application/json', id: `${CASE}:${sequence}`, type: 'huiying.case.stage.changed.v1', source: '/test', time: '2026-11-21T00:00:00.000Z', subject: CASE,
  data: { caseId: CASE, kind: 'opinion', sequence, stage, previousStage: 'claimed', department: EDU, ccDepartments: [], grade: 'general', jurisdiction: 'seed-city', occurredAt: '2026-11-21T00:00:00.000Z', detail: {} },
});

function setUp(stored: StoredBulletinNotice[]) {
  const events$ = new Subject<EventEnvelope<CaseStageChangedV1>>();
  const hub = { events$, recent: () => [] } as unknown as CaseEventHub;
  const repo = {
    findCase: async () => ({ row: { caseId: CASE, kind: 'opinion', jurisdiction: 'seed-city' }, case: row, history: [history(1, 'collected'), history(2, 'claimed')] }),
    noticesOf: async () => stored,
  } as unknown as CaseRepository;
  const service = new CaseService(repo, hub, { info: () => undefined } as unknown as Logger);
  return { events$, service };
}

const settle = () => new Promise((r) => setImmediate(r));
const liveNotice = (n: BulletinNotice) => bulletinNoticeEnvelope(n, caseFactsOf(row));

describe('WatchCaseEvents and 通报 events', () => {
  it('a case stream sends the history, then the stored notices (whatever afterSequence), then live events; each notice once', async () => {
    const first = notice('11111111-1111-4111-8111-111111111111', '2026-12-01T00:00:05.000Z');
    const { events$, service } = setUp([first]);
    const got: string[] = [];
    const sub = service.watch({ caseId: CASE, afterSequence: 1 }, supervisor).subscribe((e) => got.push(`${e.data.sequence}:${e.data.change ?? 'stage'}:${e.id}`));
    await settle();
    expect(got).toEqual([`2:stage:${CASE}:2`, `0:bulletin_notice:bulletin:${first.bulletinId}:${CASE}:response`]);

    // the live copy of the stored notice is not sent again; a new bulletin's notice and a later sequence are
    const second = notice('22222222-2222-4222-8222-222222222222', '2027-01-01T00:00:05.000Z');
    events$.next(liveNotice(first));
    events$.next(liveNotice(second));
    events$.next(liveEvent(3, 'responded'));
    events$.next(liveEvent(3, 'responded'));
    expect(got.slice(2)).toEqual([`0:bulletin_notice:bulletin:${second.bulletinId}:${CASE}:response`, `3:stage:${CASE}:3`]);
    sub.unsubscribe();
  });

  it('a notice published while the stored history is read arrives once, after the history', async () => {
    const first = notice('11111111-1111-4111-8111-111111111111', '2026-12-01T00:00:05.000Z');
    const { events$, service } = setUp([first]);
    const got: number[] = [];
    const sub = service.watch({ caseId: CASE }, supervisor).subscribe((e) => got.push(e.data.sequence));
    events$.next(liveNotice(first)); // buffered while replaying: it is in the store too
    await settle();
    expect(got).toEqual([1, 2, 0]);
    sub.unsubscribe();
  });

  it('a department stream gets the notice naming the department, live', async () => {
    const { events$, service } = setUp([]);
    const got: string[] = [];
    const sub = service.watch({ department: EDU }, education).subscribe((e) => got.push(e.data.change ?? 'stage'));
    events$.next(liveNotice(notice('33333333-3333-4333-8333-333333333333', '2027-01-01T00:00:05.000Z')));
    events$.next(bulletinNoticeEnvelope({ ...notice('44444444-4444-4444-8444-444444444444', '2027-01-01T00:00:05.000Z'), department: 'housing_urban_rural' }, { ...caseFactsOf(row), department: 'housing_urban_rural' }));
    expect(got).toEqual(['bulletin_notice']);
    sub.unsubscribe();
  });
});
