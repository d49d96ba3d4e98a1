// The legal basis of each reply (答复依据): one table, keyed by reply type and annual-report result code, citing
// 中华人民共和国政府信息公开条例 (国务院令第711号, 2019年修订) — and the remedies a reply letter must state.
import {
  ANNUAL_REPORT_RESULTS,
  REPLY_TYPE_RESULTS,
  type AnnualReportResultCode,
  type ReplyType,
} from '@huiying/contracts';
import type { LegalSource } from '@huiying/policy';

export const REGULATION = '《中华人民共和国政府信息公开条例》';

export interface LegalBasisEntry {
  replyType: ReplyType;
  /** null: every result code the reply type may be counted in (REPLY_TYPE_RESULTS) not listed on its own. */
  resultCode: AnnualReportResultCode | null;
  /** Articles of the regulation, most specific first, e.g. ['第三十六条第（三）项', '第十四条']. */
  articles: readonly string[];
  /** The decision as the letter states it. */
  decisionZh: string;
}

const NOT_DISCLOSED = '第三十六条第（三）项';

/**
 * The table. For reply types whose result codes carry different grounds (不予公开 reasons, 无法提供, 不予处理) each code
 * has its own row; the rest have one row for the type.
 */
export const LEGAL_BASIS: readonly LegalBasisEntry[] = [
  { replyType: 'already_public', resultCode: null, articles: ['第三十六条第（一）项'], decisionZh: '您申请公开的政府信息已经主动公开，现告知您获取该政府信息的方式和途径。' },
  { replyType: 'disclosed', resultCode: null, articles: ['第三十六条第（二）项'], decisionZh: '经审查，您申请公开的政府信息属于可以公开的政府信息，本机关决定予以公开。' },
  {
    replyType: 'partly_disclosed',
    resultCode: null,
    articles: ['第三十七条', '第三十六条第（二）项'],
    decisionZh: '经审查，您申请公开的政府信息中含有不应当公开的内容，但能够作区分处理，本机关决定向您提供可以公开的内容，对不予公开的部分说明理由如下。',
  },
  { replyType: 'not_disclosed', resultCode: 'withheld.state_secret', articles: [NOT_DISCLOSED, '第十四条'], decisionZh: '经审查，您申请公开的政府信息属于依法确定为国家秘密的政府信息，本机关决定不予公开。' },
  { replyType: 'not_disclosed', resultCode: 'withheld.prohibited_by_law', articles: [NOT_DISCLOSED, '第十四条'], decisionZh: '经审查，您申请公开的政府信息属于法律、行政法规禁止公开的政府信息，本机关决定不予公开。' },
  {
    replyType: 'not_disclosed',
    resultCode: 'withheld.security_stability',
    articles: [NOT_DISCLOSED, '第十四条'],
    decisionZh: '经审查，您申请公开的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，本机关决定不予公开。',
  },
  {
    replyType: 'not_disclosed',
    resultCode: 'withheld.third_party_rights',
    articles: [NOT_DISCLOSED, '第十五条', '第三十二条'],
    decisionZh: '经审查，您申请公开的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，本机关决定不予公开。',
  },
  {
    replyType: 'not_disclosed',
    resultCode: 'withheld.internal_affairs',
    articles: [NOT_DISCLOSED, '第十六条第一款'],
    decisionZh: '经审查，您申请公开的政府信息属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等），本机关决定不予公开。',
  },
  {
    replyType: 'not_disclosed',
    resultCode: 'withheld.process_information',
    articles: [NOT_DISCLOSED, '第十六条第二款'],
    decisionZh: '经审查，您申请公开的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，本机关决定不予公开。',
  },
  {
    replyType: 'not_disclosed',
    resultCode: 'withheld.law_enforcement_files',
    articles: [NOT_DISCLOSED, '第十六条第二款'],
    decisionZh: '经审查，您申请公开的政府信息属于行政执法案卷信息，本机关决定不予公开。',
  },
  {
    replyType: 'not_disclosed',
    resultCode: 'withheld.administrative_inquiry',
    articles: [NOT_DISCLOSED],
    decisionZh: '经审查，您申请获取的信息属于行政查询事项，不作为政府信息公开申请予以公开，请通过相应的查询渠道办理。',
  },
  { replyType: 'does_not_exist', resultCode: 'unavailable.not_held', articles: ['第三十六条第（四）项'], decisionZh: '经检索，本机关没有您申请公开的政府信息，该政府信息不存在。' },
  {
    replyType: 'does_not_exist',
    resultCode: 'unavailable.requires_creation',
    articles: ['第三十八条'],
    decisionZh: '本机关没有现成的您申请公开的政府信息，提供该信息需要对现有政府信息进行加工、分析或另行制作，本机关不予提供。',
  },
  {
    replyType: 'does_not_exist',
    resultCode: 'unavailable.unclear_after_correction',
    articles: ['第三十条', '第二十九条第二款'],
    decisionZh: '您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。',
  },
  {
    replyType: 'not_this_agency',
    resultCode: null,
    articles: ['第三十六条第（五）项'],
    decisionZh: '经审查，您申请公开的政府信息不属于本机关负责公开的政府信息。',
  },
  { replyType: 'duplicate', resultCode: null, articles: ['第三十六条第（六）项'], decisionZh: '本机关已就您提出的相同政府信息公开申请作出答复，对您的重复申请不予重复处理。' },
  {
    replyType: 'special_law',
    resultCode: null,
    articles: ['第三十六条第（七）项'],
    decisionZh: '您申请公开的信息属于工商、不动产登记资料等信息，有关法律、行政法规对该信息的获取有特别规定，请依照有关法律、行政法规的规定办理。',
  },
  {
    replyType: 'not_disclosure_application',
    resultCode: 'not_processed.complaint_petition_report',
    articles: ['第三十九条第一款'],
    decisionZh: '您以政府信息公开申请的形式提出的系信访、投诉、举报等事项，本机关不作为政府信息公开申请处理，请通过相应渠道提出。',
  },
  {
    replyType: 'not_disclosure_application',
    resultCode: 'not_processed.publication',
    articles: ['第三十九条第二款'],
    decisionZh: '您申请的内容为政府公报、报刊、书籍等公开出版物，不作为政府信息公开申请处理，现告知获取的途径。',
  },
  {
    replyType: 'not_disclosure_application',
    resultCode: 'not_processed.excessive',
    articles: ['第三十五条'],
    decisionZh: '您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由不合理，不予处理。',
  },
  {
    replyType: 'not_disclosure_application',
    resultCode: 'not_processed.confirm_or_reissue',
    articles: ['第三十八条'],
    decisionZh: '您要求本机关确认或者重新出具您已获取的信息，不属于申请获取已制作或者获取的政府信息，不予处理。',
  },
];

