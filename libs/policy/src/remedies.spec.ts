import { PolicyErrorCode } from './policy.exception';
import {
  defineRemediesPolicy,
  REMEDIES_BEFORE_2024,
  REMEDIES_FROM_2024,
  REMEDIES_POLICIES,
  REMEDY_REPLY_TYPES,
  remediesVersionOn,
  replyRemedies,
  thirdPartyOverrideRemedies,
  type RemediesPolicy,
} from './remedies';
import { PolicyRegistry } from './versioned-policy';

const route = (replyType: string, issuedOn: string, hasWithheldParts = false, registry?: PolicyRegistry<RemediesPolicy>) => {
  const r = replyRemedies({ replyType, hasWithheldParts, issuedOn }, registry);
  return [r.policy.version, r.reviewFirst];
};

describe('remedies (救济途径) by the version in force on the letter’s issue date', () => {
  it('has the version before the 2023 行政复议法 and the one from 2024-01-01, each rule with its source as data', () => {
    expect(REMEDIES_POLICIES.versions('cn').map((p) => [p.version, p.effectiveFrom])).toEqual([
      ['cn-remedies-2019', '2019-05-15T00:00:00+08:00'],
      ['cn-remedies-2024', '2024-01-01T00:00:00+08:00'],
    ]);
    expect(REMEDIES_BEFORE_2024).toMatchObject({
      review: { days: 60, source: { document: '《中华人民共和国行政复议法》（2017年修正）', article: '第九条', effectiveFrom: '2018-01-01' } },
      litigation: { months: 6, source: { document: '《中华人民共和国行政诉讼法》', article: '第四十六条', effectiveFrom: '2015-05-01' } },
      reviewFirst: null,
    });
    expect(REMEDIES_FROM_2024).toMatchObject({
      review: { days: 60, source: { document: '《中华人民共和国行政复议法》', article: '第二十条', effectiveFrom: '2024-01-01' } },
      litigationAfterReview: { days: 15, source: { document: '《中华人民共和国行政诉讼法》', article: '第四十五条' } },
      reviewFirst: { source: { document: '《中华人民共和国行政复议法》', article: '第二十三条第一款第（四）项、第二款', effectiveFrom: '2024-01-01' } },
    });
    expect(REMEDIES_FROM_2024.reviewFirst?.note).toContain('解释');
    expect(remediesVersionOn('2023-12-31').version).toBe('cn-remedies-2019');
    expect(remediesVersionOn('2024-01-01').version).toBe('cn-remedies-2024');
  });

  it('不予公开: review or a lawsuit when issued 2023-12-29, review first when issued 2024-01-02', () => {
    expect(route('not_disclosed', '2023-12-29')).toEqual(['cn-remedies-2019', 'none']);
    expect(route('not_disclosed', '2024-01-02')).toEqual(['cn-remedies-2024', 'whole']);
  });

  it('部分公开: review first for the withheld part from 2024 (an interpretation, data), before 2024 review or a lawsuit', () => {
    expect(route('partly_disclosed', '2024-01-02', true)).toEqual(['cn-remedies-2024', 'withheld_part']);
    expect(route('partly_disclosed', '2023-12-29', true)).toEqual(['cn-remedies-2019', 'none']);
    expect(route('partly_disclosed', '2024-01-02', false)).toEqual(['cn-remedies-2024', 'none']);
  });

  it.each(REMEDY_REPLY_TYPES.filter((t) => t !== 'not_disclosed' && t !== 'partly_disclosed'))('%s: review or a lawsuit before and after 2024', (replyType) => {
    expect(route(replyType, '2023-12-29')).toEqual(['cn-remedies-2019', 'none']);
    expect(route(replyType, '2024-01-02')).toEqual(['cn-remedies-2024', 'none']);
  });

  it('a third party told of a disclosure over its objection: review or a lawsuit against that decision, in both versions', () => {
    expect(thirdPartyOverrideRemedies('2023-12-29')).toMatchObject({ policy: { version: 'cn-remedies-2019' }, reviewFirst: 'none' });
    expect(thirdPartyOverrideRemedies('2026-12-03')).toMatchObject({ policy: { version: 'cn-remedies-2024' }, reviewFirst: 'none' });
  });

  it('refuses a reply type no version routes, a malformed issue date and a date before any version', () => {
    expect(() => route('refused', '2026-01-05')).toThrow(expect.objectContaining({ code: PolicyErrorCode.UnknownDecision }));
    expect(() => route('disclosed', '05/01/2026')).toThrow('YYYY-MM-DD');
    expect(() => route('disclosed', '2019-01-01')).toThrow(expect.objectContaining({ code: PolicyErrorCode.NoPolicyInForce }));
  });

  it('a version is checked before it is published: every reply type routed, review first only with the law that requires it', () => {
    const next = (over: Partial<RemediesPolicy>): RemediesPolicy => ({ ...REMEDIES_FROM_2024, version: 'cn-remedies-test', effectiveFrom: '2030-01-01T00:00:00+08:00', ...over });
    expect(() => defineRemediesPolicy(next({ reviewFirst: null }))).toThrow('needs reviewFirst.source');
    const { duplicate: _dropped, ...fewer } = REMEDIES_FROM_2024.replyTypes;
    expect(() => defineRemediesPolicy(next({ replyTypes: fewer as RemediesPolicy['replyTypes'] }))).toThrow('no remedies route for duplicate');
    expect(() => defineRemediesPolicy(next({ review: { ...REMEDIES_FROM_2024.review, days: 0 } }))).toThrow('review.days');
    // a new reading (say counsel extends review first to 无法提供) is a new version, used from its date on
    const wider = defineRemediesPolicy(next({ replyTypes: { ...REMEDIES_FROM_2024.replyTypes, does_not_exist: 'review_first' } }));
    const registry = new PolicyRegistry<RemediesPolicy>([REMEDIES_BEFORE_2024, REMEDIES_FROM_2024, wider]);
    expect(route('does_not_exist', '2029-12-31', false, registry)).toEqual(['cn-remedies-2024', 'none']);
    expect(route('does_not_exist', '2030-01-02', false, registry)).toEqual(['cn-remedies-test', 'whole']);
  });
});
