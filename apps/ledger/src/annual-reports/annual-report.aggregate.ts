// 国办公开办函〔2021〕30号, table 三 "收到和处理政府信息公开申请情况": the pure aggregation of disclosure applications
// into the table for one year. No I/O: the repository hands over plain rows.
import { ANNUAL_REPORT_RESULTS, ORGANISATION_TYPES, type AnnualReportResultCode, type ApplicantType, type OrganisationType } from '@huiying/contracts';

/** Columns: 自然人 | 法人或其他组织 (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他) | 总计. */
export const ANNUAL_REPORT_COLUMNS = [
  { key: 'natural_person', group: '自然人', labelZh: '自然人' },
  { key: 'commercial_enterprise', group: '法人或其他组织', labelZh: '商业企业' },
  { key: 'research_institution', group: '法人或其他组织', labelZh: '科研机构' },
  { key: 'public_interest_organisation', group: '法人或其他组织', labelZh: '社会公益组织' },
  { key: 'legal_services_organisation', group: '法人或其他组织', labelZh: '法律服务机构' },
  { key: 'other', group: '法人或其他组织', labelZh: '其他' },
  { key: 'total', group: '总计', labelZh: '总计' },
] as const;
export type AnnualReportColumn = (typeof ANNUAL_REPORT_COLUMNS)[number]['key'];
type CountColumn = Exclude<AnnualReportColumn, 'total'>;

/** One disclosure application as the read model knows it. */
export interface AnnualReportApplication {
  receivedOn: string | null;
  applicantType: ApplicantType | string | null;
  organisationType: OrganisationType | string | null;
  resultCode: AnnualReportResultCode | string | null;
  /** The day it was closed: reply issued (办理结果) or abandoned (其他处理). */
  closedOn: string | null;
}

export interface AnnualReportRow {
  key: string;
  /** Numbering of the national form, e.g. '一', '三（三）4'. */
  row: string;
  labelZh: string;
  /** Rows that only group others (三、本年度办理结果, （三）不予公开…) carry no counts. */
  heading: boolean;
  counts: Record<AnnualReportColumn, number> | null;
}

export interface AnnualReport {
  year: number;
  table: '三、收到和处理政府信息公开申请情况';
  format: '国办公开办函〔2021〕30号';
  columns: { key: AnnualReportColumn; group: string; labelZh: string }[];
  rows: AnnualReportRow[];
  /** 本年新收 + 上年结转 = 办理结果总计 + 结转下年度, per column and in total. */
  check: { newThisYear: number; carriedOver: number; resultsTotal: number; carriedForward: number; balanced: boolean };
  /** Applications left out because the read model has not seen their receipt (should be 0). */
  incomplete: number;
}

/** The column an applicant is counted in; a legal person without an organisation type is counted as 其他. */
export function columnOf(a: Pick<AnnualReportApplication, 'applicantType' | 'organisationType'>): CountColumn {
  if (a.applicantType === 'natural_person') return 'natural_person';
  return (ORGANISATION_TYPES as readonly string[]).includes(a.organisationType ?? '') ? (a.organisationType as CountColumn) : 'other';
}

const GROUPS = [
  { group: 'disclosed', row: '（一）', labelZh: '予以公开', heading: false },
  { group: 'partly_disclosed', row: '（二）', labelZh: '部分公开（区分处理的，只计这一情形，不计其他情形）', heading: false },
  { group: 'withheld', row: '（三）', labelZh: '不予公开', heading: true },
  { group: 'unavailable', row: '（四）', labelZh: '无法提供', heading: true },
  { group: 'not_processed', row: '（五）', labelZh: '不予处理', heading: true },
  { group: 'other', row: '（六）', labelZh: '其他处理', heading: true },
] as const;

const zero = (): Record<AnnualReportColumn, number> =>
  Object.fromEntries(ANNUAL_REPORT_COLUMNS.map((c) => [c.key, 0])) as Record<AnnualReportColumn, number>;

function add(counts: Record<AnnualReportColumn, number>, col: CountColumn): void {
  counts[col] += 1;
  counts.total += 1;
}

/**
 * Year attribution: received in the year → 本年新收; received before it and not closed before 1 January → 上年结转;
 * closed within the year → 办理结果 under its result code; received by 31 December and not closed by then → 结转下年度.
 * A close date before the receipt date is read as the receipt date, so every application counted in (新收 + 上年结转)
 * lands in exactly one of (办理结果, 结转下年度).
 */
