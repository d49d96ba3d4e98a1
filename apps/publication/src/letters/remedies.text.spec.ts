import { replyRemedies, thirdPartyOverrideRemedies } from '@huiying/policy';
import { remediesText } from './remedies.text';

const where = { reviewBody: '某市人民政府', court: '某市中级人民法院' };
const REVIEW_2024 = '《中华人民共和国行政复议法》第二十条';
const REVIEW_2017 = '《中华人民共和国行政复议法》（2017年修正）第九条';
const REVIEW_FIRST = '《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款';
const SUIT_AFTER_REVIEW = '《中华人民共和国行政诉讼法》第四十五条';
const SUIT_DIRECT = '《中华人民共和国行政诉讼法》第四十六条';
const ART_51 = '《中华人民共和国政府信息公开条例》第五十一条';
const reply = (replyType: string, issuedOn: string, hasWithheldParts = false) => remediesText(replyRemedies({ replyType, hasWithheldParts, issuedOn }), where, '本答复');

describe('remedies as a document states them (救济途径)', () => {
  it('a refusal issued 2024-01-02: review first at the named body, a lawsuit only after the review decision or its period', () => {
    const r = reply('not_disclosed', '2024-01-02');
    expect(r.version).toBe('cn-remedies-2024');
    expect(r.text).toBe(
      `如对本答复不服，依照${REVIEW_FIRST}的规定，应当先向某市人民政府申请行政复议，不能直接向人民法院提起行政诉讼：行政复议申请自收到本告知书之日起60日内提出（${REVIEW_2024}）；` +
        `对行政复议决定不服的，可以自收到行政复议决定书之日起15日内向人民法院提起行政诉讼（${SUIT_AFTER_REVIEW}）；行政复议机关逾期不作决定的，可以自行政复议期限届满之日起15日内向人民法院提起行政诉讼（${ART_51}）。`,
    );
    expect(r.citations).toEqual([REVIEW_FIRST, REVIEW_2024, SUIT_AFTER_REVIEW, ART_51]);
  });

  it('the same refusal issued 2023-12-29: review or a lawsuit under the law in force then', () => {
    const r = reply('not_disclosed', '2023-12-29');
    expect(r.text).toBe(
      `如对本答复不服，可以自收到本告知书之日起60日内向某市人民政府申请行政复议（${REVIEW_2017}），或者自收到本告知书之日起6个月内向某市中级人民法院提起行政诉讼（${SUIT_DIRECT}）（${ART_51}）。`,
    );
    expect(r.citations).toEqual([REVIEW_2017, SUIT_DIRECT, ART_51]);
  });

  it('部分公开 from 2024: review first for the withheld part, then review or a lawsuit for the rest', () => {
    const r = reply('partly_disclosed', '2024-01-02', true);
    expect(r.text).toMatch(/^对本告知书中不予公开的部分不服的，依照.*第二十三条第一款第（四）项、第二款的规定，应当先向某市人民政府申请行政复议，不能直接向人民法院提起行政诉讼/);
    expect(r.text).toContain('。对本答复的其他内容不服的，可以自收到本告知书之日起60日内向某市人民政府申请行政复议');
    expect(r.citations).toEqual([REVIEW_FIRST, REVIEW_2024, SUIT_AFTER_REVIEW, SUIT_DIRECT, ART_51]);
  });

  it('the third party’s remedies against a decision to disclose over its objection', () => {
    const r = remediesText(thirdPartyOverrideRemedies('2026-12-03'), where, '本机关公开上述政府信息的决定');
    expect(r.text).toMatch(/^如对本机关公开上述政府信息的决定不服，可以自收到本告知书之日起60日内向某市人民政府申请行政复议/);
  });
});
