import type { DisclosureReplyLetterRequest, ReplyType } from '@huiying/contracts';
import { buildReplyLetter, dateZh, renderReplyLetterHtml } from './reply-letter.template';

const issuer = { agencyName: '某市人民政府', reconsiderationBody: '某市人民政府', court: '某市中级人民法院' };
const CASE = '0b6f3c1e-6f1a-4c55-9d43-5d2f1b7a9e01';
const APP = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

function request(decision: Partial<DisclosureReplyLetterRequest['decision']> & { replyType: ReplyType }, over: Partial<DisclosureReplyLetterRequest> = {}): DisclosureReplyLetterRequest {
  return {
    requestId: `${CASE}:reply-letter`,
    caseId: CASE,
    applicationId: APP,
    jurisdiction: 'cn',
    department: 'disclosure_office',
    copiedTo: 'disclosure_office',
    applicant: { type: 'natural_person' },
    filedAs: 'disclosure_application',
    channel: 'online',
    deliveryForm: 'electronic',
    receivedOn: '2026-09-28',
    correctedOn: null,
    answerDue: '2026-10-30',
    extension: null,
    decision: {
      resultCode: 'disclosed',
      resultRow: '（一）',
      decidedOn: '2026-10-20',
      reason: null,
      legalBasis: null,
      whereToObtain: null,
      rightAgency: null,
      rightChannel: null,
      withheldParts: [],
      publicInterestOverride: false,
      onTheSpot: false,
      ...decision,
    },
    reply: { issuedOn: '2026-10-21', issuedBy: '经办人', deliveredVia: 'email', late: false, letterRef: null },
    fee: null,
    ...over,
  };
}

const html = (r: DisclosureReplyLetterRequest) => renderReplyLetterHtml(buildReplyLetter(r, issuer));
const REMEDY = /自收到本告知书之日起60日内向某市人民政府申请行政复议（.*?），或者自收到本告知书之日起6个月内向某市中级人民法院提起行政诉讼/;

