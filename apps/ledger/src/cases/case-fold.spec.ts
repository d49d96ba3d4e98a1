import { changeOf, foldCaseHistory, type FoldableEvent } from './case-fold';

let seq = 0;
const ev = (change: string, stage: string, at: string, detail: Record<string, unknown> = {}, grade: string | null = 'general'): FoldableEvent => ({
  sequence: ++seq, change, stage, grade, department: 'housing', occurredAt: new Date(at), detail,
});

describe('foldCaseHistory', () => {
  beforeEach(() => (seq = 0));

  it('keeps the due times of the clocks still running: started, claimed, escalated, transferred, ended', () => {
    const due = (events: FoldableEvent[]) => foldCaseHistory(events).pendingClockDue.map((d) => d.toISOString());
    const events = [
      ev('stage', 'collected', '2026-11-20T00:00:00Z', { channel: 'weibo' }),
      ev('stage', 'routed', '2026-11-20T00:00:01Z', {
        clocks: [
          { id: 'claim#1', clock: 'claim', status: 'pending', dueAt: '2026-11-20T02:00:01Z' },
          { id: 'response#1', clock: 'response', status: 'awaiting_claim', dueAt: null },
          { id: 'release#1', clock: 'release', status: 'met', dueAt: '2026-11-20T01:00:00Z' },
        ],
      }),
    ];
    expect(due(events)).toEqual(['2026-11-20T02:00:01.000Z']);
    // the claim meets its clock and starts the one that counts from it
    events.push(ev('stage', 'claimed', '2026-11-20T01:00:00Z', { clockId: 'claim#1', startedClocks: [{ id: 'response#1', clock: 'response', dueAt: '2026-11-22T01:00:00Z' }] }));
    expect(due(events)).toEqual(['2026-11-22T01:00:00.000Z']);
    // a transfer supersedes the claim clocks and gives the new lead its own
    events.push(ev('stage', 'routed', '2026-11-20T03:00:00Z', { type: 'transfer', claimClock: { id: 'claim#2', dueAt: '2026-11-20T05:00:00Z' } }));
    expect(due(events)).toEqual(['2026-11-20T05:00:00.000Z', '2026-11-22T01:00:00.000Z']);
    // an escalated clock is overdue, no longer due
    events.push(ev('escalation', 'routed', '2026-11-20T05:00:01Z', { clockId: 'claim#2', level: 1 }));
    expect(due(events)).toEqual(['2026-11-22T01:00:00.000Z']);
    events.push(ev('stage', 'closed', '2026-11-21T00:00:00Z', {}));
    expect(due(events)).toEqual([]);
  });

  it('keeps every channel the case\'s reports came through, once each, first-heard order; the channel stays the first', () => {
    const f = foldCaseHistory([
      ev('stage', 'collected', '2026-11-20T01:00:00Z', { channel: 'weibo' }),
      ev('stage', 'routed', '2026-11-20T01:00:01Z', { category: 'housing', clocks: [] }),
      ev('report_grouped', 'routed', '2026-11-20T02:00:00Z', { channel: 'hotline_12345', groupSize: 2 }),
      ev('report_grouped', 'routed', '2026-11-20T03:00:00Z', { channel: 'weibo', groupSize: 3 }),
      ev('response', 'routed', '2026-11-20T04:00:00Z', { channel: 'portal', publishedAt: '2026-11-20T04:00:00Z' }),
    ]);
    expect(f.channel).toBe('weibo');
    expect(f.channels).toEqual(['weibo', 'hotline_12345']); // a response's publication channel is not a report's
  });

  it('takes channel, category, territory and discovery time from the first events', () => {
    const f = foldCaseHistory([
      ev('stage', 'collected', '2026-11-20T01:00:00Z', { channel: 'weibo', discoveredAt: '2026-11-20T08:30:00+08:00' }),
      ev('stage', 'routed', '2026-11-20T01:00:01Z', { category: 'housing', territory: '城关区/东风街道', clocks: [] }),
      ev('report_grouped', 'routed', '2026-11-20T02:00:00Z', { channel: 'hotline_12345', groupSize: 3 }),
    ]);
    expect(f).toMatchObject({ channel: 'weibo', category: 'housing', territory: '城关区/东风街道', discoveredAt: new Date('2026-11-20T00:30:00Z'), reportCount: 3, overdue: false });
  });

  it('says whether the discovery time is the channel\'s or the receipt time (null for cases from before)', () => {
    const channel = foldCaseHistory([ev('stage', 'collected', '2026-11-20T01:00:00Z', { discoveredAt: '2026-11-20T00:40:00Z', discoveredAtSource: 'channel' })]);
    expect(channel).toMatchObject({ discoveredAt: new Date('2026-11-20T00:40:00Z'), discoveredAtSource: 'channel' });
    seq = 0;
    expect(foldCaseHistory([ev('stage', 'collected', '2026-11-20T01:00:00Z', { discoveredAt: '2026-11-20T01:00:00Z', discoveredAtSource: 'receipt' })]).discoveredAtSource).toBe('receipt');
    seq = 0;
    expect(foldCaseHistory([ev('stage', 'collected', '2026-11-20T01:00:00Z', { discoveredAt: '2026-11-20T01:00:00Z' })]).discoveredAtSource).toBeNull();
  });

  it('an escalation makes the case overdue until the clock is met; a late response is counted as late', () => {
    const events = [
      ev('stage', 'collected', '2026-11-20T00:00:00Z', { channel: 'weibo' }),
      ev('stage', 'routed', '2026-11-20T00:00:01Z', { clocks: [{ id: 'claim#1', status: 'pending' }, { id: 'response#1', status: 'pending' }] }),
      ev('reminder', 'routed', '2026-11-20T01:00:00Z', { clockId: 'claim#1', label: '1h before' }),
      ev('escalation', 'routed', '2026-11-20T02:00:00Z', { clockId: 'claim#1', level: 1 }),
      ev('escalation', 'routed', '2026-11-20T04:00:00Z', { clockId: 'claim#1', level: 2 }),
    ];
    expect(foldCaseHistory(events)).toMatchObject({ overdue: true, overdueClocks: ['claim#1'], escalationCount: 2, escalationLevel: 2, reminderCount: 1 });
    events.push(ev('stage', 'claimed', '2026-11-20T05:00:00Z', { clockId: 'claim#1', late: true }));
    expect(foldCaseHistory(events)).toMatchObject({ overdue: false, overdueClocks: [] });
    events.push(ev('escalation', 'claimed', '2026-11-22T00:00:02Z', { clockId: 'response#1', level: 1 }));
    events.push(ev('stage', 'responded', '2026-11-22T03:00:00Z', { publishedAt: '2026-11-22T02:59:00Z', late: true, met: [{ clockId: 'response#1', late: true }] }));
    expect(foldCaseHistory(events)).toMatchObject({ overdue: false, responseCount: 1, lateResponseCount: 1, firstResponseAt: new Date('2026-11-22T02:59:00Z') });
    // folded up to an instant: overdue then
    expect(foldCaseHistory(events, new Date('2026-11-20T03:00:00Z'))).toMatchObject({ overdue: true, stage: 'routed' });
  });

  it('a grade change that supersedes an escalated clock, a transfer, and closing end the overdue state; events fold in sequence order', () => {
    const a = [ev('stage', 'routed', '2026-11-20T00:00:00Z'), ev('escalation', 'routed', '2026-11-20T01:00:00Z', { clockId: 'first_release#1', level: 1 })];
    const superseded = ev('assessment', 'routed', '2026-11-20T02:00:00Z', { rearmed: { added: [], superseded: ['first_release#1'] } });
    expect(foldCaseHistory([superseded, ...a]).overdue).toBe(false);
    seq = 10;
    const b = [ev('escalation', 'routed', '2026-11-20T01:00:00Z', { clockId: 'claim#1', level: 1 }), ev('transfer', 'routed', '2026-11-20T02:00:00Z', { type: 'transfer' })];
    expect(foldCaseHistory(b).overdue).toBe(false);
    const c = [ev('escalation', 'follow_up', '2026-11-20T01:00:00Z', { clockId: 'follow_up#2', level: 1 }), ev('stage', 'closed', '2026-11-20T02:00:00Z', { unmetClocks: ['follow_up#2'] })];
    expect(foldCaseHistory(c)).toMatchObject({ overdue: false, overdueClocks: ['follow_up#2'], closedAt: new Date('2026-11-20T02:00:00Z') });
  });

  it('the change of an event: its own field, else the disclosure detail, else a stage change', () => {
    expect(changeOf('escalation', {})).toBe('escalation');
    expect(changeOf(undefined, { change: 'reminder' })).toBe('reminder');
    expect(changeOf(undefined, {})).toBe('stage');
  });
});

