// The bulletin as PDF (pdfkit): the Chinese font embedded (subset), the charts drawn as vector graphics from their
// SVG (svg-to-pdfkit), every font family of the SVG mapped to the embedded font. Deterministic for the same document
// and creation date.
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { CHART_HEIGHT, CHART_WIDTH } from './bulletin-charts';
import type { BulletinBlock, BulletinDocument } from './bulletin-document';

const FONT = 'bulletin';
const MARGIN = 56;

export function renderBulletinPdf(doc: BulletinDocument, fontPath: string, createdAt: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      info: { Title: doc.title, Creator: 'Huiying ledger', Producer: 'Huiying', CreationDate: createdAt, ModDate: createdAt },
      lang: 'zh-CN',
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      pdf.registerFont(FONT, fontPath);
      pdf.font(FONT);
      pdf.fontSize(16).text(doc.title, { align: 'center' });
      pdf.moveDown(0.3).fontSize(9).fillColor('#555555').text(doc.subtitle, { align: 'center' }).fillColor('#000000');
      for (const s of doc.sections) {
        pdf.moveDown(0.8).fontSize(13).text(s.heading, MARGIN);
        for (const b of s.blocks) drawBlock(pdf, b, doc);
      }
      pdf.moveDown(1).fontSize(8).fillColor('#555555');
      for (const line of doc.footer) pdf.text(line, MARGIN);
      pdf.end();
    } catch (e) {
      reject(e as Error);
    }
  });
}

function contentWidth(pdf: PDFKit.PDFDocument): number {
  return pdf.page.width - 2 * MARGIN;
}

function ensureRoom(pdf: PDFKit.PDFDocument, height: number): void {
  if (pdf.y + height > pdf.page.height - MARGIN) pdf.addPage();
}

function drawBlock(pdf: PDFKit.PDFDocument, b: BulletinBlock, doc: BulletinDocument): void {
  if (b.type === 'paragraph') {
    pdf.moveDown(0.3).fontSize(10.5).text(b.text, MARGIN, undefined, { indent: 21, lineGap: 3, align: 'justify', width: contentWidth(pdf) });
    return;
  }
  if (b.type === 'chart') {
    const width = contentWidth(pdf);
    const height = (width * CHART_HEIGHT) / CHART_WIDTH;
    ensureRoom(pdf, height + 24);
    const top = pdf.y + 6;
    SVGtoPDF(pdf as never, doc.charts[b.chart], MARGIN, top, { width, height, preserveAspectRatio: 'xMidYMid meet', fontCallback: () => FONT });
    pdf.font(FONT).fontSize(9).text(b.caption, MARGIN, top + height + 2, { align: 'center', width });
    return;
  }
  drawTable(pdf, b);
}

function drawTable(pdf: PDFKit.PDFDocument, t: Extract<BulletinBlock, { type: 'table' }>): void {
  const total = t.widths.reduce((a, w) => a + w, 0);
  const widths = t.widths.map((w) => (w / total) * contentWidth(pdf));
  const row = (cells: string[], header: boolean) => {
    pdf.fontSize(header ? 8.5 : 8);
    const height = Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: (widths[i] as number) - 4 }))) + 6;
    ensureRoom(pdf, height);
    const top = pdf.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const w = widths[i] as number;
      pdf.rect(x, top, w, height).lineWidth(0.5).stroke('#888888');
      pdf.fillColor('#000000').text(c, x + 2, top + 3, { width: w - 4, align: 'center' });
      x += w;
    });
    pdf.x = MARGIN;
    pdf.y = top + height;
  };
  pdf.moveDown(0.4);
  row(t.head, true);
  for (const r of t.rows) row(r, false);
}
