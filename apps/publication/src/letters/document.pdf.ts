// PDF rendering of every document (reply letter and notices) with pdfkit and an embedded Simplified Chinese font
// (the shared one of @huiying/platform: Noto Sans Hans; subset-embedded, so a document is tens of kilobytes).
import PDFDocument from 'pdfkit';
import type { OfficialDocument } from './official-document';

/** Renders the document; `fontPath` is an OTF/TTF with Simplified Chinese glyphs. Deterministic for the same input. */
export function renderDocumentPdf(doc: OfficialDocument, fontPath: string, createdAt: Date = new Date(0)): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: 72, bottom: 72, left: 80, right: 80 },
      info: { Title: doc.title, Subject: doc.reference, Creator: 'Huiying publication', Producer: 'Huiying', CreationDate: createdAt, ModDate: createdAt },
      lang: 'zh-CN',
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      pdf.registerFont('letter', fontPath);
      pdf.font('letter');
      pdf.fontSize(18).text(doc.title, { align: 'center' });
      pdf.moveDown(0.3).fontSize(11).text(doc.reference, { align: 'center' });
      pdf.moveDown(1).fontSize(12).text(doc.addressee);
      const body = { indent: 24, lineGap: 4, paragraphGap: 6, align: 'justify' as const };
      for (const b of doc.blocks) {
        if (b.type === 'paragraph') pdf.moveDown(0.3).text(b.text, body);
        else b.entries.forEach((entry, i) => pdf.moveDown(0.2).text(`${i + 1}. ${entry}`, { indent: 24, lineGap: 4 }));
      }
      if (doc.remedies) pdf.moveDown(0.3).text(doc.remedies, body);
      pdf.moveDown(1.5);
      pdf.text(doc.signature.agency, { align: 'right' });
      pdf.text(`（${doc.signature.department}）`, { align: 'right' });
      pdf.text(doc.signature.date, { align: 'right' });
      pdf.moveDown(1.5).fontSize(10);
      for (const [k, v] of doc.facts) pdf.text(`${k}：${v}`, { lineGap: 2 });
      if (doc.copiedTo) pdf.moveDown(1).text(`抄送：${doc.copiedTo}`);
      pdf.end();
    } catch (e) {
      reject(e as Error);
    }
  });
}
