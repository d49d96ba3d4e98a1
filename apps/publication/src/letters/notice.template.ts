// A notice of the disclosure process (补正告知书, 征求意见书, 延期答复告知书, 收费通知书, the third-party override notice,
// the 第三十五条 notices) as an OfficialDocument, from its DisclosureNoticeRequest and its row in NOTICE_BASIS; and the
// checks that refuse a request contradicting itself. Pure: no I/O.
import { noticeRequestId, type DisclosureNoticeRequest } from '@huiying/contracts';
import { thirdPartyOverrideRemedies } from '@huiying/policy';
import { cite } from './legal-basis';
import { NOTICE_BASIS, noticeVariant, type NoticeBasis, type NoticeContext } from './notice-basis';
import { addUnique, dateZh, departmentName, SENT_VIA_ZH, type LetterIssuer, type OfficialDocument } from './official-document';
import { remediesText } from './remedies.text';

const ADDRESSEE_ROLE_ZH = { applicant: '申请人', third_party: '第三方', co_producing_agency: '共同制作机关' } as const;

/** Why a notice request cannot be rendered as it stands (it contradicts itself or the law it cites), or null. */
export function noticeRequestProblem(caseId: string, envelopeId: string, n: DisclosureNoticeRequest): string | null {
  const c = n.content;
  const basis = NOTICE_BASIS[noticeVariant(c)] as NoticeBasis;
  const expectedId = noticeRequestId(caseId, n.noticeId);
  if (n.caseId !== caseId) return `notice.caseId ${n.caseId} is not the request's case ${caseId}`;
  if (n.requestId !== expectedId || envelopeId !== expectedId) return `notice ${n.noticeId} of case ${caseId} has id ${expectedId}, got envelope ${envelopeId} / request ${n.requestId}`;
  if (n.issuedOn < n.receivedOn) return `notice issuedOn ${n.issuedOn} is before the application's receivedOn ${n.receivedOn}`;
  if (n.correctedOn && n.correctedOn < n.receivedOn) return `correctedOn ${n.correctedOn} is before receivedOn ${n.receivedOn}`;
  if (!basis.addressees.includes(n.addressee)) return `a ${c.kind} is addressed to ${basis.addressees.join(' or ')}, not ${n.addressee}`;
  if (n.addressee === 'applicant' && n.addresseeName !== null && n.addresseeName !== undefined) {
    return 'a notice to the applicant names the applicant by application number only: addresseeName must be null';
  }
  if (n.addressee !== 'applicant' && !n.addresseeName?.trim()) return `a ${c.kind} to the ${n.addressee} needs addresseeName`;
  const period = 'workingDays' in c && c.kind === 'consultation_request' ? c.workingDays : c.kind === 'fee_notice' ? c.payWithinWorkingDays : null;
  if (basis.statutoryWorkingDays !== null && period !== basis.statutoryWorkingDays) {
    return `${cite(basis.articles)}${basis.sources.map((s) => s.document).join('')} gives ${basis.statutoryWorkingDays} working days; the ${c.kind} says ${period}`;
  }
  switch (c.kind) {
    case 'consultation_request': {
      const onSilence = c.party === 'third_party' ? 'agency_decides' : 'consent';
      if (c.onSilence !== onSilence) return `silence of a ${c.party} means ${onSilence} (${cite(basis.articles)}), not ${c.onSilence}`;
      return null;
    }
    case 'extension_notice':
      if (c.workingDays > 20) return `an extension is at most 20 working days (第三十三条第二款), not ${c.workingDays}`;
      if (c.approvedOn > n.issuedOn) return `the extension is approved on ${c.approvedOn}, after the notice's issue date ${n.issuedOn}`;
      if (c.dueBefore && c.dueAfter && c.dueAfter <= c.dueBefore) return `the extended due date ${c.dueAfter} is not after the original ${c.dueBefore}`;
      return null;
    case 'fee_notice': {
      if (c.amountYuan <= 0) return 'a fee notice asks for an amount above 0 元';
      const bad = c.lines.find((l) => l.to < l.from || l.units !== l.to - l.from + 1 || l.subtotalYuan !== l.units * l.unitYuan);
      if (bad) return `fee line ${bad.from}–${bad.to}: ${bad.units} × ${bad.unitYuan} 元 is not ${bad.subtotalYuan} 元 over ${bad.to - bad.from + 1} units`;
      const total = c.lines.reduce((s, l) => s + l.subtotalYuan, 0);
      if (total !== c.amountYuan) return `the fee lines add up to ${total} 元, not the amount ${c.amountYuan} 元`;
      return null;
    }
    case 'excessive_period_notice':
      if (c.due <= n.issuedOn) return `the reasonable period ends ${c.due}, not after the notice's issue date ${n.issuedOn}`;
      return null;
    default:
      return null;
  }
}

/** The notice as a document. Call noticeRequestProblem first: a request it refuses is not rendered. */
export function buildNotice(n: DisclosureNoticeRequest, issuer: LetterIssuer): OfficialDocument {
  const basis = NOTICE_BASIS[noticeVariant(n.content)] as NoticeBasis;
  const x: NoticeContext = { applicationId: n.applicationId, receivedOn: n.receivedOn, correctedOn: n.correctedOn, issuedOn: n.issuedOn, issuer };
  const blocks = (basis.text as (c: DisclosureNoticeRequest['content'], x: NoticeContext) => OfficialDocument['blocks'])(n.content, x);
  const articles = [...basis.articles];
  const citations = [...articles.map((a) => cite([a])), ...basis.sources.map((s) => `${s.document}${s.article}`)];
  let remedies: string | null = null;
  let remediesVersion: string | null = null;
  if (n.content.kind === 'public_interest_override_notice') {
    // the third party may challenge the decision to disclose: the route in force on the issue date, and 第五十一条
    const r = remediesText(thirdPartyOverrideRemedies(n.issuedOn), { reviewBody: issuer.reconsiderationBody, court: issuer.court }, '本机关公开上述政府信息的决定');
    remedies = r.text;
    remediesVersion = r.version;
    addUnique(articles, '第五十一条');
    addUnique(citations, cite(['第五十一条']), ...r.citations);
  }
  const facts: [string, string][] = [
    ['申请编号', n.applicationId],
    ['案件编号', n.caseId],
    ['收到申请日期', dateZh(n.receivedOn)],
  ];
  if (n.correctedOn) facts.push(['收到补正日期', dateZh(n.correctedOn)]);
  facts.push(['文书编号', n.noticeId], ['发出日期', dateZh(n.issuedOn)], ['送达方式', SENT_VIA_ZH[n.sentVia]], ['受送达人', ADDRESSEE_ROLE_ZH[n.addressee]]);
  return {
    kind: n.content.kind,
    title: basis.title,
    reference: `依申请公开${basis.referenceMark}〔${n.issuedOn.slice(0, 4)}〕${n.applicationId.slice(0, 8)}-${n.noticeId}号`,
    addresseeRole: n.addressee,
    addressee: n.addressee === 'applicant' ? `申请人（申请编号：${n.applicationId}）：` : `${(n.addresseeName ?? '').trim()}：`,
    blocks,
    remedies,
    remediesVersion,
    facts,
    signature: { agency: issuer.agencyName, department: departmentName(n.department), date: dateZh(n.issuedOn) },
    copiedTo: null,
    issuedOn: n.issuedOn,
    articles,
    citations,
  };
}
