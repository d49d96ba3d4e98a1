import { automaticReportTriggers, retryDelaySeconds, sweepBackoffMs, type TriggerEvent } from './special-report.automatic';

const ev = (change: string, stage: string, grade: string | null = 'general'): TriggerEvent => ({ change, stage, grade });
const opinion = (grade: string | null) => ({ kind: 'opinion', grade });

describe('automatic special reports: which versions a case is owed', () => {
  const routed = [ev('stage', 'collected'), ev('stage', 'routed'), ev('stage', 'claimed')];

  it('a general or significant case is owed none, open or closed', () => {
    expect(automaticReportTriggers(opinion('general'), routed)).toEqual([]);
    expect(automaticReportTriggers(opinion('significant'), [...routed, ev('assessment', 'claimed', 'significant'), ev('stage', 'closed', 'significant')])).toEqual([]);
    expect(automaticReportTriggers(opinion(null), [])).toEqual([]);
  });

  it('graded major or especially major: the first version; closed: the second', () => {
    const major = [...routed, ev('assessment', 'claimed', 'major')];
    expect(automaticReportTriggers(opinion('major'), major)).toEqual(['major']);
    expect(automaticReportTriggers(opinion('especially_major'), [...routed, ev('stage', 'assessed', 'especially_major')])).toEqual(['major']);
    expect(automaticReportTriggers(opinion('major'), [...major, ev('stage', 'responded', 'major'), ev('stage', 'closed', 'major')])).toEqual(['major', 'closed']);
    // 总结评估 comes after the close: still closed
    expect(automaticReportTriggers(opinion('major'), [...major, ev('stage', 'evaluated', 'major')])).toEqual(['major', 'closed']);
  });

  it('major at intake (the grade on the case row, events of before the grade was kept per event): owed', () => {
    expect(automaticReportTriggers(opinion('major'), [ev('stage', 'collected', null)])).toEqual(['major']);
  });

  it('a case downgraded after it was major still had its major moment, and its close is still reported', () => {
    const events = [...routed, ev('assessment', 'claimed', 'major'), ev('assessment', 'claimed', 'significant'), ev('stage', 'closed', 'significant')];
    expect(automaticReportTriggers(opinion('significant'), events)).toEqual(['major', 'closed']);
  });

  it('a close is a stage change: an event that only mentions the stage (an escalation while closed) is not', () => {
    expect(automaticReportTriggers(opinion('major'), [...routed, ev('escalation', 'closed', 'major')])).toEqual(['major']);
  });

  it('disclosure applications are owed none', () => {
    expect(automaticReportTriggers({ kind: 'disclosure', grade: 'major' }, [ev('stage', 'closed', 'major')])).toEqual([]);
  });
});

describe('automatic special reports: retry and back-off', () => {
  it('a failed case waits 15 s, 30 s, 1 min … at most an hour', () => {
    expect([1, 2, 3, 4, 8, 9, 50].map(retryDelaySeconds)).toEqual([15, 30, 60, 120, 1920, 3600, 3600]);
  });

  it('the sweep pauses 1 s, 2 s, 4 s … at most a minute after failed rounds', () => {
    expect([1, 2, 3, 6, 7, 8, 100].map(sweepBackoffMs)).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000, 60_000]);
  });
});
