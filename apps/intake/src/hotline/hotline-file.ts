// Reading 12345 work orders from an import file (JSON lines or CSV) into batch items, with the line of each.
// Pure: no I/O. Only the file's shape is checked here, and that no text holds U+FFFD (issue 14); the work order itself
// is validated by intake. The bytes become text in hotline-file-encoding.ts.
import { parse } from 'csv-parse/sync';
import { REPLACEMENT_CHARACTER, replacementCharacterMessage } from '@huiying/contracts';

export type ImportFormat = 'jsonl' | 'csv';

export interface ImportRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  item?: Record<string, unknown>;
  /** Why the row could not be read (it is reported as rejected and never sent). */
  error?: string;
  /** Fields of a row that was read but is not sent (text holding U+FFFD): reported as rejected, like intake would. */
  fieldErrors?: { field: string; messages: string[] }[];
  /** The order number of such a row, to name it in the summary. */
  orderNo?: string;
}

/** A file that cannot be read as a whole (format, encoding, header): nothing of it is sent. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export function formatOf(file: string): ImportFormat {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return 'jsonl';
  throw new ImportFileError(`cannot tell the format of ${file}: use .jsonl (one work order per line) or .csv (a header row)`);
}

export function parseJsonLines(text: string): ImportRow[] {
  const rows: ImportRow[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    try {
      const value: unknown = JSON.parse(raw);
      if (!value || typeof value !== 'object' || Array.isArray(value)) rows.push({ line, error: 'not a JSON object' });
      else rows.push({ line, item: value as Record<string, unknown> });
    } catch (e) {
      rows.push({ line, error: `not valid JSON: ${(e as Error).message}` });
    }
  });
  return rows;
}

/** CSV header names (English field names or the 12345 platform's Chinese column titles) → work order paths. */
const COLUMNS: Record<string, string> = {
  orderno: 'orderNo', 工单编号: 'orderNo', 工单号: 'orderNo',
  calltime: 'callTime', 来电时间: 'callTime',
  appealtype: 'appealType', 诉求类型: 'appealType',
  title: 'title', 标题: 'title', 诉求标题: 'title', 工单标题: 'title',
  content: 'content', 内容: 'content', 诉求内容: 'content',
  district: 'location.district', 区县: 'location.district',
  township: 'location.township', 街道: 'location.township', 乡镇: 'location.township', 乡镇街道: 'location.township',
  address: 'location.address', 地址: 'location.address', 详细地址: 'location.address',
  callername: 'caller.name', 来电人: 'caller.name', 来电人姓名: 'caller.name',
  callerphone: 'caller.phone', 来电号码: 'caller.phone', 联系电话: 'caller.phone', 来电人电话: 'caller.phone',
  handlingunit: 'handlingUnit', 承办单位: 'handlingUnit',
  urgency: 'urgency', 紧急程度: 'urgency',
  revision: 'revision', 版本: 'revision', 版本号: 'revision',
  category: 'category', 分类: 'category',
};

/** The work order path of a CSV column title (English field names in any case, or a Chinese title), if it has one. */
function columnField(column: string): string | undefined {
  const name = column.trim();
  if (Object.hasOwn(COLUMNS, name.toLowerCase())) return COLUMNS[name.toLowerCase()];
  return Object.hasOwn(COLUMNS, name) ? COLUMNS[name] : undefined;
}

/** The platform's Chinese values for the enumerations. */
const VALUES: Record<string, Record<string, string>> = {
  appealType: { 咨询: 'consultation', 求助: 'help', 投诉: 'complaint', 举报: 'report', 建议: 'suggestion' },
  urgency: { 一般: 'normal', 紧急: 'urgent', 特急: 'very_urgent' },
};

function setPath(target: Record<string, unknown>, dotted: string, value: unknown) {
  const [head, tail] = dotted.split('.');
  if (!tail) target[head] = value;
  else target[head] = { ...((target[head] as Record<string, unknown> | undefined) ?? {}), [tail]: value };
}

/**
 * A call time as the platform's exports write it — local time without an offset, `2026-11-20 09:15:00`,
 * `2026-11-20T09:15`, `2026/11/20 9:15:00` — is China Standard Time: it becomes `2026-11-20T09:15:00+08:00`. A time
 * with an offset or `Z`, or anything else, is left as written (the contract's validation then judges it).
 */
