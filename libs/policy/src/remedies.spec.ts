import { remediesFor } from './remedies';

const where = { reviewBody: '某市人民政府', court: '某市中级人民法院' };

describe('remedies (救济途径) by the version in force on the letter’s issue date', () => {
  it('from 2024-01-01 a refusal to disclose must go to review first, and a lawsuit only after the review decision', () => {
    const r = remediesFor({ replyType: 'not_disclosed', hasWithheldParts: false, issuedOn: '2024-01-02', ...where });
    expect(r.version).toBe('cn-remedies-2024');
    expect(r.reviewFirst).toBe('whole');
    expect(r.text).toContain('应当先向某市人民政府申请行政复议');
    expect(r.text).toContain('自收到本告知书之日起60日内提出（《中华人民共和国行政复议法》第二十条）');
    expect(r.text).toContain('自收到行政复议决定书之日起15日内向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十五条）');
    expect(r.text).not.toContain('6个月');
    expect(r.citations).toEqual(['《中华人民共和国行政复议法》第二十条', '《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款', '《中华人民共和国行政诉讼法》第四十五条']);
  });

  it('the same refusal issued on 2023-12-29 offers review or a lawsuit (the law in force then)', () => {
    const r = remediesFor({ replyType: 'not_disclosed', hasWithheldParts: false, issuedOn: '2023-12-29', ...where });
    expect(r.version).toBe('cn-remedies-2019');
    expect(r.reviewFirst).toBe('none');
    expect(r.text).toBe(
      '如对本答复不服，可以自收到本告知书之日起60日内向某市人民政府申请行政复议（《中华人民共和国行政复议法》（2017年修正）第九条），或者自收到本告知书之日起6个月内向某市中级人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。',
    );
  });

  it('部分公开: review first for the withheld part, review or a lawsuit for the rest', () => {
    const r = remediesFor({ replyType: 'partly_disclosed', hasWithheldParts: true, issuedOn: '2026-12-03', ...where });
    expect(r.reviewFirst).toBe('withheld_part');
    expect(r.text).toMatch(/^对本告知书中不予公开的部分不服的，依照《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款的规定，应当先向某市人民政府申请行政复议/);
    expect(r.text).toContain('对本答复的其他内容不服的，可以自收到本告知书之日起60日内向某市人民政府申请行政复议');
    expect(r.text).toContain('6个月内向某市中级人民法院提起行政诉讼');
  });

  it.each(['disclosed', 'already_public', 'does_not_exist', 'not_this_agency', 'duplicate', 'special_law', 'not_disclosure_application'])(
    '%s keeps review or a lawsuit after 2024',
    (replyType) => {
      const r = remediesFor({ replyType, hasWithheldParts: false, issuedOn: '2026-12-03', ...where });
      expect(r).toMatchObject({ version: 'cn-remedies-2024', reviewFirst: 'none' });
      expect(r.text).toContain('或者自收到本告知书之日起6个月内向某市中级人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）');
    },
  );
});
