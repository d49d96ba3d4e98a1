// The reply letter (政府信息公开申请答复告知书) as a document: built once from the publication request, then rendered
// as HTML (renderReplyLetterHtml) and PDF (reply-letter.pdf.ts) so both say exactly the same. Pure: no I/O.
import type { DeliveryForm, DisclosureReplyLetterRequest } from '@huiying/contracts';
import { DEPARTMENTS, isDepartmentCode, replyRemedies } from '@huiying/policy';
import { cite, legalBasisOf, REGULATION, REMEDIES, resultRowLabel, WITHHELD_GROUNDS } from './legal-basis';
import { remediesText } from './remedies.text';

/** Who signs and where the applicant turns (configuration of the publishing agency). */
export interface LetterIssuer {
  /** 答复机关, e.g. 'XX市人民政府办公室'. */
  agencyName: string;
  /** 行政复议机关. */
  reconsiderationBody: string;
  /** 管辖法院. */
  court: string;
}

export interface ReplyLetterDocument {
  title: string;
  /** 文号 */
  reference: string;
  addressee: string;
  paragraphs: string[];
  /** Numbered items (withheld parts). */
  items: string[];
  /** 救济途径 (reply letters; empty for notices). */
  remedies: string;
  /** The remedies version quoted (the one in force on the issue date, libs/policy remedies.ts). */
  remediesVersion: string;
  /** 办理信息: label → value. */
  facts: [string, string][];
  signature: { agency: string; department: string; date: string };
  /** 抄送 (reply letters; empty for notices). */
  copiedTo: string;
  /** Articles of the regulation cited (for search and tests). */
  articles: string[];
}

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

