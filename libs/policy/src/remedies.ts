// 救济途径: the remedies a disclosure document states, as versioned legal data — a letter quotes the version in force on
// its issue date; publication writes the sentences from it. Pure. Every rule carries its source (document, article,
// the date that text took effect), so the next change of law is a new version here, not an edit of a template.
// Sources (legal-findings §3, §4): 行政复议法 (2017年修正) 第九条; 行政复议法 (2023年修订, 2024-01-01施行) 第二十条,
// 第二十三条第一款第（四）项 and 第二款; 行政诉讼法 第四十五条, 第四十六条; 政府信息公开条例 第五十一条.
import { PolicyErrorCode, PolicyException } from './policy.exception';
import { PolicyRegistry, publishPolicy, type VersionedPolicy } from './versioned-policy';

/** Where a rule comes from: the document, its article, the date that text took effect. */
export interface LegalSource {
  readonly document: string;
  readonly article: string;
  readonly effectiveFrom: string;
}

/** 复议前置 (review first, a lawsuit only against the review decision) or the choice of review or a lawsuit. */
export type RemedyRoute = 'review_first' | 'review_or_lawsuit';

/** The reply types of a disclosure reply letter (条例第三十六条、第三十七条、第三十九条); every version routes each one. */
export const REMEDY_REPLY_TYPES = [
  'already_public',
  'disclosed',
  'partly_disclosed',
  'not_disclosed',
  'does_not_exist',
  'not_this_agency',
  'duplicate',
  'special_law',
  'not_disclosure_application',
] as const;
export type RemedyReplyType = (typeof REMEDY_REPLY_TYPES)[number];

export interface RemediesPolicy extends VersionedPolicy {
  readonly kind: 'remedies';
  /** Administrative review: within this many days of receiving the document. */
  readonly review: { readonly days: number; readonly source: LegalSource };
  /** A lawsuit directly: within this many months of receiving the document. */
  readonly litigation: { readonly months: number; readonly source: LegalSource };
  /** After a review decision (or the review period running out without one): a lawsuit within this many days. */
  readonly litigationAfterReview: { readonly days: number; readonly source: LegalSource };
  /** The route of each reply type, as a whole decision. */
  readonly replyTypes: Readonly<Record<RemedyReplyType, RemedyRoute>>;
  /** The route of the withheld part of a 部分公开 decision (the disclosed part keeps the reply type's route). */
  readonly withheldPart: RemedyRoute;
  /** A third party told that information is disclosed over its objection (第十五条、第三十二条): its route against that decision. */
  readonly thirdPartyOverride: RemedyRoute;
  /** The law that makes a route review-first, and how far its use here is an interpretation. null: no review-first route. */
  readonly reviewFirst: { readonly source: LegalSource; readonly note: string } | null;
  /** 条例第五十一条: the regulation's own remedies article, cited by every letter. */
  readonly regulationArticle: string;
}