export function withShanghaiOffset(text: string): string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, sec] = m as unknown as [string, string, string, string, string, string, string | undefined];
  const two = (v: string) => v.padStart(2, '0');
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${mi}:${sec ?? '00'}+08:00`;
}

/** One CSV record → a work order; empty cells are left out; a revision that is an integer becomes a number. */
export function csvRecordToItem(record: Record<string, string>, columns: string[]): Record<string, unknown> {
  const item: Record<string, unknown> = { location: {} };
  columns.forEach((column) => {
    const raw = record[column];
    if (raw === undefined || raw.trim() === '') return;
    const field = columnField(column) ?? column.trim();
    let value: unknown = raw.trim();
    if (Object.hasOwn(VALUES, field) && Object.hasOwn(VALUES[field], value as string)) value = VALUES[field][value as string];
    if (field === 'revision' && /^\d+$/.test(value as string)) value = Number(value);
    if (field === 'callTime') value = withShanghaiOffset(value as string);
    setPath(item, field, value);
  });
  return item;
}

/** The column titles a CSV header may use: the field names, and the 12345 platform's Chinese titles. */
export function expectedColumns(): { fieldNames: string[]; chinese: string[] } {
  return { fieldNames: CSV_HEADER, chinese: Object.keys(COLUMNS).filter((c) => /\p{Script=Han}/u.test(c)) };
}

/**
 * A header that names a column we do not know, or one field twice, refuses the file: every row would be rejected the
 * same way (or one of the two cells silently dropped). The message names those columns and the ones we know.
 */
function checkHeader(columns: string[]): void {
  const unknown = columns.filter((c) => !columnField(c));
  if (unknown.length) {
    const { fieldNames, chinese } = expectedColumns();
    const garbled = unknown.some((c) => c.includes(REPLACEMENT_CHARACTER))
      ? ' (a title holds U+FFFD: the file was saved from text already decoded with the wrong encoding)'
      : '';
    throw new ImportFileError(
      `unknown column(s) ${unknown.map((c) => JSON.stringify(c)).join(', ')}${garbled}; the header may use the field names ` +
        `${fieldNames.join(', ')} (any case) or the 12345 platform's titles ${chinese.join(', ')}`,
    );
  }
  const byField = new Map<string, string[]>();
  for (const c of columns) byField.set(columnField(c) as string, [...(byField.get(columnField(c) as string) ?? []), c]);
  const twice = [...byField].filter(([, cs]) => cs.length > 1);
  if (twice.length) {
    throw new ImportFileError(`column(s) for the same field: ${twice.map(([f, cs]) => `${cs.map((c) => JSON.stringify(c)).join(' and ')} both give ${f}`).join('; ')}`);
  }
}

export function parseCsv(text: string): ImportRow[] {
  const records = parse(text, { bom: true, columns: false, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  if (!records.length) return [];
  const [header, ...body] = records;
  const columns = header.record.map((c) => c.trim());
  checkHeader(columns);
  return body.map(({ record, info }) => {
    // info.lines is the line where the record ends; a quoted cell may span lines
    const line = info.lines - (record.join(',').split(/\r?\n/).length - 1);
    if (record.length !== columns.length) return { line, error: `has ${record.length} cells, the header has ${columns.length}` };
    return { line, item: csvRecordToItem(Object.fromEntries(columns.map((c, i) => [c, record[i]])), columns) };
  });
}

/** The fields (dotted paths) of a work order whose text, or whose name, holds U+FFFD. */
export function replacementCharacterFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes(REPLACEMENT_CHARACTER) ? [path || 'value'] : [];
  if (!value || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([k, v]) => {
    const field = path ? `${path}.${k}` : k;
    return k.includes(REPLACEMENT_CHARACTER) ? [field] : replacementCharacterFields(v, field);
  });
}

/**
 * The rows of an import file. A row whose text holds U+FFFD is not sent: it is rejected here with the same field
 * errors intake would give (the file, or an earlier copy of it, was decoded with the wrong encoding).
 */
export function parseImportFile(text: string, format: ImportFormat): ImportRow[] {
  const rows = format === 'csv' ? parseCsv(text) : parseJsonLines(text);
  return rows.map((row) => {
    const garbled = row.item ? replacementCharacterFields(row.item) : [];
    if (!garbled.length) return row;
    const orderNo = typeof row.item?.orderNo === 'string' && !garbled.includes('orderNo') ? row.item.orderNo : undefined;
    return { line: row.line, ...(orderNo ? { orderNo } : {}), fieldErrors: garbled.map((field) => ({ field, messages: [replacementCharacterMessage(field)] })) };
  });
}

/** CSV text of work orders with the English header (what the CLI reads back). */
export const CSV_HEADER = ['orderNo', 'callTime', 'appealType', 'title', 'content', 'district', 'township', 'address', 'callerName', 'callerPhone', 'handlingUnit', 'urgency', 'revision', 'category'];

export function toCsvLine(cells: (string | number | undefined)[]): string {
  return cells
    .map((c) => {
      const s = c === undefined ? '' : String(c);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

export function workOrderToCsvLine(o: Record<string, unknown>): string {
  const loc = (o.location ?? {}) as Record<string, string>;
  const caller = (o.caller ?? {}) as Record<string, string>;
  return toCsvLine([
    o.orderNo as string, o.callTime as string, o.appealType as string, o.title as string, o.content as string,
    loc.district, loc.township, loc.address, caller.name, caller.phone,
    o.handlingUnit as string, o.urgency as string, o.revision as number, o.category as string,
  ]);
}
