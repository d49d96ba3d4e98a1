// The notices of a disclosure application's process, as data: one row per kind (the consultation request per consulted
// party), with its title, the articles of 政府信息公开条例 it rests on, other sources, the period the law fixes, who it
// may be addressed to, and its text. The wording follows the article texts (legal-findings §1, §2): periods "自收到本…
// 之日起…个工作日内", and the consequence of silence / non-correction / non-payment as the law states it.
import type { DisclosureNoticeContent, DisclosureNoticeKind, NoticeAddressee } from '@huiying/contracts';
import type { LegalSource } from '@huiying/policy';
import { cite, FEE_MEASURES_SOURCE, REGULATION } from './legal-basis';
import { dateZh, type DocumentBlock, type LetterIssuer } from './official-document';

/** A notice row: consultation requests differ by the consulted party (第三十二条 third party, 第三十四条 co-producer). */
export type NoticeVariant = Exclude<DisclosureNoticeKind, 'consultation_request'> | 'consultation_request.third_party' | 'consultation_request.co_producing_agency';

type ContentOf<K extends DisclosureNoticeKind> = Extract<DisclosureNoticeContent, { kind: K }>;
type KindOf<V extends NoticeVariant> = V extends `consultation_request.${string}` ? 'consultation_request' : Exclude<V, `consultation_request.${string}`>;

/** What a notice's text may use besides its content. */
export interface NoticeContext {
  applicationId: string;
  receivedOn: string;
  correctedOn: string | null;
  issuedOn: string;
  issuer: LetterIssuer;
}

export interface NoticeBasis<V extends NoticeVariant = NoticeVariant> {
  title: string;
  /** The mark in the 文号: 依申请公开<mark>〔year〕… */
  referenceMark: string;
  /** How the document names itself where a period runs from its receipt. */
  self: '本告知书' | '本征求意见书' | '本通知';
  addressees: readonly NoticeAddressee[];
  /** Articles of the 条例 cited (most specific first). */
  articles: readonly string[];
  /** Other documents cited, with article and effective date. */
  sources: readonly LegalSource[];
  /** A period the law itself fixes (working days); the request must state the same. */
  statutoryWorkingDays: number | null;
  /** The body (the facts, the period, the consequence), from the request's content. */
  text: (c: ContentOf<KindOf<V>>, x: NoticeContext) => DocumentBlock[];
}

const p = (text: string): DocumentBlock => ({ type: 'paragraph', text });
/** Free text typed by staff, closed as a sentence. */
const sentence = (s: string) => (/[。！？；.!?;]$/.test(s.trim()) ? s.trim() : `${s.trim()}。`);
const receivedSentence = (x: NoticeContext) =>
  `本机关于${dateZh(x.receivedOn)}收到您提出的政府信息公开申请${x.correctedOn ? `，并于${dateZh(x.correctedOn)}收到补正后的申请` : ''}。`;
const feeLine = (unit: '件' | '页', l: { from: number; to: number; units: number; unitYuan: number; subtotalYuan: number }) => {
  const range = unit === '件' ? (l.from === l.to ? `本月第${l.from}件` : `本月第${l.from}—${l.to}件`) : l.from === l.to ? `第${l.from}页` : `第${l.from}—${l.to}页`;
  return l.unitYuan === 0 ? `${range}：${l.units}${unit}，不收费` : `${range}：${l.units}${unit} × ${l.unitYuan}元/${unit} = ${l.subtotalYuan}元`;
};

