import { ANNUAL_REPORT_RESULT_CODES, REPLY_TYPES } from '@huiying/contracts';
import { allDecisionPairs, cite, LEGAL_BASIS, legalBasisOf, REMEDIES, WITHHELD_GROUNDS } from './legal-basis';

describe('legal basis table (政府信息公开条例 2019)', () => {
  it('answers every (reply type, result code) a decision can record', () => {
    for (const { replyType, resultCode } of allDecisionPairs()) {
      const e = legalBasisOf(replyType, resultCode);
      expect(e.articles.length).toBeGreaterThan(0);
      expect(e.decisionZh).not.toHaveLength(0);
    }
    for (const t of REPLY_TYPES) expect(LEGAL_BASIS.some((e) => e.replyType === t)).toBe(true);
  });

  it.each([
    ['already_public', 'disclosed', '第三十六条第（一）项'],
    ['disclosed', 'disclosed', '第三十六条第（二）项'],
    ['partly_disclosed', 'partly_disclosed', '第三十七条'],
    ['does_not_exist', 'unavailable.not_held', '第三十六条第（四）项'],
    ['does_not_exist', 'unavailable.requires_creation', '第三十八条'],
    ['does_not_exist', 'unavailable.unclear_after_correction', '第三十条'],
    ['not_this_agency', 'unavailable.not_held', '第三十六条第（五）项'],
    ['duplicate', 'not_processed.duplicate', '第三十六条第（六）项'],
    ['special_law', 'other.other', '第三十六条第（七）项'],
    ['not_disclosure_application', 'not_processed.complaint_petition_report', '第三十九条第一款'],
    ['not_disclosure_application', 'not_processed.publication', '第三十九条第二款'],
    ['not_disclosure_application', 'not_processed.excessive', '第三十五条'],
  ] as const)('%s counted as %s cites %s first', (replyType, resultCode, article) => {
    expect(legalBasisOf(replyType, resultCode).articles[0]).toBe(article);
  });

  it.each([
    ['withheld.state_secret', '第十四条'],
    ['withheld.prohibited_by_law', '第十四条'],
    ['withheld.security_stability', '第十四条'],
    ['withheld.third_party_rights', '第十五条'],
    ['withheld.internal_affairs', '第十六条第一款'],
    ['withheld.process_information', '第十六条第二款'],
    ['withheld.law_enforcement_files', '第十六条第二款'],
  ] as const)('not disclosed because %s: 第三十六条第（三）项 and %s', (code, article) => {
    const e = legalBasisOf('not_disclosed', code);
    expect(e.articles[0]).toBe('第三十六条第（三）项');
    expect(e.articles).toContain(article);
    expect(WITHHELD_GROUNDS[code]?.articles).toContain(article);
  });

  it('every 不予公开 and 无法提供 code has grounds for a withheld part', () => {
    for (const code of ANNUAL_REPORT_RESULT_CODES.filter((c) => c.startsWith('withheld.') || c.startsWith('unavailable.'))) {
      expect(WITHHELD_GROUNDS[code]).toBeDefined();
    }
  });

  it('remedies: reconsideration within 60 days, litigation within 6 months (条例第五十一条)', () => {
    expect(REMEDIES).toMatchObject({ articles: ['第五十一条'] });
    expect(cite(['第三十六条第（二）项'])).toBe('《中华人民共和国政府信息公开条例》第三十六条第（二）项');
  });

  it('refuses a pair the table does not know rather than citing a wrong article', () => {
    expect(() => legalBasisOf('not_disclosed', 'disclosed')).toThrow('no legal basis');
  });
});
