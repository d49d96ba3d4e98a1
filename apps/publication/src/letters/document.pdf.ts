// PDF rendering of every document (reply letter and notices) with the shared Chinese-font PDF helper
// (@huiying/platform renderPdf: pdfkit, Noto Sans Hans subset-embedded).
import { chineseFontPath, renderPdf } from '@huiying/platform';
import type { OfficialDocument } from './official-document';

/** The bundled font (Noto Sans Hans from @embedpdf/fonts-sc). */
export const defaultLetterFontPath = chineseFontPath;

/** Renders the document; `fontPath` is an OTF/TTF with Simplified Chinese glyphs. Deterministic for the same input. */
export function renderDocumentPdf(doc: OfficialDocument, fontPath: string, createdAt: Date = new Date(0)): Promise<Buffer> {
  return renderPdf({ title: doc.title, subject: doc.reference, creator: 'Huiying publication', createdAt, fontPath }, (pdf) => {
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
  });
}