describe('reply letter (政府信息公开申请答复告知书)', () => {
  it.each([
    [{ replyType: 'already_public', whereToObtain: '市政府门户网站“政府信息公开”专栏' }, '第三十六条第（一）项', '市政府门户网站'],
    [{ replyType: 'disclosed' }, '第三十六条第（二）项', '电子数据'],
    [{ replyType: 'not_disclosed', resultCode: 'withheld.process_information', reason: '属于内部讨论稿' }, '第十六条第二款', '属于内部讨论稿'],
    [{ replyType: 'not_disclosed', resultCode: 'withheld.state_secret', reason: '经定密属于秘密级' }, '第十四条', '国家秘密'],
    [{ replyType: 'does_not_exist', resultCode: 'unavailable.not_held' }, '第三十六条第（四）项', '该政府信息不存在'],
    [{ replyType: 'not_this_agency', resultCode: 'unavailable.not_held', rightAgency: '市自然资源局' }, '第三十六条第（五）项', '市自然资源局'],
    [{ replyType: 'duplicate', resultCode: 'not_processed.duplicate' }, '第三十六条第（六）项', '不予重复处理'],
    [{ replyType: 'special_law', resultCode: 'other.other', legalBasis: '《不动产登记暂行条例》第二十七条' }, '第三十六条第（七）项', '不动产登记暂行条例'],
    [
      { replyType: 'not_disclosure_application', resultCode: 'not_processed.complaint_petition_report', rightChannel: '12345政务服务便民热线（投诉）', reason: 'filed as complaint' },
      '第三十九条第一款',
      '12345',
    ],
  ] as const)('%o cites %s, states the decision and the remedies', (decision, article, detail) => {
    const out = html(request(decision as Partial<DisclosureReplyLetterRequest['decision']> & { replyType: ReplyType }));
    expect(out).toContain('<h1>政府信息公开申请答复告知书</h1>');
    expect(out).toMatch(new RegExp(`根据《中华人民共和国政府信息公开条例》[^<]*${article.replace(/[（）]/g, '.')}[^<]*的规定，答复如下`));
    expect(out).toContain(detail);
    // issued 2026-10-21: 行政复议法 (2023) 第二十三条 — a refusal to disclose goes to review first
    if (decision.replyType === 'not_disclosed') {
      expect(out).toContain('应当先向某市人民政府申请行政复议');
      expect(out).toContain('自收到行政复议决定书之日起15日内向人民法院提起行政诉讼');
      expect(out).not.toMatch(REMEDY);
    } else {
      expect(out).toMatch(REMEDY);
    }
    expect(out).toContain('第五十一条');
    expect(out).toContain(APP);
    expect(out).toContain('2026年9月28日');
    expect(out).toContain('抄送：政务公开工作领导小组办公室');
    expect(out).not.toContain('filed as');
  });

  it('states the remedies of the law in force on the issue date: a refusal issued 2023-12-29 offers review or a lawsuit, one issued 2024-01-02 review first', () => {
    const refusal = { replyType: 'not_disclosed', resultCode: 'withheld.process_information', reason: '属于内部讨论稿' } as Partial<DisclosureReplyLetterRequest['decision']> & { replyType: ReplyType };
    const before = buildReplyLetter(request(refusal, { reply: { ...request(refusal).reply, issuedOn: '2023-12-29' } }), issuer);
    expect(before.remediesVersion).toBe('cn-remedies-2019');
    expect(before.remedies).toMatch(REMEDY);
    const after = buildReplyLetter(request(refusal, { reply: { ...request(refusal).reply, issuedOn: '2024-01-02' } }), issuer);
    expect(after.remediesVersion).toBe('cn-remedies-2024');
    expect(after.remedies).toContain('《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款的规定，应当先向某市人民政府申请行政复议');
  });

  it('partly disclosed: every withheld part with its ground, article and reason (区分处理, 第三十七条)', () => {
    const doc = buildReplyLetter(
      request({
        replyType: 'partly_disclosed',
        resultCode: 'partly_disclosed',
        withheldParts: [
          { description: '个人银行账户信息', resultCode: 'withheld.third_party_rights', reason: '涉及个人隐私' },
          { description: '内部审核意见', resultCode: 'withheld.process_information', reason: '属于过程性信息' },
        ],
      }),
      issuer,
    );
    expect(doc.articles).toEqual(expect.arrayContaining(['第三十七条', '第十五条', '第十六条第二款', '第五十一条']));
    expect(doc.items).toEqual([
      expect.stringMatching(/^个人银行账户信息：涉及商业秘密、个人隐私.*第十五条.*涉及个人隐私$/),
      expect.stringMatching(/^内部审核意见：属于过程性信息（.*第十六条第二款）。属于过程性信息$/),
    ]);
    expect(renderReplyLetterHtml(doc)).toContain('<ol class="withheld"><li>个人银行账户信息');
    // review first for the withheld part, review or a lawsuit for the rest
    expect(doc.remedies).toMatch(/^对本告知书中不予公开的部分不服的，.*应当先向某市人民政府申请行政复议.*对本答复的其他内容不服的，可以自收到本告知书之日起60日内/);
  });

  it('states receipt, correction, extension, due and reply dates', () => {
    const doc = buildReplyLetter(
      request({ replyType: 'disclosed' }, { correctedOn: '2026-10-09', extension: { workingDays: 20, approvedOn: '2026-10-29', dueAfter: '2026-11-27' }, answerDue: '2026-11-27' }),
      issuer,
    );
    expect(doc.paragraphs[0]).toContain('于2026年10月9日收到补正后的申请');
    expect(doc.paragraphs[0]).toContain('答复期限延长20个工作日');
    expect(Object.fromEntries(doc.facts)).toMatchObject({
      收到申请日期: '2026年9月28日',
      收到补正日期: '2026年10月9日',
      答复期限: '2026年11月27日（已延长20个工作日）',
      答复日期: '2026年10月21日',
      年度报告统计: '（一） 予以公开',
    });
    expect(doc.signature).toEqual({ agency: '某市人民政府', department: '政务公开工作领导小组办公室', date: '2026年10月21日' });
  });

  it('escapes what staff typed (no markup injection)', () => {
    const out = html(request({ replyType: 'not_disclosed', resultCode: 'withheld.internal_affairs', reason: '<script>alert(1)</script>' }));
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;');
  });

  it('dates in Chinese', () => {
    expect(dateZh('2027-01-05')).toBe('2027年1月5日');
    expect(dateZh(null)).toBe('—');
  });
});
