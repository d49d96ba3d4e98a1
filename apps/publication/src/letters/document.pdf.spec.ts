import { defaultLetterFontPath, renderReplyLetterPdf } from './reply-letter.pdf';
import type { ReplyLetterDocument } from './reply-letter.template';

const doc: ReplyLetterDocument = {
  title: '政府信息公开申请答复告知书',
  reference: '依申请公开告〔2026〕1号',
  addressee: '申请人（申请编号：7c1d2e3f）：',
  paragraphs: ['本机关于2026年9月28日收到您提出的政府信息公开申请。', '经审查，本机关决定予以公开。'],
  items: ['个人银行账户信息：涉及个人隐私'],
  remedies: '如对本答复不服，可以自收到本告知书之日起60日内申请行政复议，或者6个月内提起行政诉讼。',
  facts: [['申请编号', '7c1d2e3f']],
  signature: { agency: '某市人民政府', department: '政务公开工作领导小组办公室', date: '2026年10月21日' },
  copiedTo: '政务公开工作领导小组办公室',
  articles: ['第三十六条第（二）项'],
};

describe('reply letter PDF', () => {
  it('is a PDF with the Chinese font embedded (subset), the same bytes for the same letter', async () => {
    const a = await renderReplyLetterPdf(doc, defaultLetterFontPath(), new Date('2026-10-21T00:00:00+08:00'));
    const b = await renderReplyLetterPdf(doc, defaultLetterFontPath(), new Date('2026-10-21T00:00:00+08:00'));
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = a.toString('latin1');
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(text).toContain('/FontFile3'); // the CFF font program itself, not just a reference
    expect(a.length).toBeLessThan(500_000);
    expect(b.equals(a)).toBe(true);
  });

  it('fails clearly with a font file that does not exist', async () => {
    await expect(renderReplyLetterPdf(doc, '/nonexistent/font.otf')).rejects.toThrow();
  });
});
