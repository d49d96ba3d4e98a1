import fc from 'fast-check';
import { ANNUAL_REPORT_RESULT_CODES, ORGANISATION_TYPES } from '@huiying/contracts';
import { aggregateAnnualReport, annualReportCsv, columnOf, type AnnualReportApplication } from './annual-report.aggregate';

const row = (r: ReturnType<typeof aggregateAnnualReport>, key: string) => r.rows.find((x) => x.key === key)?.counts;

const day = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const application: fc.Arbitrary<AnnualReportApplication> = fc
  .record({
    receivedOn: day,
    applicantType: fc.constantFrom('natural_person', 'legal_person'),
    organisationType: fc.option(fc.constantFrom(...ORGANISATION_TYPES), { nil: null }),
    resultCode: fc.constantFrom(...ANNUAL_REPORT_RESULT_CODES),
    closedAfterDays: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  })
  .map(({ closedAfterDays, ...a }) => ({
    ...a,
    closedOn: closedAfterDays === null ? null : new Date(Date.parse(`${a.receivedOn}T00:00:00Z`) + closedAfterDays * 86400000).toISOString().slice(0, 10),
  }));

describe('annual report table 三 (国办公开办函〔2021〕30号)', () => {
  it('has the national rows in order: 一 新收, 二 上年结转, 三 办理结果 (一)…(七), 四 结转下年度', () => {
    const r = aggregateAnnualReport([], 2026);
    expect(r.rows.map((x) => x.row)).toEqual([
      '一', '二', '三', '三（一）', '三（二）',
      '三（三）', '三（三）1', '三（三）2', '三（三）3', '三（三）4', '三（三）5', '三（三）6', '三（三）7', '三（三）8',
      '三（四）', '三（四）1', '三（四）2', '三（四）3',
      '三（五）', '三（五）1', '三（五）2', '三（五）3', '三（五）4', '三（五）5',
      '三（六）', '三（六）1', '三（六）2', '三（六）3',
      '三（七）', '四',
    ]);
    expect(r.columns.map((c) => c.labelZh)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(r.check).toEqual({ newThisYear: 0, carriedOver: 0, resultsTotal: 0, carriedForward: 0, balanced: true });
  });

  it('attributes each application to its year: new, carried over, result, carried forward', () => {
    const apps: AnnualReportApplication[] = [
      // received 2025, still open on 1 January 2026, replied in 2026 → 上年结转 + result
      { receivedOn: '2025-12-20', applicantType: 'natural_person', organisationType: null, resultCode: 'disclosed', closedOn: '2026-01-15' },
      // received 2025, closed 2025 → not in 2026
      { receivedOn: '2025-11-02', applicantType: 'natural_person', organisationType: null, resultCode: 'disclosed', closedOn: '2025-11-20' },
      // received and replied in 2026
      { receivedOn: '2026-03-02', applicantType: 'legal_person', organisationType: 'legal_services_organisation', resultCode: 'withheld.third_party_rights', closedOn: '2026-03-20' },
      // received 2026, still open at the end of 2026 → 结转下年度
      { receivedOn: '2026-12-28', applicantType: 'legal_person', organisationType: 'research_institution', resultCode: 'partly_disclosed', closedOn: '2027-01-10' },
      // decided but never replied: still open
      { receivedOn: '2026-06-01', applicantType: 'legal_person', organisationType: null, resultCode: 'disclosed', closedOn: null },
      // abandoned for no correction (其他处理)
      { receivedOn: '2026-05-06', applicantType: 'natural_person', organisationType: null, resultCode: 'other.no_correction', closedOn: '2026-06-01' },
      // 2027 → not in 2026
      { receivedOn: '2027-01-04', applicantType: 'natural_person', organisationType: null, resultCode: null, closedOn: null },
    ];
    const r = aggregateAnnualReport(apps, 2026);
    expect(row(r, 'new_this_year')).toMatchObject({ natural_person: 1, legal_services_organisation: 1, research_institution: 1, other: 1, total: 4 });
    expect(row(r, 'carried_over')).toMatchObject({ natural_person: 1, total: 1 });
    expect(row(r, 'disclosed')).toMatchObject({ natural_person: 1, total: 1 });
    expect(row(r, 'withheld.third_party_rights')).toMatchObject({ legal_services_organisation: 1, total: 1 });
    expect(row(r, 'other.no_correction')).toMatchObject({ natural_person: 1, total: 1 });
    expect(row(r, 'results_total')).toMatchObject({ natural_person: 2, legal_services_organisation: 1, total: 3 });
    expect(row(r, 'carried_forward')).toMatchObject({ research_institution: 1, other: 1, total: 2 });
    expect(r.check).toEqual({ newThisYear: 4, carriedOver: 1, resultsTotal: 3, carriedForward: 2, balanced: true });
  });

  it('property: 新收 + 上年结转 = 办理结果总计 + 结转下年度 in every column, and the total column is the sum of the others', () => {
    fc.assert(
      fc.property(fc.array(application, { maxLength: 60 }), fc.integer({ min: 2023, max: 2028 }), (apps, year) => {
        const r = aggregateAnnualReport(apps, year);
        expect(r.check.balanced).toBe(true);
        const n = row(r, 'new_this_year')!;
        const c = row(r, 'carried_over')!;
        const t = row(r, 'results_total')!;
        const f = row(r, 'carried_forward')!;
        for (const col of r.columns.map((x) => x.key)) expect(n[col] + c[col]).toBe(t[col] + f[col]);
        for (const x of r.rows.filter((x) => x.counts)) {
          const counts = x.counts!;
          expect(counts.total).toBe(r.columns.filter((k) => k.key !== 'total').reduce((s, k) => s + counts[k.key], 0));
        }
        // 总计 is the sum of the result rows
        const results = r.rows.filter((x) => x.counts && x.row.startsWith('三（') && x.row !== '三（七）');
        expect(results.reduce((s, x) => s + x.counts!.total, 0)).toBe(t.total);
        // a year's carried-forward is the next year's carried-over
        expect(aggregateAnnualReport(apps, year + 1).check.carriedOver).toBe(r.check.carriedForward);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a legal person without an organisation type as 其他', () => {
    expect(columnOf({ applicantType: 'legal_person', organisationType: null })).toBe('other');
    expect(columnOf({ applicantType: 'natural_person', organisationType: 'commercial_enterprise' })).toBe('natural_person');
  });

  it('CSV: UTF-8 BOM, the national headers, one line per row', () => {
    const csv = annualReportCsv(
      aggregateAnnualReport([{ receivedOn: '2026-03-02', applicantType: 'legal_person', organisationType: 'commercial_enterprise', resultCode: 'partly_disclosed', closedOn: '2026-03-20' }], 2026),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[1]).toBe('序号,项目,自然人,法人或其他组织,,,,,总计');
    expect(lines[2]).toBe(',,,商业企业,科研机构,社会公益组织,法律服务机构,其他,');
    expect(lines).toContain('一,本年新收政府信息公开申请数量,0,1,0,0,0,0,1');
    expect(lines).toContain('三（二）,部分公开（区分处理的，只计这一情形，不计其他情形）,0,1,0,0,0,0,1');
    expect(lines).toContain('三（三）,不予公开,,,,,,,');
    expect(lines).toHaveLength(3 + 30);
  });
});
