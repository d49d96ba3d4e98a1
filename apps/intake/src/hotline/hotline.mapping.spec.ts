import { plainToInstance } from 'class-transformer';
import { HotlineWorkOrderDto, WORK_ORDER_EXAMPLE } from '@huiying/contracts';
import { changedFields, workOrderSnapshot, workOrderToReport } from './hotline.mapping';

const dto = (o: Record<string, unknown> = {}) => plainToInstance(HotlineWorkOrderDto, { ...WORK_ORDER_EXAMPLE, ...o });

describe('work order → report mapping', () => {
  it('makes a hotline_12345 report whose sourceRef is 12345:<orderNo>', () => {
    const r = workOrderToReport(dto());
    expect(r).toEqual({
      sourceRef: '12345:GD20261120000123',
      channel: 'hotline_12345',
      title: WORK_ORDER_EXAMPLE.title,
      content: WORK_ORDER_EXAMPLE.content,
      category: 'housing',
      location: { district: '城关区', township: '东风街道', address: '幸福小区 3 号楼' },
      occurredAt: new Date('2026-11-20T01:15:00Z'),
      reporter: { name: '张三', phone: '13800138000' },
    });
  });

  it('routes to "other" without a category and has no reporter without a caller', () => {
    const r = workOrderToReport(dto({ category: undefined, caller: undefined, location: { district: '城关区', township: '' } }));
    expect(r.category).toBe('other');
    expect(r.reporter).toBeNull();
    expect(r.location).toEqual({ district: '城关区' });
  });

  it('keeps the caller out of the revision snapshot and fills the defaults', () => {
    const s = workOrderSnapshot(dto({ urgency: undefined, revision: undefined }));
    expect(s).not.toHaveProperty('caller');
    expect(s).toMatchObject({ orderNo: 'GD20261120000123', urgency: 'normal', revision: 1 });
  });

  it('lists the fields a revision changed', () => {
    const a = workOrderSnapshot(dto());
    const b = workOrderSnapshot(dto({ revision: 2, title: '新标题', location: { district: '城关区' } }));
    expect(changedFields(a, b, false)).toEqual(['location', 'title']);
    expect(changedFields(a, { ...a, revision: 3 }, true)).toEqual(['caller']);
  });
});