/** Checks a remedies version before it is published: a review-first route needs the law that makes it so. */
export function defineRemediesPolicy(p: RemediesPolicy): RemediesPolicy {
  const routes = [...REMEDY_REPLY_TYPES.map((t) => p.replyTypes?.[t]), p.withheldPart, p.thirdPartyOverride];
  const missing = REMEDY_REPLY_TYPES.filter((t) => p.replyTypes?.[t] === undefined);
  if (missing.length > 0) throw new PolicyException(PolicyErrorCode.InvalidPolicy, `${p.version}: no remedies route for ${missing.join(', ')}`);
  if (routes.some((r) => r !== 'review_first' && r !== 'review_or_lawsuit')) {
    throw new PolicyException(PolicyErrorCode.InvalidPolicy, `${p.version}: a route is review_first or review_or_lawsuit`);
  }
  if (routes.includes('review_first') && !p.reviewFirst) {
    throw new PolicyException(PolicyErrorCode.InvalidPolicy, `${p.version}: a review_first route needs reviewFirst.source (the law that requires review first)`);
  }
  for (const [name, n] of [['review.days', p.review.days], ['litigation.months', p.litigation.months], ['litigationAfterReview.days', p.litigationAfterReview.days]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new PolicyException(PolicyErrorCode.InvalidPolicy, `${p.version}: ${name} must be a positive integer`);
  }
  return publishPolicy(p);
}

const LITIGATION_DIRECT: LegalSource = { document: '《中华人民共和国行政诉讼法》', article: '第四十六条', effectiveFrom: '2015-05-01' };
const LITIGATION_AFTER_REVIEW: LegalSource = { document: '《中华人民共和国行政诉讼法》', article: '第四十五条', effectiveFrom: '2015-05-01' };
const EVERY_REPLY_TYPE = (route: RemedyRoute) => Object.fromEntries(REMEDY_REPLY_TYPES.map((t) => [t, route])) as Record<RemedyReplyType, RemedyRoute>;

/** Before 2024-01-01: review (行政复议法 2017年修正 第九条: 60 days) or a lawsuit (6 months), for every decision. */
export const REMEDIES_BEFORE_2024: RemediesPolicy = defineRemediesPolicy({
  kind: 'remedies',
  jurisdiction: 'cn',
  version: 'cn-remedies-2019',
  effectiveFrom: '2019-05-15T00:00:00+08:00',
  reference: '《中华人民共和国行政复议法》（2017年修正）第九条; 《中华人民共和国行政诉讼法》第四十五条、第四十六条; 《中华人民共和国政府信息公开条例》第五十一条',
  review: { days: 60, source: { document: '《中华人民共和国行政复议法》（2017年修正）', article: '第九条', effectiveFrom: '2018-01-01' } },
  litigation: { months: 6, source: LITIGATION_DIRECT },
  litigationAfterReview: { days: 15, source: LITIGATION_AFTER_REVIEW },
  replyTypes: EVERY_REPLY_TYPE('review_or_lawsuit'),
  withheldPart: 'review_or_lawsuit',
  thirdPartyOverride: 'review_or_lawsuit',
  reviewFirst: null,
  regulationArticle: '第五十一条',
});

/**
 * From 2024-01-01: 复议前置 for 不予公开 (行政复议法 2023 第二十三条第一款第（四）项), and the decision must say so
 * (第二款). Which decisions count as 不予公开 is a data choice, see `reviewFirst.note`.
 */
export const REMEDIES_FROM_2024: RemediesPolicy = defineRemediesPolicy({
  kind: 'remedies',
  jurisdiction: 'cn',
  version: 'cn-remedies-2024',
  effectiveFrom: '2024-01-01T00:00:00+08:00',
  reference: '《中华人民共和国行政复议法》（2023年修订）第二十条、第二十三条; 《中华人民共和国行政诉讼法》第四十五条、第四十六条; 《中华人民共和国政府信息公开条例》第五十一条',
  review: { days: 60, source: { document: '《中华人民共和国行政复议法》', article: '第二十条', effectiveFrom: '2024-01-01' } },
  litigation: { months: 6, source: LITIGATION_DIRECT },
  litigationAfterReview: { days: 15, source: LITIGATION_AFTER_REVIEW },
  replyTypes: { ...EVERY_REPLY_TYPE('review_or_lawsuit'), not_disclosed: 'review_first' },
  withheldPart: 'review_first',
  thirdPartyOverride: 'review_or_lawsuit',
  reviewFirst: {
    source: { document: '《中华人民共和国行政复议法》', article: '第二十三条第一款第（四）项、第二款', effectiveFrom: '2024-01-01' },
    note:
      '第二十三条第一款第（四）项只写“申请政府信息公开，行政机关不予公开”。本版本把部分公开中不予公开的部分也列为先行复议（司法部2021年指导意见“不予公开（含部分不予公开）”的表述支持但未定论），' +
      '而无法提供、不予处理、非本机关等答复不列入；逾期不答复是否属第（三）项亦未定。以上为解释，未见权威界定，应经法制审核，可由新版本调整。',
  },
  regulationArticle: '第五十一条',
});

export const REMEDIES_POLICIES = new PolicyRegistry<RemediesPolicy>([REMEDIES_BEFORE_2024, REMEDIES_FROM_2024]);

export interface RemedyRouteInput {
  readonly replyType: string;
  /** The decision withholds parts (部分公开). */
  readonly hasWithheldParts: boolean;
  /** The letter's issue date (Asia/Shanghai): the version in force that day applies. */
  readonly issuedOn: string;
}

/**
 * What a document must state: the version in force on its issue date and how far review comes first — `whole` (the
 * decision), `withheld_part` (only the withheld part of a 部分公开; the rest review or a lawsuit) or `none`.
 * Publication writes the sentences from the version's periods and sources.
 */
export interface RemediesDue {
  readonly policy: RemediesPolicy;
  readonly reviewFirst: 'whole' | 'withheld_part' | 'none';
}

/** The version in force on an issue date (a calendar day in Asia/Shanghai). */
export function remediesVersionOn(issuedOn: string, registry: PolicyRegistry<RemediesPolicy> = REMEDIES_POLICIES): RemediesPolicy {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) throw new PolicyException(PolicyErrorCode.InvalidPolicy, `issuedOn must be a date YYYY-MM-DD, got ${JSON.stringify(issuedOn)}`);
  return registry.inForce('cn', `${issuedOn}T00:00:00+08:00`);
}

/** The remedies a reply letter (答复告知书) states, under the version in force on its issue date. Pure. */
export function replyRemedies(input: RemedyRouteInput, registry: PolicyRegistry<RemediesPolicy> = REMEDIES_POLICIES): RemediesDue {
  const policy = remediesVersionOn(input.issuedOn, registry);
  const route = (policy.replyTypes as Record<string, RemedyRoute | undefined>)[input.replyType];
  if (!route) throw new PolicyException(PolicyErrorCode.UnknownDecision, `remedies ${policy.version} has no route for reply type ${input.replyType}`);
  if (route === 'review_first') return { policy, reviewFirst: 'whole' };
  const part = input.replyType === 'partly_disclosed' && input.hasWithheldParts && policy.withheldPart === 'review_first';
  return { policy, reviewFirst: part ? 'withheld_part' : 'none' };
}

/**
 * The remedies of a third party told that information is disclosed over its objection for the public interest
 * (第三方公开决定告知书, 条例第十五条、第三十二条): its route against the decision to disclose, under the version in force
 * on the notice's issue date.
 */
export function thirdPartyOverrideRemedies(issuedOn: string, registry: PolicyRegistry<RemediesPolicy> = REMEDIES_POLICIES): RemediesDue {
  const policy = remediesVersionOn(issuedOn, registry);
  return { policy, reviewFirst: policy.thirdPartyOverride === 'review_first' ? 'whole' : 'none' };
}
