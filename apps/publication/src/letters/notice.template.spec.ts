import { DISCLOSURE_NOTICE_KINDS, type DisclosureNoticeContent, type DisclosureNoticeRequest } from '@huiying/contracts';
import { computeFee, NATIONAL_DISCLOSURE_POLICY } from '@huiying/policy';
import { NOTICE_BASIS, noticeVariant, type NoticeVariant } from './notice-basis';
import { buildNotice, noticeRequestProblem } from './notice.template';
import { documentText, renderDocumentHtml, type LetterIssuer } from './official-document';

const issuer: LetterIssuer = {
  agencyName: '某市人民政府',
  reconsiderationBody: '某市人民政府',
  court: '某市中级人民法院',
  feePayment: '通过本市非税收入缴款系统缴纳',
  feeWaiver: '确有经济困难的，可以在缴费期限内申请减免',
};
const CASE = '0b6f3c1e-6f1a-4c55-9d43-5d2f1b7a9e01';
const APP = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const REG = '《中华人民共和国政府信息公开条例》';
const fee = computeFee(NATIONAL_DISCLOSURE_POLICY, { method: 'per_page', pages: 150 });

const CONTENT: Record<NoticeVariant, DisclosureNoticeContent> = {
  correction_notice: { kind: 'correction_notice', items: ['所需信息的名称或文号', '信息所属年度'], respondWithinWorkingDays: 10 },
  'consultation_request.third_party': { kind: 'consultation_request', consultationId: 'c1', party: 'third_party', matters: '中标合同中的报价明细', workingDays: 15, onSilence: 'agency_decides' },
  'consultation_request.co_producing_agency': { kind: 'consultation_request', consultationId: 'c2', party: 'co_producing_agency', matters: '联合发文的会议纪要', workingDays: 15, onSilence: 'consent' },
  extension_notice: { kind: 'extension_notice', workingDays: 20, reason: '需调取多个年度的档案', dueBefore: '2026-10-27', dueAfter: '2026-11-24', approvedOn: '2026-10-20', approverOffice: '政府信息公开工作机构' },
  fee_notice: { kind: 'fee_notice', method: fee.method, amountYuan: fee.amountYuan, lines: fee.lines, reference: fee.reference, payWithinWorkingDays: 20 },
  public_interest_override_notice: { kind: 'public_interest_override_notice', consultationId: 'c1', disclosedContent: '中标合同的总价和工期', reasons: '涉及重大公共工程资金使用' },
  excessive_reasons_request: { kind: 'excessive_reasons_request', grounds: '本月已提出45件申请', reasonsWithinWorkingDays: 10 },
  excessive_period_notice: { kind: 'excessive_period_notice', due: '2026-12-30', reason: '需逐件调取历年档案' },
};
const ADDRESSEE: Record<NoticeVariant, [DisclosureNoticeRequest['addressee'], string | null]> = {
  correction_notice: ['applicant', null],
  'consultation_request.third_party': ['third_party', '某建筑公司'],
  'consultation_request.co_producing_agency': ['co_producing_agency', '市财政局'],
  extension_notice: ['applicant', null],
  fee_notice: ['applicant', null],
  public_interest_override_notice: ['third_party', '某建筑公司'],
  excessive_reasons_request: ['applicant', null],
  excessive_period_notice: ['applicant', null],
};

function notice(v: NoticeVariant, over: Partial<DisclosureNoticeRequest> = {}): DisclosureNoticeRequest {
  return {
    requestId: `${CASE}:notice:n1`,
    caseId: CASE,
    applicationId: APP,
    jurisdiction: 'cn',
    department: 'disclosure_office',
    noticeId: 'n1',
    addressee: ADDRESSEE[v][0],
    addresseeName: ADDRESSEE[v][1],
    issuedOn: '2026-10-20',
    issuedBy: '经办人',
    sentVia: 'post_signed',
    receivedOn: '2026-09-28',
    correctedOn: null,
    content: CONTENT[v],
    ...over,
  };
}
const text = (v: NoticeVariant, over: Partial<DisclosureNoticeRequest> = {}) => documentText(buildNotice(notice(v, over), issuer));

