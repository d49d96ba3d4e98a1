import { groupGrade, type GroupedReport } from './group-grade';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 0, minutes));
const report = (i: number, channel: string, over: Partial<GroupedReport> = {}): GroupedReport => ({
  id: `r${i}`, channel, receivedAt: at(i * 10), district: '城关区', title: '幸福小区暖气不热', content: '幸福小区暖气温度不达标，室内只有十二度。', ...over,
});

describe('grade of a group of reports', () => {
  it('one report, or two through two channels, is general', () => {
    expect(groupGrade([report(0, 'weibo')])).toBe('general');
    expect(groupGrade([report(0, 'weibo'), report(1, 'hotline_12345')])).toBe('general');
  });

  it('a group growing fast through several channels rises: significant, then major', () => {
    const channels = ['weibo', 'hotline_12345', 'wechat', 'portal'];
    expect(groupGrade(Array.from({ length: 4 }, (_, i) => report(i, channels[i % 4])))).toBe('significant');
    expect(groupGrade(Array.from({ length: 8 }, (_, i) => report(i, channels[i % 4])))).toBe('major');
  });

  it('what one report of the group says counts for the group (casualties)', () => {
    expect(groupGrade([report(0, 'weibo'), report(1, 'portal', { content: '小区锅炉房爆炸，造成 2 人死亡。' })])).not.toBe('general');
  });
});