describe('foldCaseHistory: the correction window of a disclosure application', () => {
  beforeEach(() => (seq = 0));

  it('a window that passed while the application was only registered is overdue until the office acts on it, then history', () => {
    const events = [
      ev('stage', 'registered', '2026-11-02T01:00:00Z', { channel: 'online' }, null),
      ev('escalation', 'registered', '2026-11-11T16:00:00Z', { clock: 'correction_window', due: '2026-11-11', escalatedTo: 'general_office' }, null),
    ];
    expect(foldCaseHistory(events)).toMatchObject({ overdue: true, overdueClocks: ['correction_window'], escalationCount: 1 });
    events.push(ev('review', 'under_review', '2026-11-12T02:00:00Z', {}, null));
    expect(foldCaseHistory(events)).toMatchObject({ overdue: false, overdueClocks: [], escalationCount: 1 });
  });

  it('the answer clock stays overdue when the office acts after it passed', () => {
    const events = [
      ev('stage', 'registered', '2026-11-02T01:00:00Z', {}, null),
      ev('escalation', 'registered', '2026-12-01T16:00:00Z', { clock: 'answer', due: '2026-12-01' }, null),
      ev('review', 'under_review', '2026-12-02T02:00:00Z', {}, null),
    ];
    expect(foldCaseHistory(events)).toMatchObject({ overdue: true, overdueClocks: ['answer'] });
  });
});
