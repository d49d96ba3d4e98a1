import { REPLY_TYPE_RESULTS, REPLY_TYPES, type DisclosureReplyLetterRequest, type ReplyType } from '@huiying/contracts';
import { dateZh, documentText, renderDocumentHtml, type LetterIssuer } from './official-document';
import { buildReplyLetter, replyLetterRequestProblem } from './reply-letter.template';

const issuer: LetterIssuer = { agencyName: '某市人民政府', reconsiderationBody: '某市人民政府', court: '某市中级人民法院', feePayment: '到窗口缴纳', feeWaiver: '确有困难的可申请减免' };
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

const html = (r: DisclosureReplyLetterRequest) => renderDocumentHtml(buildReplyLetter(r, issuer));
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
    expect(doc.blocks).toContainEqual({ type: 'list', role: 'withheld', entries: expect.any(Array) });
    expect(doc.blocks.flatMap((b) => (b.type === 'list' ? b.entries : []))).toEqual([
      expect.stringMatching(/^个人银行账户信息：涉及商业秘密、个人隐私.*第十五条.*涉及个人隐私$/),
      expect.stringMatching(/^内部审核意见：属于过程性信息（.*第十六条第二款）。属于过程性信息$/),
    ]);
    expect(renderDocumentHtml(doc)).toContain('<p>不予公开的部分及理由：</p>\n<ol class="withheld"><li>个人银行账户信息');
    // review first for the withheld part, review or a lawsuit for the rest
    expect(doc.remedies).toMatch(/^对本告知书中不予公开的部分不服的，.*应当先向某市人民政府申请行政复议.*对本答复的其他内容不服的，可以自收到本告知书之日起60日内/);
  });

  it('states receipt, correction, extension, due and reply dates', () => {
    const doc = buildReplyLetter(
      request({ replyType: 'disclosed' }, { correctedOn: '2026-10-09', extension: { workingDays: 20, approvedOn: '2026-10-29', dueAfter: '2026-11-27' }, answerDue: '2026-11-27' }),
      issuer,
    );
    expect(documentText(doc).split('\n')[0]).toContain('于2026年10月9日收到补正后的申请');
    expect(documentText(doc).split('\n')[0]).toContain('答复期限延长20个工作日');
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

describe('reply letter remedies (救济途径) per reply type and per version: the law in force on the issue date', () => {
  const REVIEW_FIRST = '《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款';
  const REVIEW_2024 = '《中华人民共和国行政复议法》第二十条';
  const REVIEW_2017 = '《中华人民共和国行政复议法》（2017年修正）第九条';
  const SUIT_DIRECT = '《中华人民共和国行政诉讼法》第四十六条';
  const SUIT_AFTER_REVIEW = '《中华人民共和国行政诉讼法》第四十五条';
  const ART_51 = '《中华人民共和国政府信息公开条例》第五十一条';
  const withheld = [{ description: '专家个人联系方式', resultCode: 'withheld.third_party_rights' as const, reason: '涉及个人隐私' }];
  const letter = (replyType: ReplyType, issuedOn: string) => {
    const base = request({ replyType, resultCode: REPLY_TYPE_RESULTS[replyType][0], withheldParts: replyType === 'partly_disclosed' ? withheld : [] });
    return buildReplyLetter({ ...base, reply: { ...base.reply, issuedOn } }, issuer);
  };
  const cases = REPLY_TYPES.flatMap((t) => [
    [t, '2023-12-29', 'cn-remedies-2019'],
    [t, '2024-01-02', 'cn-remedies-2024'],
  ]) as [ReplyType, string, string][];

  it.each(cases)('%s issued %s quotes %s', (replyType, issuedOn, version) => {
    const doc = letter(replyType, issuedOn);
    expect(doc.remediesVersion).toBe(version);
    expect(doc.articles).toContain('第五十一条');
    expect(doc.remedies).toMatch(/（《中华人民共和国政府信息公开条例》第五十一条）。$/);
    expect(doc.citations).toContain(ART_51);
    const whole = version === 'cn-remedies-2024' && replyType === 'not_disclosed';
    const part = version === 'cn-remedies-2024' && replyType === 'partly_disclosed';
    if (whole) {
      expect(doc.remedies).toMatch(/^如对本答复不服，依照《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款的规定，应当先向某市人民政府申请行政复议，不能直接向人民法院提起行政诉讼/);
      expect(doc.remedies).toContain('自收到行政复议决定书之日起15日内向人民法院提起行政诉讼');
      expect(doc.remedies).not.toContain('6个月');
      expect(doc.citations).toEqual(expect.arrayContaining([REVIEW_FIRST, REVIEW_2024, SUIT_AFTER_REVIEW]));
      expect(doc.citations).not.toContain(SUIT_DIRECT);
    } else if (part) {
      expect(doc.remedies).toMatch(/^对本告知书中不予公开的部分不服的，依照.*第二十三条第一款第（四）项、第二款的规定，应当先向某市人民政府申请行政复议.*。对本答复的其他内容不服的，可以自收到本告知书之日起60日内向某市人民政府申请行政复议.*6个月内向某市中级人民法院提起行政诉讼/);
      expect(doc.citations).toEqual(expect.arrayContaining([REVIEW_FIRST, REVIEW_2024, SUIT_AFTER_REVIEW, SUIT_DIRECT]));
    } else {
      const review = version === 'cn-remedies-2019' ? REVIEW_2017 : REVIEW_2024;
      expect(doc.remedies).toBe(
        `如对本答复不服，可以自收到本告知书之日起60日内向某市人民政府申请行政复议（${review}），或者自收到本告知书之日起6个月内向某市中级人民法院提起行政诉讼（${SUIT_DIRECT}）（${ART_51}）。`,
      );
      expect(doc.citations).toEqual(expect.arrayContaining([review, SUIT_DIRECT]));
      expect(doc.citations).not.toContain(REVIEW_FIRST);
    }
  });

  it('every reply type is routed by every remedies version (a new reply type cannot reach a letter unrouted)', () => {
    for (const t of REPLY_TYPES) for (const on of ['2023-12-29', '2024-01-02']) expect(() => letter(t, on)).not.toThrow();
  });
});

describe('reply-letter request checks', () => {
  const ok = request({ replyType: 'disclosed' });
  it('accepts a consistent request', () => expect(replyLetterRequestProblem(CASE, `${CASE}:reply-letter`, ok)).toBeNull());
  it.each([
    ['another case', { ...ok, caseId: APP }, 'is not the request'],
    ['a result code the reply type is not counted as', { ...ok, decision: { ...ok.decision, resultCode: 'withheld.state_secret' as const } }, 'is counted as'],
    ['an issue date before receipt', { ...ok, reply: { ...ok.reply, issuedOn: '2026-09-01' } }, 'is before receivedOn'],
  ])('refuses %s', (_what, r, reason) => {
    expect(replyLetterRequestProblem(CASE, `${CASE}:reply-letter`, r as DisclosureReplyLetterRequest)).toContain(reason);
  });
  it('refuses an envelope id that is not the request id', () => {
    expect(replyLetterRequestProblem(CASE, `${CASE}:poison`, ok)).toContain('got envelope');
  });
});