export function aggregateAnnualReport(applications: readonly AnnualReportApplication[], year: number): AnnualReport {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const newThisYear = zero();
  const carriedOver = zero();
  const carriedForward = zero();
  const results = new Map<string, Record<AnnualReportColumn, number>>(ANNUAL_REPORT_RESULTS.map((r) => [r.code, zero()]));
  const resultsTotal = zero();
  let incomplete = 0;

  for (const a of applications) {
    if (!a.receivedOn) {
      incomplete++;
      continue;
    }
    if (a.receivedOn > end) continue;
    const col = columnOf(a);
    const closedOn = a.closedOn && a.resultCode ? (a.closedOn < a.receivedOn ? a.receivedOn : a.closedOn) : null;
    if (closedOn !== null && closedOn < start) continue; // closed in an earlier year
    if (a.receivedOn >= start) add(newThisYear, col);
    else add(carriedOver, col);
    if (closedOn !== null && closedOn <= end) {
      const counts = results.get(a.resultCode as string) ?? (results.get('other.other') as Record<AnnualReportColumn, number>);
      add(counts, col);
      add(resultsTotal, col);
    } else {
      add(carriedForward, col);
    }
  }

  const rows: AnnualReportRow[] = [
    { key: 'new_this_year', row: '一', labelZh: '本年新收政府信息公开申请数量', heading: false, counts: newThisYear },
    { key: 'carried_over', row: '二', labelZh: '上年结转政府信息公开申请数量', heading: false, counts: carriedOver },
    { key: 'results', row: '三', labelZh: '本年度办理结果', heading: true, counts: null },
  ];
  for (const g of GROUPS) {
    const members = ANNUAL_REPORT_RESULTS.filter((r) => r.group === g.group);
    if (!g.heading) {
      rows.push({ key: members[0].code, row: `三${g.row}`, labelZh: g.labelZh, heading: false, counts: results.get(members[0].code) ?? zero() });
      continue;
    }
    rows.push({ key: g.group, row: `三${g.row}`, labelZh: g.labelZh, heading: true, counts: null });
    members.forEach((m, i) => rows.push({ key: m.code, row: `三${g.row}${i + 1}`, labelZh: m.labelZh, heading: false, counts: results.get(m.code) ?? zero() }));
  }
  rows.push({ key: 'results_total', row: '三（七）', labelZh: '总计', heading: false, counts: resultsTotal });
  rows.push({ key: 'carried_forward', row: '四', labelZh: '结转下年度继续办理', heading: false, counts: carriedForward });

  const balanced = ANNUAL_REPORT_COLUMNS.every((c) => newThisYear[c.key] + carriedOver[c.key] === resultsTotal[c.key] + carriedForward[c.key]);
  return {
    year,
    table: '三、收到和处理政府信息公开申请情况',
    format: '国办公开办函〔2021〕30号',
    columns: ANNUAL_REPORT_COLUMNS.map((c) => ({ ...c })),
    rows,
    check: { newThisYear: newThisYear.total, carriedOver: carriedOver.total, resultsTotal: resultsTotal.total, carriedForward: carriedForward.total, balanced },
    incomplete,
  };
}

/** CSV of the table (UTF-8 with BOM so Excel shows the Chinese; two header lines like the national form). */
export function annualReportCsv(report: AnnualReport): string {
  const q = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines: string[] = [];
  lines.push([`${report.year}年 ${report.table}`, '', '', '', '', '', '', '', ''].map(q).join(','));
  lines.push(['序号', '项目', '自然人', '法人或其他组织', '', '', '', '', '总计'].map(q).join(','));
  lines.push(['', '', '', ...ANNUAL_REPORT_COLUMNS.filter((c) => c.group === '法人或其他组织').map((c) => c.labelZh), ''].map(q).join(','));
  for (const r of report.rows) {
    const counts = r.counts ? ANNUAL_REPORT_COLUMNS.map((c) => (r.counts as Record<AnnualReportColumn, number>)[c.key]) : ANNUAL_REPORT_COLUMNS.map(() => '');
    lines.push([r.row, r.labelZh, ...counts].map(q).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
