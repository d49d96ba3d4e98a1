// The notices of a disclosure application's process (补正告知书, 征求意见书, 延期答复告知书, 收费通知书, the notice to a
// third party of a public-interest disclosure, the 第三十五条 notices) as documents: the same document shape as the
// reply letter, so one HTML and one PDF renderer serve both. What each kind must say and the articles it cites are the
// table NOTICE_TEXTS (政府信息公开条例 2019; 国办函〔2020〕109号). Pure: no I/O.
import type { DisclosureNoticeContent, DisclosureNoticeKind, DisclosureNoticeRequest } from '@huiying/contracts';
import { cite } from './legal-basis';
import { dateZh, departmentName, type LetterIssuer, type ReplyLetterDocument } from './reply-letter.template';

/** Per kind: the title, the articles of the regulation it rests on, and other instruments cited. */
export const NOTICE_TEXTS: Readonly<Record<DisclosureNoticeKind, { title: string; articles: readonly string[]; also?: string }>> = {
  correction_notice: { title: '政府信息公开申请补正告知书', articles: ['第二十九条第二款', '第三十条'] },
  consultation_request: { title: '政府信息公开征求意见书', articles: ['第三十二条'] },
  extension_notice: { title: '政府信息公开申请延期答复告知书', articles: ['第三十三条第二款'] },
  fee_notice: { title: '政府信息公开信息处理费收费通知书', articles: ['第四十二条'], also: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）' },
  public_interest_override_notice: { title: '政府信息公开第三方告知书', articles: ['第十五条', '第三十二条'] },
  excessive_reasons_request: { title: '政府信息公开申请说明理由通知书', articles: ['第三十五条'] },
  excessive_period_notice: { title: '政府信息公开申请延迟答复告知书', articles: ['第三十五条'] },
};

/** The hardship-waiver sentence of a fee notice (the office may configure its own route). */
export const DEFAULT_FEE_WAIVER_ROUTE = '如确有经济困难，可以在缴费期限内向本机关政府信息公开工作机构书面申请减免，经政府信息公开工作机构负责人审核同意后减免。';

function body(c: DisclosureNoticeContent, r: DisclosureNoticeRequest, citation: string, waiverRoute: string): { paragraphs: string[]; items: string[]; articles: string[] } {
  const received = `本机关于${dateZh(r.receivedOn)}收到政府信息公开申请（申请编号：${r.applicationId}）。`;
  switch (c.kind) {
    case 'correction_notice':
      return {
        paragraphs: [
          `${received}经审查，您的申请内容不明确。根据${citation}的规定，请您对以下事项作出补正：`,
          `请您自收到本告知书之日起${c.respondWithinWorkingDays}个工作日内作出补正。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
        ],
        items: [...c.items],
        articles: [],
      };
    case 'consultation_request': {
      const third = c.party === 'third_party';
      const rule = third
        ? `请贵方自收到本征求意见书之日起${c.workingDays}个工作日内书面提出意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。`
        : `请贵机关自收到本征求意见书之日起${c.workingDays}个工作日内提出意见；逾期未提出意见的，视为同意公开。`;
      const why = third ? '该政府信息公开可能损害贵方合法权益' : '该政府信息由贵机关与本机关共同制作';
      return {
        paragraphs: [`${received}申请公开的政府信息涉及：${c.matters}。${why}，根据${citation}的规定，现书面征求意见。`, rule],
        items: [],
        articles: third ? [] : ['第三十四条'],
      };
    }
    case 'extension_notice':
      return {
        paragraphs: [
          `${received}因${c.reason}，本机关不能在规定期限内答复。经${c.approverOffice}负责人同意，根据${citation}的规定，答复期限延长${c.workingDays}个工作日，延长后的答复期限为${dateZh(c.dueAfter)}（原答复期限为${dateZh(c.dueBefore)}）。`,
        ],
        items: [],
        articles: [],
      };
    case 'fee_notice':
      return {
        paragraphs: [
          `${received}您申请公开政府信息的数量、频次明显超过合理范围，根据${citation}的规定，本机关决定收取信息处理费${c.amountYuan}元（${c.method === 'per_application' ? '按件计收' : '按量计收'}，依据${c.reference}），明细如下：`,
          `请您自收到本通知之日起${c.payWithinWorkingDays}个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。${waiverRoute}`,
        ],
        items: c.lines.map((l) => `第${l.from}${l.to !== l.from ? `至${l.to}` : ''}${c.method === 'per_application' ? '件' : '页'}：${l.units}×${l.unitYuan}元＝${l.subtotalYuan}元`),
        articles: [],
      };
    case 'public_interest_override_notice':
      return {
        paragraphs: [
          `${received}就申请公开的政府信息，贵方提出了不同意公开的意见。本机关认为不公开可能对公共利益造成重大影响，根据${citation}的规定，决定予以公开。`,
          `决定公开的政府信息内容：${c.disclosedContent}。`,
          `理由：${c.reasons}。`,
        ],
        items: [],
        articles: [],
      };
    case 'excessive_reasons_request':
      return {
        paragraphs: [
          `${received}您申请公开政府信息的数量、频次明显超过合理范围（${c.grounds}）。根据${citation}的规定，请您说明申请理由${c.reasonsWithinWorkingDays ? `，并于收到本通知之日起${c.reasonsWithinWorkingDays}个工作日内提出` : ''}。本机关认为申请理由不合理的，将告知您不予处理。`,
        ],
        items: [],
        articles: [],
      };
    case 'excessive_period_notice':
      return {
        paragraphs: [
          `${received}本机关认为您的申请理由合理，但无法在《中华人民共和国政府信息公开条例》第三十三条规定的期限内答复。根据${citation}的规定，确定延迟答复的合理期限，本机关将于${dateZh(c.due)}前答复。理由：${c.reason}。`,
        ],
        items: [],
        articles: [],
      };
  }
}

export function buildNotice(r: DisclosureNoticeRequest, issuer: LetterIssuer, waiverRoute = DEFAULT_FEE_WAIVER_ROUTE): ReplyLetterDocument {
  const text = NOTICE_TEXTS[r.content.kind];
  const citation = `${cite(text.articles)}${text.also ? `及${text.also}` : ''}`;
  const b = body(r.content, r, citation, waiverRoute);
  const addressee = r.addressee === 'applicant' ? `申请人（申请编号：${r.applicationId}）：` : `${r.addresseeName ?? (r.addressee === 'third_party' ? '第三方' : '有关机关')}：`;
  return {
    title: text.title,
    reference: `依申请公开通〔${r.issuedOn.slice(0, 4)}〕${r.applicationId.slice(0, 8)}-${r.noticeId}号`,
    addressee,
    paragraphs: b.paragraphs,
    items: b.items,
    remedies: '',
    remediesVersion: '',
    facts: [
      ['申请编号', r.applicationId],
      ['案件编号', r.caseId],
      ['通知编号', r.noticeId],
      ['发出日期', dateZh(r.issuedOn)],
    ],
    signature: { agency: issuer.agencyName, department: departmentName(r.department), date: dateZh(r.issuedOn) },
    copiedTo: '',
    articles: [...new Set([...text.articles, ...b.articles])],
  };
}
