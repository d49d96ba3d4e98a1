import type { FoldableEvent } from '../cases/case-fold';
import { hotlineReplies, replyKind, replyResult } from './hotline-replies';

let seq = 0;
const ev = (change: string, stage: string, at: string, detail: Record<string, unknown> = {}): FoldableEvent => ({
  sequence: ++seq, change, stage, grade: 'general', department: 'housing_urban_rural', occurredAt: new Date(at), detail,
});

describe('replies to the 12345 platform', () => {
  beforeEach(() => (seq = 0));

  it('a response (first: stage responded; later: change response) and the closure call for a reply; nothing else does', () => {
    expect(replyKind({ change: 'stage', stage: 'responded' })).toBe('response');
    expect(replyKind({ change: 'response', stage: 'follow_up' })).toBe('response');
    expect(replyKind({ change: 'stage', stage: 'closed' })).toBe('closure');
    for (const [change, stage] of [['stage', 'claimed'], ['follow_up', 'follow_up'], ['escalation', 'closed'], ['stage', 'evaluated'], ['report_grouped', 'routed']]) {
      expect(replyKind({ change: change as string, stage: stage as string })).toBeNull();
    }
  });

  it('says what was published where and when (Beijing time), or the resolution', () => {
    expect(replyResult('response', { publishedAt: '2026-11-20T09:30:00.000Z', channel: 'weibo', form: 'clarification_rebuttal' })).toBe(
      '已回应（2026-11-20 17:30 北京时间），发布渠道：weibo，形式：clarification_rebuttal',
    );
    expect(replyResult('response', {})).toBe('已回应');
    expect(replyResult('closure', { resolution: '已修复路灯。' })).toBe('已修复路灯。');
    expect(replyResult('closure', {})).toBe('已办结');
  });

  it('every 12345 order of the case gets one reply per response and closure, in sequence order; other reports get none', () => {
    const events = [
      ev('stage', 'collected', '2026-11-20T01:00:00Z', { channel: 'weibo' }),
      ev('stage', 'routed', '2026-11-20T01:00:01Z'),
      ev('stage', 'responded', '2026-11-20T09:30:00Z', { publishedAt: '2026-11-20T09:30:00Z', channel: 'portal' }),
      ev('stage', 'closed', '2026-11-21T02:00:00Z', { resolution: '已澄清。' }),
    ];
    const orders = [
      { reportId: 'r1', sourceRef: 'weibo:abc' },
      { reportId: 'r2', sourceRef: '12345:GD1' },
      { reportId: 'r3', sourceRef: '12345:GD2' },
    ];
    const replies = hotlineReplies('case-1', orders, [...events].reverse());
    expect(replies.map((r) => [r.orderNo, r.sequence, r.kind, r.reportId])).toEqual([
      ['GD1', 3, 'response', 'r2'], ['GD2', 3, 'response', 'r3'], ['GD1', 4, 'closure', 'r2'], ['GD2', 4, 'closure', 'r3'],
    ]);
    expect(replies[2]).toEqual({
      orderNo: 'GD1', sequence: 4, kind: 'closure', caseId: 'case-1', reportId: 'r2', stage: 'closed', handlingUnit: 'housing_urban_rural', result: '已澄清。', repliedAt: '2026-11-21T02:00:00.000Z',
    });
    expect(hotlineReplies('case-1', [{ reportId: 'r1', sourceRef: 'weibo:abc' }], events)).toEqual([]);
  });
});
