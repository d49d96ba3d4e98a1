// 救济途径 as a document states them: the sentences written from the remedies version in force on the issue date
// (@huiying/policy remedies.ts: periods, routes and sources are data there), ending with 条例第五十一条. Pure.
import type { LegalSource, RemediesDue, RemediesPolicy } from '@huiying/policy';
import { cite, REMEDIES } from './legal-basis';

/** Where the addressee turns: 行政复议机关 and 管辖法院, as the issuing agency configures them. */
export interface RemedyVenues {
  reviewBody: string;
  court: string;
}

export interface RemediesText {
  version: string;
  text: string;
  /** Every source the paragraph cites, with its document. */
  citations: string[];
}

const SELF = '本告知书';
const source = (s: LegalSource) => `${s.document}${s.article}`;

/** "可以…申请行政复议，或者…提起行政诉讼" — the general route. */
function reviewOrLawsuit(p: RemediesPolicy, v: RemedyVenues): string {
  return (
    `可以自收到${SELF}之日起${p.review.days}日内向${v.reviewBody}申请行政复议（${source(p.review.source)}），` +
    `或者自收到${SELF}之日起${p.litigation.months}个月内向${v.court}提起行政诉讼（${source(p.litigation.source)}）`
  );
}

/** "应当先…申请行政复议…对行政复议决定不服的…" — review first, then court. */
function reviewFirst(p: RemediesPolicy, v: RemedyVenues): string {
  if (!p.reviewFirst) throw new Error(`${p.version}: review first without the law that requires it`);
  return (
    `依照${source(p.reviewFirst.source)}的规定，应当先向${v.reviewBody}申请行政复议，不能直接向人民法院提起行政诉讼：` +
    `行政复议申请自收到${SELF}之日起${p.review.days}日内提出（${source(p.review.source)}）；` +
    `对行政复议决定不服的，可以自收到行政复议决定书之日起${p.litigationAfterReview.days}日内向人民法院提起行政诉讼（${source(p.litigationAfterReview.source)}）；` +
    `行政复议机关逾期不作决定的，可以自行政复议期限届满之日起${p.litigationAfterReview.days}日内向人民法院提起行政诉讼`
  );
}

/**
 * The remedies paragraph: `subject` is what the addressee may contest ('本答复' for a reply letter, '本机关决定公开上述
 * 政府信息' for the third-party override notice). A 部分公开 letter states review first for the withheld part and
 * review or a lawsuit for the rest, in two sentences a citizen can follow.
 */
export function remediesText(due: RemediesDue, venues: RemedyVenues, subject: string): RemediesText {
  const p = due.policy;
  const rf = p.reviewFirst ? [source(p.reviewFirst.source)] : [];
  const general = [source(p.review.source), source(p.litigation.source)];
  const first = [...rf, source(p.review.source), source(p.litigationAfterReview.source)];
  const close = (t: string) => `${t}（${cite(REMEDIES.articles)}）。`;
  const regulation = cite(REMEDIES.articles);
  switch (due.reviewFirst) {
    case 'whole':
      return { version: p.version, text: close(`如对${subject}不服，${reviewFirst(p, venues)}`), citations: [...first, regulation] };
    case 'withheld_part':
      return {
        version: p.version,
        text: close(`对${SELF}中不予公开的部分不服的，${reviewFirst(p, venues)}。对${subject}的其他内容不服的，${reviewOrLawsuit(p, venues)}`),
        citations: [...first, source(p.litigation.source), regulation],
      };
    default:
      return { version: p.version, text: close(`如对${subject}不服，${reviewOrLawsuit(p, venues)}`), citations: [...general, regulation] };
  }
}
