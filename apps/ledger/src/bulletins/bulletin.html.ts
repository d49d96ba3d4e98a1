// The bulletin as one self-contained HTML page: the charts are inline SVG (no script, no external resource).
import { DOCUMENT_FONT_FAMILY } from '@huiying/platform';
import type { BulletinBlock, BulletinDocument } from './bulletin-document';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function block(b: BulletinBlock, doc: BulletinDocument): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${escape(b.text)}</p>`;
    case 'table':
      return `<table><thead><tr>${b.head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'chart':
      // ECharts' SVG: generated on the server from figures (numbers, and labels from our own tables)
      return `<figure class="chart" data-chart="${b.chart}">${doc.charts[b.chart]}<figcaption>${escape(b.caption)}</figcaption></figure>`;
  }
}

export function renderBulletinHtml(doc: BulletinDocument): string {
  const sections = doc.sections
    .map((s) => `<section id="${s.id}"><h2>${escape(s.heading)}</h2>${s.blocks.map((b) => block(b, doc)).join('\n')}</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(doc.title)}</title>
<style>
body { font-family: "${DOCUMENT_FONT_FAMILY}", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; max-width: 56em; margin: 2em auto; line-height: 1.7; color: #222; }
h1 { text-align: center; font-size: 1.5em; } .subtitle { text-align: center; color: #555; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.9em; } th, td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: center; }
figure.chart { text-align: center; margin: 1em 0; } figcaption { color: #555; font-size: 0.9em; } footer { margin-top: 2em; font-size: 0.85em; color: #555; }
</style>
</head>
<body>
<h1>${escape(doc.title)}</h1>
<p class="subtitle">${escape(doc.subtitle)}</p>
${sections}
<footer>${doc.footer.map((l) => `<p>${escape(l)}</p>`).join('')}</footer>
</body>
</html>
`;
}
