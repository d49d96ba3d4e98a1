import {
  caseFeatures,
  gradeForScore,
  gradeOpinionCase,
  matchLexicon,
  OPINION_GRADING_MODEL_2026_1 as MODEL,
  SENSITIVE_LEXICON_2026_1,
  type CaseFeatures,
  type ReportSignal,
} from './opinion-grading';

const base: CaseFeatures = {
  reports: 1,
  channels: ['weibo'],
  reportsInGrowthWindow: 1,
  mediaInvolved: false,
  sensitiveTerms: [],
  casualtyTerms: [],
  districts: ['城关区'],
};
const W = MODEL.weights;

function report(over: Partial<ReportSignal> = {}): ReportSignal {
  return { reportId: 'r', channel: 'weibo', receivedAt: '2026-11-20T08:00:00+08:00', district: '城关区', sensitiveTerms: [], casualtyTerms: [], ...over };
}

describe('gradeOpinionCase: each feature moves the score as documented', () => {
  it('a single ordinary report scores 0: general, low risk, response still due, not sensitive', () => {
    const r = gradeOpinionCase(base);
    expect(r).toMatchObject({ score: 0, grade: 'general', riskLevel: 'low', needsResponse: true, sensitive: false, modelVersion: MODEL.version });
    expect(r.flags).toEqual({ heavyCasualties: false, largeSocialImpact: false });
    expect(Object.values(r.scoreParts).every((v) => v === 0)).toBe(true);
  });

  it('reports: +perExtraReport for each report after the first, capped', () => {
    expect(gradeOpinionCase({ ...base, reports: 3 }).scoreParts.reports).toBe(2 * W.perExtraReport);
    expect(gradeOpinionCase({ ...base, reports: 500 }).scoreParts.reports).toBe(W.maxReports);
  });

  it('channels: +perExtraChannel for each distinct channel after the first, capped', () => {
    expect(gradeOpinionCase({ ...base, channels: ['weibo', 'wechat'] }).scoreParts.channels).toBe(W.perExtraChannel);
    expect(gradeOpinionCase({ ...base, channels: ['a', 'b', 'c', 'd', 'e', 'f'] }).scoreParts.channels).toBe(W.maxChannels);
  });

  it('growth: +perReportInWindow for each report in the window after the first, capped', () => {
    expect(gradeOpinionCase({ ...base, reportsInGrowthWindow: 4 }).scoreParts.growth).toBe(3 * W.perReportInWindow);
    expect(gradeOpinionCase({ ...base, reportsInGrowthWindow: 99 }).scoreParts.growth).toBe(W.maxGrowth);
  });

  it('media involvement adds its weight', () => {
    expect(gradeOpinionCase({ ...base, mediaInvolved: true }).scoreParts.media).toBe(W.media);
  });

  it('sensitive terms: +perSensitiveTerm each, capped; any term makes the case sensitive', () => {
    const one = gradeOpinionCase({ ...base, sensitiveTerms: ['拆迁'] });
    expect(one.scoreParts.sensitive).toBe(W.perSensitiveTerm);
    expect(one.sensitive).toBe(true);
    expect(gradeOpinionCase({ ...base, sensitiveTerms: ['a', 'b', 'c', 'd'] }).scoreParts.sensitive).toBe(W.maxSensitive);
  });

  it('casualties add their weight, reach major on their own and set the heavyCasualties flag', () => {
    const r = gradeOpinionCase({ ...base, casualtyTerms: ['死亡'] });
    expect(r.scoreParts.casualties).toBe(W.casualties);
    expect(r.flags.heavyCasualties).toBe(true);
    expect(r.grade).toBe('major');
    expect(r.riskLevel).toBe('high');
  });

  it('territory: +perExtraDistrict for each district after the first, capped; unknown places add nothing', () => {
    expect(gradeOpinionCase({ ...base, districts: ['城关区', '七里河区'] }).scoreParts.territory).toBe(W.perExtraDistrict);
    expect(gradeOpinionCase({ ...base, districts: ['a', 'b', 'c', 'd', 'e'] }).scoreParts.territory).toBe(W.maxTerritory);
    expect(gradeOpinionCase({ ...base, districts: [] }).scoreParts.territory).toBe(0);
  });

  it('the score is the sum of its parts', () => {
    const r = gradeOpinionCase({ ...base, reports: 4, channels: ['weibo', 'newspaper'], reportsInGrowthWindow: 4, mediaInvolved: true, sensitiveTerms: ['欠薪'] });
    expect(r.score).toBe(Object.values(r.scoreParts).reduce((a, b) => a + b, 0));
    expect(r.score).toBe(3 * W.perExtraReport + W.perExtraChannel + 3 * W.perReportInWindow + W.media + W.perSensitiveTerm);
  });

  it('a very large score flags large social impact (press conference)', () => {
    const r = gradeOpinionCase({ ...base, casualtyTerms: ['死亡'], mediaInvolved: true, sensitiveTerms: ['爆炸'] });
    expect(r.score).toBeGreaterThanOrEqual(MODEL.largeSocialImpactScore);
    expect(r).toMatchObject({ grade: 'especially_major', flags: { heavyCasualties: true, largeSocialImpact: true } });
  });
});

describe('gradeForScore: thresholds', () => {
  it.each([
    [0, 'general'],
    [MODEL.thresholds.significant - 1, 'general'],
    [MODEL.thresholds.significant, 'significant'],
    [MODEL.thresholds.major - 1, 'significant'],
    [MODEL.thresholds.major, 'major'],
    [MODEL.thresholds.especially_major - 1, 'major'],
    [MODEL.thresholds.especially_major, 'especially_major'],
    [1000, 'especially_major'],
  ])('score %i → %s', (score, grade) => expect(gradeForScore(score)).toBe(grade));
});

describe('matchLexicon', () => {
  it('finds sensitive and casualty terms as substrings of Chinese text, each once', () => {
    expect(matchLexicon('某工地强拆引发冲突，一人死亡，另有人员死亡')).toEqual({ sensitive: ['强拆'], casualties: ['死亡'] });
    expect(matchLexicon('小区暖气温度不达标')).toEqual({ sensitive: [], casualties: [] });
  });

  it('the lexicon is versioned data', () => {
    expect(SENSITIVE_LEXICON_2026_1.version).toMatch(/^\d{4}\.\d+$/);
    expect(Object.isFrozen(SENSITIVE_LEXICON_2026_1.sensitive)).toBe(true);
  });
});

describe('caseFeatures', () => {
  it('aggregates counts, distinct channels, growth window, media, lexicon hits and districts', () => {
    const f = caseFeatures([
      report({ reportId: 'a', channel: 'weibo', receivedAt: '2026-11-20T00:00:00+08:00', district: '城关区' }),
      report({ reportId: 'b', channel: 'newspaper', receivedAt: '2026-11-20T07:00:00+08:00', district: '七里河区', sensitiveTerms: ['欠薪'] }),
      report({ reportId: 'c', channel: 'weibo', receivedAt: '2026-11-20T08:00:00+08:00', district: null, casualtyTerms: ['死亡'] }),
    ]);
    expect(f).toEqual({
      reports: 3,
      channels: ['newspaper', 'weibo'],
      reportsInGrowthWindow: 2, // 07:00 and 08:00 are within 6 h of the newest; 00:00 is not
      mediaInvolved: true,
      sensitiveTerms: ['欠薪'],
      casualtyTerms: ['死亡'],
      districts: ['七里河区', '城关区'],
    });
  });
});
