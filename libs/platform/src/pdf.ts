// PDF rendering shared by the services that issue documents (publication's letters and notices, the ledger's special
// reports): pdfkit with an embedded Simplified Chinese font — Noto Sans Hans (SIL OFL), shipped by the npm package
// @embedpdf/fonts-sc and subset-embedded, so a document is tens of kilobytes.
import path from 'node:path';
import PDFDocument from 'pdfkit';

/** The bundled Chinese font: the package exports only its metadata, so the file is found next to its entry point. */
export function chineseFontPath(): string {
  return path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
}

export interface PdfOptions {
  title: string;
  subject?: string;
  /** The service that made it (the PDF's Creator). */
  creator: string;
  /** Written as the creation and modification date: the same input and date give the same bytes. */
  createdAt: Date;
  /** An OTF/TTF with Simplified Chinese glyphs, registered as the font `zh` and selected before `draw` runs. */
  fontPath: string;
  margins?: { top: number; bottom: number; left: number; right: number };
}

/** Renders an A4 PDF: `draw` writes the content with the Chinese font selected. Rejects when the font cannot be read. */
export function renderPdf(options: PdfOptions, draw: (pdf: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: options.margins ?? { top: 72, bottom: 72, left: 80, right: 80 },
      info: {
        Title: options.title, ...(options.subject ? { Subject: options.subject } : {}), Creator: options.creator, Producer: 'Huiying',
        CreationDate: options.createdAt, ModDate: options.createdAt,
      },
      lang: 'zh-CN',
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      pdf.registerFont('zh', options.fontPath);
      pdf.font('zh');
      draw(pdf);
      pdf.end();
    } catch (e) {
      reject(e as Error);
    }
  });
}