/** 2026-09-28 → 2026年9月28日 */
export function dateZh(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function departmentName(code: string): string {
  return isDepartmentCode(code) ? DEPARTMENTS[code].fullNameZh : code;
}

export function buildReplyLetter(r: DisclosureReplyLetterRequest, issuer: LetterIssuer): ReplyLetterDocument {
  const d = r.decision;
  const basis = legalBasisOf(d.replyType, d.resultCode);
  const articles = [...basis.articles];
  const paragraphs: string[] = [];
  const items: string[] = [];

  const received = r.correctedOn
    ? `本机关于${dateZh(r.receivedOn)}收到您提出的政府信息公开申请，经告知补正，于${dateZh(r.correctedOn)}收到补正后的申请。`
    : d.onTheSpot
      ? `您于${dateZh(r.receivedOn)}当面提出政府信息公开申请，本机关已当场答复，现以书面形式告知。`
      : `本机关于${dateZh(r.receivedOn)}收到您提出的政府信息公开申请。`;
  const extension = r.extension
    ? `因正当理由，经政府信息公开工作机构负责人同意，答复期限延长${r.extension.workingDays}个工作日（${REGULATION}第三十三条第二款），并已告知您。`
    : '';
  paragraphs.push(`${received}${extension}现根据${cite(basis.articles)}的规定，答复如下：`);
  paragraphs.push(basis.decisionZh);

  switch (d.replyType) {
    case 'already_public':
      paragraphs.push(`获取方式和途径：${d.whereToObtain ?? '—'}`);
      break;
    case 'disclosed':
      paragraphs.push(d.whereToObtain ? `获取方式、途径和时间：${d.whereToObtain}` : `本机关将按照您要求的形式（${DELIVERY_FORMS_ZH[r.deliveryForm]}）向您提供该政府信息。`);
      break;
    case 'partly_disclosed':
      paragraphs.push(
        d.whereToObtain ? `可以公开部分的获取方式、途径和时间：${d.whereToObtain}` : `可以公开的部分，本机关将按照您要求的形式（${DELIVERY_FORMS_ZH[r.deliveryForm]}）向您提供。`,
      );
      paragraphs.push('不予公开的部分及理由：');
      for (const p of d.withheldParts) {
        const g = WITHHELD_GROUNDS[p.resultCode];
        if (g) for (const a of g.articles) if (!articles.includes(a)) articles.push(a);
        items.push(`${p.description}：${g ? `${g.groundZh}（${cite(g.articles)}）` : resultRowLabel(p.resultCode)}。${p.reason}`);
      }
      break;
    case 'not_this_agency':
      paragraphs.push(d.rightAgency ? `负责公开该政府信息的行政机关：${d.rightAgency}。请向该机关提出申请。` : '本机关无法确定负责公开该政府信息的行政机关。');
      break;
    case 'not_disclosure_application':
      if (d.rightChannel) paragraphs.push(`您可以通过以下渠道提出：${d.rightChannel}。`);
      break;
    case 'special_law':
      if (d.legalBasis) paragraphs.push(`有关规定：${d.legalBasis}。`);
      break;
    default:
      break;
  }
  if (d.reason && !(d.replyType === 'not_disclosure_application' && d.reason.startsWith('filed as '))) paragraphs.push(`理由说明：${d.reason}`);
  if (d.legalBasis && d.replyType !== 'special_law') paragraphs.push(`其他依据：${d.legalBasis}。`);
  if (d.publicInterestOverride) {
    articles.push('第十五条', '第三十二条');
    paragraphs.push(
      `该政府信息涉及第三方合法权益，第三方不同意公开，但本机关认为不公开会对公共利益造成重大影响，依据${cite(['第十五条', '第三十二条'])}决定予以公开，并已将决定公开的内容和理由书面告知第三方。`,
    );
  }
  if (r.fee && r.fee.amountYuan > 0) {
    const status = r.fee.status === 'paid' ? '已缴纳' : r.fee.status === 'waived' ? '已减免' : '未缴纳';
    articles.push('第四十二条');
    paragraphs.push(`信息处理费：${r.fee.amountYuan}元（${status}），依据${cite(['第四十二条'])}及《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。`);
  }

  // 救济途径 as the law in force on the issue date states them (复议前置 for 不予公开 since 2024-01-01)
  const due = replyRemedies({ replyType: d.replyType, hasWithheldParts: d.replyType === 'partly_disclosed' && d.withheldParts.length > 0, issuedOn: r.reply.issuedOn });
  const remedies = remediesText(due, { reviewBody: issuer.reconsiderationBody, court: issuer.court }, '本答复');
  for (const a of REMEDIES.articles) articles.push(a);

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
    title: '政府信息公开申请答复告知书',
    reference: r.reply.letterRef ?? `依申请公开告〔${r.reply.issuedOn.slice(0, 4)}〕${r.applicationId.slice(0, 8)}号`,
    addressee: `申请人（申请编号：${r.applicationId}）：`,
    paragraphs,
    items,
    remedies: remedies.text,
    remediesVersion: remedies.version,
    facts,
    signature: { agency: issuer.agencyName, department: departmentName(r.department), date: dateZh(r.reply.issuedOn) },
    copiedTo: departmentName(r.copiedTo),
    articles: [...new Set(articles)],
  };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function renderReplyLetterHtml(doc: ReplyLetterDocument): string {
  const p = (t: string) => `<p>${esc(t)}</p>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${esc(doc.title)}</title>`,
    '<style>body{font-family:"Noto Sans SC","Source Han Sans SC","Microsoft YaHei",sans-serif;max-width:42em;margin:2em auto;line-height:1.8}',
    'h1{text-align:center;font-size:1.5em}.ref{text-align:center}.sign{text-align:right;margin-top:2em}table{border-collapse:collapse;margin-top:2em}',
    'td{border:1px solid #999;padding:.2em .6em}.cc{margin-top:2em;border-top:1px solid #999}</style></head><body>',
    `<h1>${esc(doc.title)}</h1>`,
    `<p class="ref">${esc(doc.reference)}</p>`,
    `<p class="addressee">${esc(doc.addressee)}</p>`,
    ...doc.paragraphs.map(p),
    doc.items.length ? `<ol class="withheld">${doc.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ol>` : '',
    doc.remedies ? `<p class="remedies">${esc(doc.remedies)}</p>` : '',
    `<div class="sign"><p>${esc(doc.signature.agency)}</p><p>（${esc(doc.signature.department)}）</p><p>${esc(doc.signature.date)}</p></div>`,
    `<table class="facts">${doc.facts.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>`,
    doc.copiedTo ? `<p class="cc">抄送：${esc(doc.copiedTo)}</p>` : '',
    '</body></html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}
