// 救济途径: the remedies a disclosure reply letter states, as versioned legal data (a letter quotes the version in force
// on its issue date). Pure. Sources: 行政复议法 (2023年修订, 2024-01-01施行) 第二十条, 第二十三条第一款第（四）项 and
// 第二款; 行政诉讼法 第四十五条, 第四十六条; 政府信息公开条例 第五十一条. The scope of 复议前置 beyond 不予公开
// (e.g. the withheld part of 部分公开) is an interpretation, kept as data (reviewFirst) so counsel can change it.
import { PolicyRegistry, publishPolicy, type VersionedPolicy } from './versioned-policy';

/** Where a rule comes from: the document, its article, the date it took effect. */
export interface LegalSource {
  readonly document: string;
  readonly article: string;
  readonly effectiveFrom: string;
}

export interface RemediesPolicy extends VersionedPolicy {
  readonly kind: 'remedies';
  /** Administrative review: within this many days of receiving the letter. */
  readonly review: { readonly days: number; readonly source: LegalSource };
  /** A lawsuit directly: within this many months of receiving the letter. */
  readonly litigation: { readonly months: number; readonly source: LegalSource };
  /** After a review decision: a lawsuit within this many days of receiving the decision. */
  readonly litigationAfterReview: { readonly days: number; readonly source: LegalSource };
  /**
   * 复议前置: decisions that must go to review before any lawsuit, and the letter must say so. null: none (before 2024).
   * `replyTypes`: the whole decision; `withheldParts`: the withheld part of a 部分公开 decision.
   */
  readonly reviewFirst: { readonly replyTypes: readonly string[]; readonly withheldParts: boolean; readonly source: LegalSource; readonly note: string } | null;
  /** 条例第五十一条: the regulation's own remedies article, cited in every letter. */
  readonly regulationArticle: string;
}

const LITIGATION_DIRECT: LegalSource = { document: '《中华人民共和国行政诉讼法》', article: '第四十六条', effectiveFrom: '2015-05-01' };
const LITIGATION_AFTER_REVIEW: LegalSource = { document: '《中华人民共和国行政诉讼法》', article: '第四十五条', effectiveFrom: '2015-05-01' };

/** Before 2024-01-01: review (行政复议法 1999, 第九条: 60 days) or a lawsuit, for every decision. */
export const REMEDIES_BEFORE_2024: RemediesPolicy = publishPolicy<RemediesPolicy>({
  kind: 'remedies',
  jurisdiction: 'cn',
  version: 'cn-remedies-2019',
  effectiveFrom: '2019-05-15T00:00:00+08:00',
  reference: '《中华人民共和国行政复议法》（2017年修正）第九条; 《中华人民共和国行政诉讼法》第四十五条、第四十六条; 《中华人民共和国政府信息公开条例》第五十一条',
  review: { days: 60, source: { document: '《中华人民共和国行政复议法》（2017年修正）', article: '第九条', effectiveFrom: '2018-01-01' } },
  litigation: { months: 6, source: LITIGATION_DIRECT },
  litigationAfterReview: { days: 15, source: LITIGATION_AFTER_REVIEW },
  reviewFirst: null,
  regulationArticle: '第五十一条',
});

/** From 2024-01-01: 复议前置 for 不予公开 (行政复议法 2023 第二十三条第一款第（四）项), told in the decision (第二款). */
export const REMEDIES_FROM_2024: RemediesPolicy = publishPolicy<RemediesPolicy>({
  kind: 'remedies',
  jurisdiction: 'cn',
  version: 'cn-remedies-2024',
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  reference: '《中华人民共和国行政复议法》（2023年修订）第二十条、第二十三条; 《中华人民共和国行政诉讼法》第四十五条、第四十六条; 《中华人民共和国政府信息公开条例》第五十一条',
  review: { days: 60, source: { document: '《中华人民共和国行政复议法》', article: '第二十条', effectiveFrom: '2024-01-01' } },
  litigation: { months: 6, source: LITIGATION_DIRECT },
  litigationAfterReview: { days: 15, source: LITIGATION_AFTER_REVIEW },
  reviewFirst: {
    replyTypes: ['not_disclosed'],
    withheldParts: true,
    source: { document: '《中华人民共和国行政复议法》', article: '第二十三条第一款第（四）项、第二款', effectiveFrom: '2024-01-01' },
    note: '“申请政府信息公开，行政机关不予公开”先行复议。部分公开中不予公开的部分按不予公开处理（司法部2021年指导意见“不予公开（含部分不予公开）”的表述），属解释，可由法制审核调整。',
  },
  regulationArticle: '第五十一条',
});

export const REMEDIES_POLICIES = new PolicyRegistry<RemediesPolicy>([REMEDIES_BEFORE_2024, REMEDIES_FROM_2024]);

export interface RemediesInput {
  readonly replyType: string;
  /** The decision withholds parts (部分公开). */
  readonly hasWithheldParts: boolean;
  /** The letter's issue date (Asia/Shanghai): the version in force then applies. */
  readonly issuedOn: string;
  /** 行政复议机关 and 管辖法院 as the issuing agency configures them. */
  readonly reviewBody: string;
  readonly court: string;
}

export interface RemediesText {
  readonly version: string;
  readonly text: string;
  /** Documents and articles cited, e.g. '《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款'. */
  readonly citations: readonly string[];
  readonly reviewFirst: 'whole' | 'withheld_part' | 'none';
}

const cite = (s: LegalSource) => `${s.document}${s.article}`;

/** The remedies paragraph of a reply letter, under the version in force on its issue date. Pure. */
export function remediesFor(input: RemediesInput, registry: PolicyRegistry<RemediesPolicy> = REMEDIES_POLICIES): RemediesText {
  const p = registry.inForce('cn', `${input.issuedOn}T12:00:00+08:00`);
  const general =
    `可以自收到本告知书之日起${p.review.days}日内向${input.reviewBody}申请行政复议（${cite(p.review.source)}），` +
    `或者自收到本告知书之日起${p.litigation.months}个月内向${input.court}提起行政诉讼（${cite(p.litigation.source)}）`;
  const first = (what: string) =>
    `${what}，应当先向${input.reviewBody}申请行政复议：自收到本告知书之日起${p.review.days}日内提出（${cite(p.review.source)}）；` +
    `对行政复议决定不服的，可以自收到行政复议决定书之日起${p.litigationAfterReview.days}日内向人民法院提起行政诉讼（${cite(p.litigationAfterReview.source)}）`;
  const rf = p.reviewFirst;
  const whole = rf !== null && rf.replyTypes.includes(input.replyType);
  const part = !whole && rf !== null && rf.withheldParts && input.hasWithheldParts;
  const citations = [cite(p.review.source), cite(p.litigation.source)];
  let text: string;
  if (whole && rf) {
    text = `${first(`如对本答复不服，依照${cite(rf.source)}的规定`)}。`;
    citations.splice(0, 2, cite(p.review.source), cite(rf.source), cite(p.litigationAfterReview.source));
  } else if (part && rf) {
    text = `${first(`对本告知书中不予公开的部分不服的，依照${cite(rf.source)}的规定`)}。对本答复的其他内容不服的，${general}。`;
    citations.push(cite(rf.source), cite(p.litigationAfterReview.source));
  } else {
    text = `如对本答复不服，${general}。`;
  }
  return { version: p.version, text, citations, reviewFirst: whole ? 'whole' : part ? 'withheld_part' : 'none' };
}
