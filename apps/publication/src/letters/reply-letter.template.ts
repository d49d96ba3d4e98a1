// The reply letter (政府信息公开申请答复告知书) as an OfficialDocument, built once from the publication request; the
// shared renderers (official-document.ts, document.pdf.ts) turn it into HTML and PDF. Pure: no I/O.
import { REPLY_TYPE_RESULTS, replyLetterRequestId, type DeliveryForm, type DisclosureReplyLetterRequest } from '@huiying/contracts';
import { replyRemedies } from '@huiying/policy';
import { cite, FEE_MEASURES_SOURCE, legalBasisOf, REGULATION, REMEDIES, resultRowLabel, WITHHELD_GROUNDS } from './legal-basis';
import { addUnique, dateZh, departmentName, type DocumentBlock, type LetterIssuer, type OfficialDocument } from './official-document';
import { remediesText } from './remedies.text';

const DELIVERY_FORMS_ZH: Record<DeliveryForm, string> = {
  paper: '纸质文本',
  electronic: '电子数据',
  email: '电子邮件',
  post: '邮寄',
  pickup: '当面领取',
  inspection: '现场查阅',
};

const REPLY_TYPES_ZH: Record<DisclosureReplyLetterRequest['decision']['replyType'], string> = {
  already_public: '已主动公开',
  disclosed: '予以公开',
  partly_disclosed: '部分公开',
  not_disclosed: '不予公开',
  does_not_exist: '无法提供（信息不存在）',
  not_this_agency: '非本机关负责公开',
  duplicate: '重复申请，不予重复处理',
  special_law: '依照有关法律、行政法规的规定办理',
  not_disclosure_application: '不作为政府信息公开申请处理',
};

