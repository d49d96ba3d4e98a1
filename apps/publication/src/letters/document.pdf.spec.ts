import { chineseFontPath } from '@huiying/platform';
import { renderDocumentPdf } from './document.pdf';
import type { OfficialDocument } from './official-document';

const doc: OfficialDocument = {
  kind: 'disclosure_reply_letter',
  title: '政府信息公开申请答复告知书',
  reference: '依申请公开告〔2026〕1号',
  addresseeRole: 'applicant',
  addressee: '申请人（申请编号：7c1d2e3f）：',
  blocks: [
    { type: 'paragraph', text: '本机关于2026年9月28日收到您提出的政府信息公开申请。' },
    { type: 'paragraph', text: '经审查，本机关决定予以公开。' },
    { type: 'list', role: 'withheld', entries: ['个人银行账户信息：涉及个人隐私'] },
  ],
  remediesVersion: 'cn-remedies-2024',
  remedies: '如对本答复不服，可以自收到本告知书之日起60日内申请行政复议，或者6个月内提起行政诉讼。',
  facts: [['申请编号', '7c1d2e3f']],
  signature: { agency: '某市人民政府', department: '政务公开工作领导小组办公室', date: '2026年10月21日' },
  copiedTo: '政务公开工作领导小组办公室',
  issuedOn: '2026-10-21',
  articles: ['第三十六条第（二）项'],
  citations: ['《中华人民共和国政府信息公开条例》第三十六条第（二）项'],
};
const notice: OfficialDocument = { ...doc, kind: 'correction_notice', title: '政府信息公开申请补正告知书', remedies: null, remediesVersion: null, copiedTo: null };

describe('document PDF (reply letter and notices)', () => {
  it('is a PDF with the Chinese font embedded (subset), the same bytes for the same letter', async () => {
    const a = await renderDocumentPdf(doc, chineseFontPath(), new Date('2026-10-21T00:00:00+08:00'));
    const b = await renderDocumentPdf(doc, chineseFontPath(), new Date('2026-10-21T00:00:00+08:00'));
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = a.toString('latin1');
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(text).toContain('/FontFile3'); // the CFF font program itself, not just a reference
    expect(a.length).toBeLessThan(500_000);
    expect(b.equals(a)).toBe(true);
  });

  it('renders a document without remedies or copy (a notice), smaller than the letter with them', async () => {
    const a = await renderDocumentPdf(notice, chineseFontPath(), new Date('2026-10-21T00:00:00+08:00'));
    const b = await renderDocumentPdf(doc, chineseFontPath(), new Date('2026-10-21T00:00:00+08:00'));
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.length).toBeLessThan(b.length);
  });

  it('fails clearly with a font file that does not exist', async () => {
    await expect(renderDocumentPdf(doc, '/nonexistent/font.otf')).rejects.toThrow();
  });
});