describe('notices of the disclosure process (one table: title, articles, sources, text)', () => {
  it('has a row for every notice kind, each with its articles and the addressees it may go to', () => {
    for (const kind of DISCLOSURE_NOTICE_KINDS) expect(Object.keys(NOTICE_BASIS).some((v) => v.split('.')[0] === kind)).toBe(true);
    for (const [v, row] of Object.entries(NOTICE_BASIS)) {
      expect(row.articles.length).toBeGreaterThan(0);
      expect(noticeVariant(CONTENT[v as NoticeVariant])).toBe(v);
    }
  });

  it.each([
    ['correction_notice', '政府信息公开申请补正告知书', ['第三十条', '第二十九条第二款'], ['请您自收到本告知书之日起10个工作日内', '答复期限自本机关收到补正的申请之日起计算', '您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。']],
    [
      'consultation_request.third_party',
      '政府信息公开征求意见书',
      ['第三十二条', '第十五条'],
      ['请贵方自收到本征求意见书之日起15个工作日内向本机关提出书面意见', `贵方逾期未提出意见的，由本机关依照${REG}的规定决定是否公开`, '可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方'],
    ],
    ['consultation_request.co_producing_agency', '政府信息公开征求意见书', ['第三十四条'], ['请贵机关自收到本征求意见书之日起15个工作日内提出意见', '贵机关逾期未提出意见的，视为同意公开。']],
    ['extension_notice', '政府信息公开申请延期答复告知书', ['第三十三条第二款'], ['原答复期限为2026年10月27日', '经政府信息公开工作机构负责人于2026年10月20日同意，答复期限延长20个工作日，本机关将于2026年11月24日前作出答复', '延长理由：需调取多个年度的档案。']],
    [
      'fee_notice',
      '政府信息公开信息处理费收费通知书',
      ['第四十二条'],
      ['按量计收', '第1—30页：30页，不收费', '第31—100页：70页 × 10元/页 = 700元', '第101—150页：50页 × 20元/页 = 1000元', '应缴金额：1700元。', '请您在收到本通知次日起20个工作日内缴纳。缴纳方式：通过本市非税收入缴款系统缴纳。', '逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。', '确有经济困难的，可以在缴费期限内申请减免。'],
    ],
    ['public_interest_override_notice', '涉及第三方政府信息公开决定告知书', ['第三十二条', '第十五条', '第五十一条'], ['决定公开的政府信息内容：中标合同的总价和工期。', '决定公开的理由：涉及重大公共工程资金使用。', '本机关认为不公开上述政府信息会对公共利益造成重大影响']],
    ['excessive_reasons_request', '政府信息公开申请说明理由通知书', ['第三十五条'], ['明显超过合理范围：本月已提出45件申请。', '请您自收到本通知之日起10个工作日内向本机关说明申请理由', '认为申请理由不合理的，将告知您不予处理']],
    ['excessive_period_notice', '政府信息公开申请延迟答复告知书', ['第三十五条', '第三十三条'], ['本机关认为申请理由合理', '本机关将于2026年12月30日前作出答复', '理由：需逐件调取历年档案。']],
  ] as const)('%s: %s citing %j says what the article requires', (v, title, articles, says) => {
    const doc = buildNotice(notice(v), issuer);
    expect(doc.title).toBe(title);
    expect(doc.articles).toEqual(articles);
    for (const a of articles) expect(doc.citations).toContain(`${REG}${a}`);
    const all = documentText(doc);
    for (const s of says) expect(all).toContain(s);
    expect(doc.reference).toMatch(/^依申请公开.〔2026〕7c1d2e3f-n1号$/);
    expect(doc.copiedTo).toBeNull();
    expect(Object.fromEntries(doc.facts)).toMatchObject({ 申请编号: APP, 文书编号: 'n1', 发出日期: '2026年10月20日', 送达方式: '邮寄（签收）' });
    expect(doc.signature).toEqual({ agency: '某市人民政府', department: '政务公开工作领导小组办公室', date: '2026年10月20日' });
  });

  it('names the applicant by application number only, a consulted party by the name given', () => {
    expect(buildNotice(notice('correction_notice'), issuer).addressee).toBe(`申请人（申请编号：${APP}）：`);
    expect(buildNotice(notice('consultation_request.third_party'), issuer).addressee).toBe('某建筑公司：');
    expect(text('consultation_request.third_party')).toContain(`申请编号：${APP}`);
  });

  it('the fee notice cites 国办函〔2020〕109号 as a source besides 第四十二条', () => {
    expect(buildNotice(notice('fee_notice'), issuer).citations).toContain('《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）');
    expect(text('fee_notice', { content: { ...CONTENT.fee_notice, method: 'per_application', lines: [{ from: 11, to: 12, units: 2, unitYuan: 100, subtotalYuan: 200 }], amountYuan: 200 } as DisclosureNoticeContent })).toContain(
      '本月第11—12件：2件 × 100元/件 = 200元',
    );
  });

  it('the third-party override notice states the third party’s remedies of the version in force on its issue date', () => {
    const before = buildNotice(notice('public_interest_override_notice', { issuedOn: '2023-12-29', receivedOn: '2023-11-01' }), issuer);
    const after = buildNotice(notice('public_interest_override_notice', { issuedOn: '2024-01-02', receivedOn: '2023-11-01' }), issuer);
    expect(before.remediesVersion).toBe('cn-remedies-2019');
    expect(before.remedies).toContain('60日内向某市人民政府申请行政复议（《中华人民共和国行政复议法》（2017年修正）第九条）');
    expect(after.remediesVersion).toBe('cn-remedies-2024');
    expect(after.remedies).toMatch(/^如对本机关公开上述政府信息的决定不服，可以自收到本告知书之日起60日内向某市人民政府申请行政复议（《中华人民共和国行政复议法》第二十条），或者.*6个月内向某市中级人民法院提起行政诉讼/);
    expect(after.citations).toEqual(expect.arrayContaining(['《中华人民共和国行政复议法》第二十条', '《中华人民共和国行政诉讼法》第四十六条', `${REG}第五十一条`]));
  });

  it('procedural notices state no remedies (they are not reviewable on their own)', () => {
    for (const v of ['correction_notice', 'extension_notice', 'fee_notice', 'excessive_reasons_request'] as const) {
      const doc = buildNotice(notice(v), issuer);
      expect(doc.remedies).toBeNull();
      expect(doc.remediesVersion).toBeNull();
    }
  });

  it('a corrected application is stated; staff text is escaped in HTML', () => {
    expect(text('extension_notice', { correctedOn: '2026-10-09' })).toContain('并于2026年10月9日收到补正后的申请');
    const html = renderDocumentHtml(buildNotice(notice('correction_notice', { content: { ...CONTENT.correction_notice, items: ['<b>文号</b>'] } as DisclosureNoticeContent }), issuer));
    expect(html).toContain('<ol class="items"><li>&lt;b&gt;文号&lt;/b&gt;</li></ol>');
  });
});

