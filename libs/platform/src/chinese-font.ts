// The Simplified Chinese font every generated PDF embeds (letters and notices in publication, bulletins in the ledger):
// Noto Sans Hans (SIL OFL) shipped by the npm package @embedpdf/fonts-sc, GB2312 coverage; pdfkit subset-embeds it.
import path from 'node:path';

/**
 * The font family name generated SVG (charts) is written in; a PDF renderer maps it to the embedded font, an HTML
 * page falls back to the reader's sans-serif Chinese font after it.
 */
export const DOCUMENT_FONT_FAMILY = 'Noto Sans SC';

/** The bundled font file: the package exports only its metadata, so the file is found next to its entry point. */
export function defaultChineseFontPath(): string {
  return path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
}
