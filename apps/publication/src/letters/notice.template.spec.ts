import { noticeRequestId, type DisclosureNoticeContent, type DisclosureNoticeRequest } from '@huiying/contracts';
import { buildNotice, NOTICE_TEXTS } from './notice.template';
import { renderReplyLetterHtml } from './reply-letter.template';

const issuer = { agencyName: '某市人民政府', reconsiderationBody: '某市人民政府', court: '某市中级人民法院' };
const caseId = '0f9e8d7c-6b5a-4f3e-8d2c-1a0b9c8d7e6f';
const APP = '7d1c2f0e-6a4b-4c1e-9d3a-1b2c3d4e5f60';
function notice(content: DisclosureNoticeContent, over: Partial<DisclosureNoticeRequest> = {}): DisclosureNoticeRequest {
  return {
    requestId: noticeRequestId(caseId, 'n1'), caseId, applicationId: APP, jurisdiction: 'seed-city', department: 'disclosure_office', noticeId: 'n1',
    addressee: 'applicant', addresseeName: null, issuedOn: '2026-12-01', issuedBy: '经办人', sentVia: 'post_signed', receivedOn: '2026-11-30', correctedOn: null, content, ...over,
  };
}

describe('notices of the disclosure process', () => {
  it.each<[DisclosureNoticeContent, Partial<DisclosureNoticeRequest>, string[], RegExp[]]>([
    [{ kind: 'correction_notice', items: ['所需信息的名称或文号'], respondWithinWorkingDays: 15 }, {}, ['第二十九条第二款', '第三十条'], [/自收到本告知书之日起15个工作日内作出补正/, /答复期限自本机关收到补正的申请之日起计算/, /无正当理由逾期不补正的，视为放弃申请/]],
    [
      { kind: 'consultation_request', consultationId: 'c1', party: 'third_party', matters: '中标合同中的报价明细', workingDays: 15, onSilence: 'agency_decides' },
      { addressee: 'third_party', addresseeName: '某建筑公司' },
      ['第三十二条'],
      [/<p class="addressee">某建筑公司：/, /自收到本征求意见书之日起15个工作日内书面提出意见/, /逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开/],
    ],
    [
      { kind: 'consultation_request', consultationId: 'c2', party: 'co_producing_agency', matters: '联合发文', workingDays: 15, onSilence: 'consent' },
      { addressee: 'co_producing_agency', addresseeName: '市财政局' },
      ['第三十二条', '第三十四条'],
      [/逾期未提出意见的，视为同意公开/],
    ],
    [
      { kind: 'extension_notice', workingDays: 20, reason: '需调取档案', dueBefore: '2026-12-29', dueAfter: '2027-01-27', approvedOn: '2026-12-20', approverOffice: '政府信息公开工作机构' },
      {},
      ['第三十三条第二款'],
      [/经政府信息公开工作机构负责人同意/, /答复期限延长20个工作日，延长后的答复期限为2027年1月27日（原答复期限为2026年12月29日）/],
    ],
    [
      { kind: 'fee_notice', method: 'per_page', amountYuan: 1700, lines: [{ from: 1, to: 30, units: 30, unitYuan: 0, subtotalYuan: 0 }, { from: 31, to: 100, units: 70, unitYuan: 10, subtotalYuan: 700 }, { from: 101, to: 150, units: 50, unitYuan: 20, subtotalYuan: 1000 }], reference: '国办函〔2020〕109号', payWithinWorkingDays: 20 },
      {},
      ['第四十二条'],
      [/信息处理费1700元（按量计收/, /自收到本通知之日起20个工作日内缴纳/, /逾期未缴纳的，视为放弃申请/, /申请减免/, /第101至150页：50×20元＝1000元/, /国办函〔2020〕109号/],
    ],
    [
      { kind: 'public_interest_override_notice', consultationId: 'c1', disclosedContent: '检测报告中的安全参数', reasons: '涉及公共安全' },
      { addressee: 'third_party', addresseeName: '某检测公司' },
      ['第十五条', '第三十二条'],
      [/决定予以公开/, /决定公开的政府信息内容：检测报告中的安全参数/, /理由：涉及公共安全/],
    ],
    [{ kind: 'excessive_reasons_request', grounds: '本月已申请 45 件', reasonsWithinWorkingDays: 10 }, {}, ['第三十五条'], [/请您说明申请理由，并于收到本通知之日起10个工作日内提出/, /不予处理/]],
    [{ kind: 'excessive_period_notice', due: '2027-02-26', reason: '需逐件调档' }, {}, ['第三十五条'], [/本机关将于2027年2月26日前答复/, /第三十三条规定的期限内答复/]],
  ])('%o cites its articles and states what the law requires', (content, over, articles, says) => {
    const doc = buildNotice(notice(content, over), issuer);
    expect(doc.title).toBe(NOTICE_TEXTS[content.kind].title);
    expect(doc.articles).toEqual(articles);
    const html = renderReplyLetterHtml(doc);
    for (const s of says) expect(html).toMatch(s);
    expect(html).toContain(APP);
    expect(html).toContain('《中华人民共和国政府信息公开条例》');
    expect(html).not.toContain('class="remedies"');
    if (!over.addressee) expect(doc.addressee).toBe(`申请人（申请编号：${APP}）：`);
  });
});
