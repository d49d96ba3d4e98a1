/**
 * The font family name generated SVG (charts) is written in; a PDF renderer maps it to the embedded font, an HTML
 * page falls back to the reader's sans-serif Chinese font after it.
 */
export const DOCUMENT_FONT_FAMILY = 'Noto Sans SC';
