// The results table of `npm run bench` in bench/README.md (pure; unit-tested).

export const RESULTS_HEADING = '### Results of `npm run bench`';

/** Escapes a table cell. */
export function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function tableRow(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/**
 * Appends `row` to the table that follows `heading` in `markdown` (after its last row). Throws if the heading or its
 * table is missing, or if the row's column count differs from the table's header.
 */
export function appendResultsRow(markdown: string, row: string, heading = RESULTS_HEADING): string {
  const lines = markdown.split('\n');
  const h = lines.findIndex((l) => l.trim() === heading);
  if (h < 0) throw new Error(`no "${heading}" section`);
  const header = lines.findIndex((l, i) => i > h && l.startsWith('|'));
  if (header < 0 || lines.slice(h + 1, header).some((l) => l.startsWith('#'))) throw new Error(`no table under "${heading}"`);
  const columns = (l: string) => l.replace(/\\\|/g, '').split('|').length;
  if (columns(lines[header] as string) !== columns(row)) {
    throw new Error(`the row has ${columns(row) - 2} columns, the table ${columns(lines[header] as string) - 2}`);
  }
  let last = header;
  while (last + 1 < lines.length && (lines[last + 1] as string).startsWith('|')) last++;
  lines.splice(last + 1, 0, row);
  return lines.join('\n');
}