describe('notice request checks (a request that contradicts itself is dead-lettered with this reason)', () => {
  const id = `${CASE}:notice:n1`;
  it.each(Object.keys(CONTENT) as NoticeVariant[])('accepts a consistent %s', (v) => expect(noticeRequestProblem(CASE, id, notice(v))).toBeNull());

  it.each([
    ['another case', 'correction_notice', { caseId: APP }, 'is not the request'],
    ['a request id that is not the notice’s', 'correction_notice', { requestId: `${CASE}:notice:n2` }, 'got envelope'],
    ['issued before the application was received', 'correction_notice', { issuedOn: '2026-09-01' }, 'is before the application'],
    ['the applicant named', 'fee_notice', { addresseeName: '张三' }, 'addresseeName must be null'],
    ['a consultation without the consulted party’s name', 'consultation_request.third_party', { addresseeName: ' ' }, 'needs addresseeName'],
    ['a third-party notice addressed to the applicant', 'public_interest_override_notice', { addressee: 'applicant', addresseeName: null }, 'is addressed to third_party'],
    ['a consultation addressed to another party than consulted', 'consultation_request.third_party', { addressee: 'co_producing_agency' }, 'is addressed to third_party'],
    ['a consultation period other than the law’s 15 working days', 'consultation_request.third_party', { content: { ...CONTENT['consultation_request.third_party'], workingDays: 10 } }, 'gives 15 working days'],
    ['a co-producer whose silence is not consent', 'consultation_request.co_producing_agency', { content: { ...CONTENT['consultation_request.co_producing_agency'], onSilence: 'agency_decides' } }, 'means consent'],
    ['an extension over 20 working days', 'extension_notice', { content: { ...CONTENT.extension_notice, workingDays: 25 } }, 'at most 20 working days'],
    ['an extension approved after the notice', 'extension_notice', { content: { ...CONTENT.extension_notice, approvedOn: '2026-10-21' } }, 'after the notice'],
    ['an extended due date before the original', 'extension_notice', { content: { ...CONTENT.extension_notice, dueAfter: '2026-10-26' } }, 'is not after the original'],
    ['fee lines that do not add up', 'fee_notice', { content: { ...CONTENT.fee_notice, amountYuan: 1800 } }, 'add up to 1700'],
    ['a fee line computed wrong', 'fee_notice', { content: { ...CONTENT.fee_notice, lines: [{ from: 31, to: 100, units: 70, unitYuan: 10, subtotalYuan: 600 }], amountYuan: 600 } }, 'fee line 31–100'],
    ['a fee of 0', 'fee_notice', { content: { ...CONTENT.fee_notice, lines: [], amountYuan: 0 } }, 'above 0'],
    ['a payment period other than 109号’s 20 working days', 'fee_notice', { content: { ...CONTENT.fee_notice, payWithinWorkingDays: 15 } }, 'gives 20 working days'],
    ['a reasonable period ending on the issue date', 'excessive_period_notice', { content: { ...CONTENT.excessive_period_notice, due: '2026-10-20' } }, 'not after the notice'],
  ] as const)('refuses %s', (_what, v, over, reason) => {
    expect(noticeRequestProblem(CASE, id, notice(v, over as Partial<DisclosureNoticeRequest>))).toContain(reason);
  });

  it('refuses an envelope id that is not the request id', () => expect(noticeRequestProblem(CASE, `${CASE}:poison`, notice('correction_notice'))).toContain('got envelope'));
});