export const NOTICE_BASIS: { readonly [V in NoticeVariant]: NoticeBasis<V> } = {
  correction_notice: {
    title: '政府信息公开申请补正告知书',
    referenceMark: '补',
    self: '本告知书',
    addressees: ['applicant'],
    articles: ['第三十条', '第二十九条第二款'],
    sources: [],
    statutoryWorkingDays: null,
    text: (c, x) => [
      p(`${receivedSentence(x)}经审查，您的申请内容不明确。根据${cite(['第二十九条第二款', '第三十条'])}的规定，现一次性告知您需要补正的事项如下：`),
      { type: 'list', role: 'items', entries: c.items },
      p(`请您自收到本告知书之日起${c.respondWithinWorkingDays}个工作日内，按上述事项补正后向本机关提交。对需要补正的事项如有疑问，可以向本机关政府信息公开工作机构咨询，本机关将给予指导和释明。`),
      p('答复期限自本机关收到补正的申请之日起计算。'),
      p('您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。'),
    ],
  },
  'consultation_request.third_party': {
    title: '政府信息公开征求意见书',
    referenceMark: '征',
    self: '本征求意见书',
    addressees: ['third_party'],
    articles: ['第三十二条', '第十五条'],
    sources: [],
    statutoryWorkingDays: 15,
    text: (c, x) => [
      p(
        `本机关于${dateZh(x.receivedOn)}收到一份政府信息公开申请（申请编号：${x.applicationId}）。经审查，申请公开的政府信息可能涉及贵方的商业秘密、个人隐私等合法权益，` +
          `公开可能对贵方合法权益造成损害。根据${cite(['第十五条', '第三十二条'])}的规定，现书面征求贵方意见。`,
      ),
      p(`征求意见的事项：${sentence(c.matters)}`),
      p(`请贵方自收到本征求意见书之日起${c.workingDays}个工作日内向本机关提出书面意见；不同意公开的，请说明理由。`),
      p(
        `贵方逾期未提出意见的，由本机关依照${REGULATION}的规定决定是否公开。贵方不同意公开且有合理理由的，本机关不予公开；` +
          '但本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。',
      ),
    ],
  },
  'consultation_request.co_producing_agency': {
    title: '政府信息公开征求意见书',
    referenceMark: '征',
    self: '本征求意见书',
    addressees: ['co_producing_agency'],
    articles: ['第三十四条'],
    sources: [],
    statutoryWorkingDays: 15,
    text: (c, x) => [
      p(
        `本机关于${dateZh(x.receivedOn)}收到一份政府信息公开申请（申请编号：${x.applicationId}）。申请公开的政府信息由本机关牵头制作，贵机关参与共同制作。` +
          `根据${cite(['第三十四条'])}的规定，现征求贵机关意见。`,
      ),
      p(`征求意见的事项：${sentence(c.matters)}`),
      p(`请贵机关自收到本征求意见书之日起${c.workingDays}个工作日内提出意见。`),
      p('贵机关逾期未提出意见的，视为同意公开。'),
    ],
  },
  extension_notice: {
    title: '政府信息公开申请延期答复告知书',
    referenceMark: '延',
    self: '本告知书',
    addressees: ['applicant'],
    articles: ['第三十三条第二款'],
    sources: [],
    statutoryWorkingDays: null,
    text: (c, x) => [
      p(`${receivedSentence(x)}根据${cite(['第三十三条第二款'])}的规定，本机关应当自收到申请之日起20个工作日内予以答复${c.dueBefore ? `（原答复期限为${dateZh(c.dueBefore)}）` : ''}。`),
      p(`延长理由：${sentence(c.reason)}`),
      p(
        `经${c.approverOffice}负责人于${dateZh(c.approvedOn)}同意，答复期限延长${c.workingDays}个工作日` +
          `${c.dueAfter ? `，本机关将于${dateZh(c.dueAfter)}前作出答复` : ''}。延长的期限最长不超过20个工作日。`,
      ),
    ],
  },
  fee_notice: {
    title: '政府信息公开信息处理费收费通知书',
    referenceMark: '费',
    self: '本通知',
    addressees: ['applicant'],
    articles: ['第四十二条'],
    sources: [FEE_MEASURES_SOURCE],
    statutoryWorkingDays: 20,
    text: (c, x) => {
      const unit = c.method === 'per_application' ? '件' : '页';
      return [
        p(`${receivedSentence(x)}您申请公开政府信息的数量、频次明显超过合理范围，根据${cite(['第四十二条'])}和${FEE_MEASURES_SOURCE.document}的规定，本机关决定收取信息处理费。`),
        p(
          `计收方式：${c.method === 'per_application' ? '按件计收（按同一申请人一个自然月内累计申请的件数超额累进计算）' : '按量计收（按提供政府信息的页数超额累进计算）'}；` +
            `收费标准：${c.reference}。计费明细如下：`,
        ),
        { type: 'list', role: 'fee-lines', entries: c.lines.map((l) => feeLine(unit, l)) },
        p(`应缴金额：${c.amountYuan}元。`),
        p(`请您在收到本通知次日起${c.payWithinWorkingDays}个工作日内缴纳。缴纳方式：${sentence(x.issuer.feePayment)}`),
        p('逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。'),
        p(sentence(x.issuer.feeWaiver)),
      ];
    },
  },
  public_interest_override_notice: {
    title: '涉及第三方政府信息公开决定告知书',
    referenceMark: '决',
    self: '本告知书',
    addressees: ['third_party'],
    articles: ['第三十二条', '第十五条'],
    sources: [],
    statutoryWorkingDays: null,
    text: (c, x) => [
      p(`本机关于${dateZh(x.receivedOn)}收到一份政府信息公开申请（申请编号：${x.applicationId}），就申请公开的政府信息书面征求了贵方意见，贵方不同意公开。`),
      p(
        `经审查，本机关认为不公开上述政府信息会对公共利益造成重大影响。根据${cite(['第十五条', '第三十二条'])}的规定，本机关决定予以公开，` +
          '现将决定公开的政府信息内容和理由书面告知如下：',
      ),
      p(`决定公开的政府信息内容：${sentence(c.disclosedContent)}`),
      p(`决定公开的理由：${sentence(c.reasons)}`),
    ],
  },
  excessive_reasons_request: {
    title: '政府信息公开申请说明理由通知书',
    referenceMark: '理',
    self: '本通知',
    addressees: ['applicant'],
    articles: ['第三十五条'],
    sources: [],
    statutoryWorkingDays: null,
    text: (c, x) => [
      p(`${receivedSentence(x)}经审查，您申请公开政府信息的数量、频次明显超过合理范围：${sentence(c.grounds)}`),
      p(`根据${cite(['第三十五条'])}的规定，请您${c.reasonsWithinWorkingDays ? `自收到本通知之日起${c.reasonsWithinWorkingDays}个工作日内` : ''}向本机关说明申请理由。`),
      p(`本机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，但是无法在${REGULATION}第三十三条规定的期限内答复的，可以确定延迟答复的合理期限并告知您。`),
    ],
  },
  excessive_period_notice: {
    title: '政府信息公开申请延迟答复告知书',
    referenceMark: '迟',
    self: '本告知书',
    addressees: ['applicant'],
    articles: ['第三十五条', '第三十三条'],
    sources: [],
    statutoryWorkingDays: null,
    text: (c, x) => [
      p(
        `${receivedSentence(x)}因您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为申请理由合理，` +
          `但是无法在${cite(['第三十三条'])}规定的期限内答复。`,
      ),
      p(`根据${cite(['第三十五条'])}的规定，本机关确定延迟答复的合理期限：本机关将于${dateZh(c.due)}前作出答复。`),
      p(`理由：${sentence(c.reason)}`),
    ],
  },
};

/** The row of a notice's content. */
export function noticeVariant(c: DisclosureNoticeContent): NoticeVariant {
  return c.kind === 'consultation_request' ? `consultation_request.${c.party}` : c.kind;
}