/** Grounds of a withheld part (区分处理), by its result code: the article and the reason as the letter states it. */
export const WITHHELD_GROUNDS: Readonly<Partial<Record<AnnualReportResultCode, { articles: readonly string[]; groundZh: string }>>> = {
  'withheld.state_secret': { articles: ['第十四条'], groundZh: '属于依法确定为国家秘密的政府信息' },
  'withheld.prohibited_by_law': { articles: ['第十四条'], groundZh: '属于法律、行政法规禁止公开的政府信息' },
  'withheld.security_stability': { articles: ['第十四条'], groundZh: '公开后可能危及国家安全、公共安全、经济安全、社会稳定' },
  'withheld.third_party_rights': { articles: ['第十五条'], groundZh: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害' },
  'withheld.internal_affairs': { articles: ['第十六条第一款'], groundZh: '属于行政机关的内部事务信息' },
  'withheld.process_information': { articles: ['第十六条第二款'], groundZh: '属于过程性信息' },
  'withheld.law_enforcement_files': { articles: ['第十六条第二款'], groundZh: '属于行政执法案卷信息' },
  'withheld.administrative_inquiry': { articles: ['第三十六条第（三）项'], groundZh: '属于行政查询事项' },
  'unavailable.not_held': { articles: ['第三十六条第（四）项'], groundZh: '本机关不掌握该部分政府信息' },
  'unavailable.requires_creation': { articles: ['第三十八条'], groundZh: '没有现成信息，需要另行制作' },
  'unavailable.unclear_after_correction': { articles: ['第三十条'], groundZh: '补正后申请内容仍不明确' },
};

/** 救济途径: every reply letter states them (条例第五十一条); periods, routes and sources are versioned data (@huiying/policy remedies.ts), the sentences remedies.text.ts. */
export const REMEDIES = { articles: ['第五十一条'] } as const;

/** 国办函〔2020〕109号 — in force 2021-01-01 (secondary sources: provincial notices; its own article on it not seen). */
export const FEE_MEASURES_SOURCE: LegalSource = { document: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）', article: '', effectiveFrom: '2021-01-01' };

/** The row of the table for a reply: its result code's own row, else the reply type's row. */
export function legalBasisOf(replyType: ReplyType, resultCode: AnnualReportResultCode): LegalBasisEntry {
  const exact = LEGAL_BASIS.find((e) => e.replyType === replyType && e.resultCode === resultCode);
  const general = LEGAL_BASIS.find((e) => e.replyType === replyType && e.resultCode === null);
  const entry = exact ?? general;
  if (!entry) throw new Error(`no legal basis for reply type ${replyType} counted as ${resultCode}`);
  return entry;
}

/** "第三十六条第（二）项" → "《中华人民共和国政府信息公开条例》第三十六条第（二）项". */
export function cite(articles: readonly string[]): string {
  return `${REGULATION}${articles.join('、')}`;
}

/** The annual-report row label of a result code, e.g. '（三）4 保护第三方合法权益'. */
export function resultRowLabel(code: AnnualReportResultCode): string {
  const r = ANNUAL_REPORT_RESULTS.find((x) => x.code === code);
  return r ? `${r.row} ${r.labelZh}` : code;
}

/** Every (reply type, result code) pair a decision can record; the table must answer each one. */
export function allDecisionPairs(): { replyType: ReplyType; resultCode: AnnualReportResultCode }[] {
  return (Object.keys(REPLY_TYPE_RESULTS) as ReplyType[]).flatMap((replyType) => REPLY_TYPE_RESULTS[replyType].map((resultCode) => ({ replyType, resultCode })));
}
