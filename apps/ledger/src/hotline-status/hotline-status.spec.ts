import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { HotlineOrderStatusQueryDto } from '@huiying/contracts';
import type { OrderStatusRow } from './hotline-status.repository';
import { orderStatuses } from './hotline-status';

const row = (orderNo: string, o: Partial<OrderStatusRow> = {}): OrderStatusRow => ({
  source_ref: `12345:${orderNo}`, report_id: `r-${orderNo}`, case_id: `c-${orderNo}`, received_at: new Date('2026-11-20T01:15:00Z'), report_jurisdiction: 'seed-city',
  stage: 'claimed', department: 'housing_urban_rural', co_departments: [], cc_departments: [], jurisdiction: 'seed-city', overdue: false,
  pending_clock_due: [new Date('2026-11-22T01:00:00Z'), new Date('2026-11-20T03:00:00Z')], closed_at: null, reports_in_case: 1, last_reply: null, ...o,
});
const system = { kind: 'system' as const, department: null, jurisdiction: '*' };

describe('status by order number', () => {
  it('one item per order number asked, in that order, each once; unknown orders are not found', () => {
    const items = orderStatuses(['B', 'A', 'B', 'Z'], [row('A'), row('B')], system);
    expect(items.map((i) => [i.orderNo, i.found])).toEqual([['B', true], ['A', true], ['Z', false]]);
    expect(items[2]).toEqual({ orderNo: 'Z', found: false, caseId: null, reportId: null, stage: null, leadDepartment: null, jurisdiction: null, reportsInCase: 0, dueTimes: [], overdue: false, closedAt: null, receivedAt: null, lastReply: null });
  });

  it('the case as the ledger holds it: stage, lead department, running due times soonest first; none once closed', () => {
    const [open, closed] = orderStatuses(['A', 'C'], [row('A'), row('C', { stage: 'closed', closed_at: new Date('2026-11-21T00:00:00Z') })], system);
    expect(open).toMatchObject({ caseId: 'c-A', reportId: 'r-A', stage: 'claimed', leadDepartment: 'housing_urban_rural', dueTimes: ['2026-11-20T03:00:00.000Z', '2026-11-22T01:00:00.000Z'], receivedAt: '2026-11-20T01:15:00.000Z' });
    expect(closed).toMatchObject({ stage: 'closed', dueTimes: [], closedAt: '2026-11-21T00:00:00.000Z' });
    const [replied] = orderStatuses(['A'], [row('A', { last_reply: { kind: 'closure', sequence: 8, stage: 'closed', result: '已办结', replied_at: '2026-11-21T00:00:00+00:00' } })], system);
    expect(replied?.lastReply).toEqual({ kind: 'closure', sequence: 8, stage: 'closed', result: '已办结', repliedAt: '2026-11-21T00:00:00.000Z' });
  });

  it('a report whose case is not folded yet is found with the case fields empty', () => {
    const [item] = orderStatuses(['A'], [row('A', { stage: null, department: null, jurisdiction: null, overdue: null, pending_clock_due: null, co_departments: null, cc_departments: null })], system);
    expect(item).toMatchObject({ found: true, caseId: 'c-A', stage: null, leadDepartment: null, jurisdiction: 'seed-city', dueTimes: [], overdue: false });
  });

  it('an order whose case is out of reach answers as not found', () => {
    const other = { kind: 'supervisor' as const, department: null, jurisdiction: 'other-city' };
    expect(orderStatuses(['A'], [row('A')], other)[0]).toMatchObject({ found: false, caseId: null });
    const dept = { kind: 'department' as const, department: 'education_bureau', jurisdiction: '*' };
    expect(orderStatuses(['A'], [row('A')], dept)[0]?.found).toBe(false);
    expect(orderStatuses(['A'], [row('A', { cc_departments: ['education_bureau'] })], dept)[0]?.found).toBe(true);
  });

  it('the query takes repeated and comma-separated order numbers, 1–500, each a valid order number', () => {
    const parse = (orderNo: unknown) => {
      const dto = plainToInstance(HotlineOrderStatusQueryDto, { orderNo });
      return { value: dto.orderNo, errors: validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {})) };
    };
    expect(parse(['A1', 'B2,C3'])).toEqual({ value: ['A1', 'B2', 'C3'], errors: [] });
    expect(parse('A1')).toEqual({ value: ['A1'], errors: [] });
    expect(parse(undefined).errors).toContain('orderNo must be given, e.g. ?orderNo=GD20261120000123');
    expect(parse(Array.from({ length: 501 }, (_, i) => `N${i}`)).errors).toEqual(['orderNo: at most 500 order numbers per request']);
    expect(parse(['ok', 'bad no']).errors).toEqual(['each orderNo must be 1–64 characters of A–Z, a–z, 0–9, "-", "_"']);
  });
});