export function buildReplyLetter(r: DisclosureReplyLetterRequest, issuer: LetterIssuer): OfficialDocument {
  const d = r.decision;
  const basis = legalBasisOf(d.replyType, d.resultCode);
  const articles = [...basis.articles];
  const other: string[] = [];
  const blocks: DocumentBlock[] = [];
  const say = (text: string) => blocks.push({ type: 'paragraph', text });

  const received = r.correctedOn
    ? `本机关于${dateZh(r.receivedOn)}收到您提出的政府信息公开申请，经告知补正，于${dateZh(r.correctedOn)}收到补正后的申请。`
    : d.onTheSpot
      ? `您于${dateZh(r.receivedOn)}当面提出政府信息公开申请，本机关已当场答复，现以书面形式告知。`
      : `本机关于${dateZh(r.receivedOn)}收到您提出的政府信息公开申请。`;
  const extension = r.extension
    ? `因正当理由，经政府信息公开工作机构负责人同意，答复期限延长${r.extension.workingDays}个工作日（${REGULATION}第三十三条第二款），并已告知您。`
    : '';
  if (r.extension) addUnique(articles, '第三十三条第二款');
  say(`${received}${extension}现根据${cite(basis.articles)}的规定，答复如下：`);
  say(basis.decisionZh);

  switch (d.replyType) {
    case 'already_public':
      say(`获取方式和途径：${d.whereToObtain ?? '—'}`);
      break;
    case 'disclosed':
      say(d.whereToObtain ? `获取方式、途径和时间：${d.whereToObtain}` : `本机关将按照您要求的形式（${DELIVERY_FORMS_ZH[r.deliveryForm]}）向您提供该政府信息。`);
      break;
    case 'partly_disclosed': {
      say(d.whereToObtain ? `可以公开部分的获取方式、途径和时间：${d.whereToObtain}` : `可以公开的部分，本机关将按照您要求的形式（${DELIVERY_FORMS_ZH[r.deliveryForm]}）向您提供。`);
      say('不予公开的部分及理由：');
      const entries = d.withheldParts.map((p) => {
        const g = WITHHELD_GROUNDS[p.resultCode];
        if (g) addUnique(articles, ...g.articles);
        return `${p.description}：${g ? `${g.groundZh}（${cite(g.articles)}）` : resultRowLabel(p.resultCode)}。${p.reason}`;
      });
      blocks.push({ type: 'list', role: 'withheld', entries });
      break;
    }
    case 'not_this_agency':
      say(d.rightAgency ? `负责公开该政府信息的行政机关：${d.rightAgency}。请向该机关提出申请。` : '本机关无法确定负责公开该政府信息的行政机关。');
      break;
    case 'not_disclosure_application':
      if (d.rightChannel) say(`您可以通过以下渠道提出：${d.rightChannel}。`);
      break;
    case 'special_law':
      if (d.legalBasis) say(`有关规定：${d.legalBasis}。`);
      break;
    default:
      break;
  }
  if (d.reason && !(d.replyType === 'not_disclosure_application' && d.reason.startsWith('filed as '))) say(`理由说明：${d.reason}`);
  if (d.legalBasis && d.replyType !== 'special_law') say(`其他依据：${d.legalBasis}。`);
  if (d.publicInterestOverride) {
    addUnique(articles, '第十五条', '第三十二条');
    say(`该政府信息涉及第三方合法权益，第三方不同意公开，但本机关认为不公开会对公共利益造成重大影响，依据${cite(['第十五条', '第三十二条'])}决定予以公开，并已将决定公开的内容和理由书面告知第三方。`);
  }
  if (r.fee && r.fee.amountYuan > 0) {
    const status = r.fee.status === 'paid' ? '已缴纳' : r.fee.status === 'waived' ? '已减免' : '未缴纳';
    addUnique(articles, '第四十二条');
    other.push(FEE_MEASURES_SOURCE.document);
    say(`信息处理费：${r.fee.amountYuan}元（${status}），依据${cite(['第四十二条'])}及${FEE_MEASURES_SOURCE.document}。`);
  }

  // 救济途径 as the law in force on the issue date states them (复议前置 for 不予公开 since 2024-01-01)
  const due = replyRemedies({ replyType: d.replyType, hasWithheldParts: d.replyType === 'partly_disclosed' && d.withheldParts.length > 0, issuedOn: r.reply.issuedOn });
  const remedies = remediesText(due, { reviewBody: issuer.reconsiderationBody, court: issuer.court }, '本答复');
  addUnique(articles, ...REMEDIES.articles);

  const facts: [string, string][] = [
    ['申请编号', r.applicationId],
    ['案件编号', r.caseId],
    ['收到申请日期', dateZh(r.receivedOn)],
  ];
  if (r.correctedOn) facts.push(['收到补正日期', dateZh(r.correctedOn)]);
  facts.push(['答复期限', r.extension ? `${dateZh(r.answerDue)}（已延长${r.extension.workingDays}个工作日）` : dateZh(r.answerDue)]);
  facts.push(['答复日期', dateZh(r.reply.issuedOn)]);
  facts.push(['答复类型', REPLY_TYPES_ZH[d.replyType]]);
  facts.push(['年度报告统计', resultRowLabel(d.resultCode)]);

  return {
    kind: 'disclosure_reply_letter',
    title: '政府信息公开申请答复告知书',
    reference: r.reply.letterRef ?? `依申请公开告〔${r.reply.issuedOn.slice(0, 4)}〕${r.applicationId.slice(0, 8)}号`,
    addresseeRole: 'applicant',
    addressee: `申请人（申请编号：${r.applicationId}）：`,
    blocks,
    remedies: remedies.text,
    remediesVersion: remedies.version,
    facts,
    signature: { agency: issuer.agencyName, department: departmentName(r.department), date: dateZh(r.reply.issuedOn) },
    copiedTo: departmentName(r.copiedTo),
    issuedOn: r.reply.issuedOn,
    articles,
    citations: [...new Set([...articles.map((a) => cite([a])), ...other, ...remedies.citations])],
  };
}

/** Why a reply-letter request cannot be rendered as it stands (it contradicts itself), or null. */
export function replyLetterRequestProblem(caseId: string, envelopeId: string, r: DisclosureReplyLetterRequest): string | null {
  if (r.caseId !== caseId) return `replyLetter.caseId ${r.caseId} is not the request's case ${caseId}`;
  if (r.requestId !== replyLetterRequestId(caseId) || envelopeId !== r.requestId) {
    return `a reply-letter request of case ${caseId} has id ${replyLetterRequestId(caseId)}, got envelope ${envelopeId} / request ${r.requestId}`;
  }
  const allowed = REPLY_TYPE_RESULTS[r.decision.replyType];
  if (!allowed.includes(r.decision.resultCode)) return `a ${r.decision.replyType} reply is counted as ${allowed.join(' or ')}, not ${r.decision.resultCode}`;
  if (r.reply.issuedOn < r.receivedOn) return `reply.issuedOn ${r.reply.issuedOn} is before receivedOn ${r.receivedOn}`;
  return null;
}
