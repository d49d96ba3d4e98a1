// One model for every document publication issues on a disclosure application — the reply letter (答复告知书) and the
// notices of the process (补正告知书, 征求意见书 …): built once from the request by its template, then rendered as
// HTML (here) and PDF (document.pdf.ts) so both say exactly the same. Pure: no I/O.
import type { DisclosureNoticeKind, NoticeAddressee, NoticeDeliveryChannel } from '@huiying/contracts';
import { DEPARTMENTS, isDepartmentCode } from '@huiying/policy';

/** What a document is: the reply letter or one of the notice kinds. */
export type DocumentKind = 'disclosure_reply_letter' | DisclosureNoticeKind;

/** Who signs and where an addressee turns (configuration of the publishing agency). */
export interface LetterIssuer {
  /** 答复机关, e.g. 'XX市人民政府办公室'. */
  agencyName: string;
  /** 行政复议机关. */
  reconsiderationBody: string;
  /** 管辖法院. */
  court: string;
  /** 收费通知书: how the fee is paid (缴纳方式), as the office states it. */
  feePayment: string;
  /** 收费通知书: the route to a hardship waiver (减免), as the office states it. */
  feeWaiver: string;
}

/** A block of the body: a paragraph, or a numbered list (withheld parts, items to correct, fee lines). */
export type DocumentBlock = { type: 'paragraph'; text: string } | { type: 'list'; role: 'withheld' | 'items' | 'fee-lines'; entries: string[] };

export interface OfficialDocument {
  kind: DocumentKind;
  title: string;
  /** 文号 */
  reference: string;
  /** Who it is addressed to, by role (the applicant, a third party, a co-producing agency). */
  addresseeRole: NoticeAddressee;
  /** The salutation line: the applicant by application number, a consulted party by the name given. */
  addressee: string;
  blocks: DocumentBlock[];
  /** 救济途径, where the document states them (the reply letter, the third-party override notice). */
  remedies: string | null;
  /** The remedies version quoted (in force on the issue date), or null when the document states none. */
  remediesVersion: string | null;
  /** 办理信息: label → value. */
  facts: [string, string][];
  signature: { agency: string; department: string; date: string };
  /** 抄送 (the reply letter's copy to the supervising disclosure department), or null. */
  copiedTo: string | null;
  issuedOn: string;
  /** Articles of 政府信息公开条例 cited, e.g. '第三十条'. */
  articles: string[];
  /** Every source cited, with its document: '《中华人民共和国政府信息公开条例》第三十条', '国办函〔2020〕109号' … */
  citations: string[];
}

/** 2026-09-28 → 2026年9月28日 */
export function dateZh(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function departmentName(code: string): string {
  return isDepartmentCode(code) ? DEPARTMENTS[code].fullNameZh : code;
}

export const SENT_VIA_ZH: Record<NoticeDeliveryChannel, string> = {
  in_person: '当面送达',
  post_signed: '邮寄（签收）',
  ordinary_letter: '平常信函',
  email: '电子邮件',
  online: '网上平台',
  fax: '传真',
  sms: '短信',
};

/** Adds what is not there yet, in order. */
export function addUnique(to: string[], ...values: readonly string[]): void {
  for (const v of values) if (!to.includes(v)) to.push(v);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function blockHtml(b: DocumentBlock): string {
  return b.type === 'paragraph' ? `<p>${esc(b.text)}</p>` : `<ol class="${b.role}">${b.entries.map((e) => `<li>${esc(e)}</li>`).join('')}</ol>`;
}

export function renderDocumentHtml(doc: OfficialDocument): string {
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
    ...doc.blocks.map(blockHtml),
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

/** The document's text as one string (paragraphs, list entries, remedies): what tests and searches read. */
export function documentText(doc: OfficialDocument): string {
  return [...doc.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.entries)), doc.remedies ?? ''].join('\n');
}
