import { plainToInstance } from 'class-transformer';
import { HotlineWorkOrderDto, TOPICS, WORK_ORDER_EXAMPLE } from '@huiying/contracts';
import { parseMessage } from '@huiying/messaging';
import { changedFields, reportUpdatedOutbox, workOrderSnapshot, workOrderToReport } from './hotline.mapping';

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

describe('report-updated event of a later work-order revision', () => {
  const stored = { reportId: '7d1c2f0e-6a4b-4c1e-9d3a-1b2c3d4e5f60', caseId: '0f9e8d7c-6b5a-4f3e-8d2c-1a0b9c8d7e6f', revision: 1 };
  const now = new Date('2026-11-21T02:00:00Z');

  it('is a valid intake.reports.updated.v1 message keyed by case id with the revision and the changed field names', async () => {
    const row = reportUpdatedOutbox(stored, dto({ revision: 2, content: '暖气仍然不热，已有老人冻伤', urgency: 'urgent' }), ['content', 'urgency'], now);
    expect(row).toMatchObject({ eventId: `report-updated:${stored.reportId}:2`, topic: TOPICS.reportUpdated, messageKey: stored.caseId });
    const parsed = await parseMessage(TOPICS.reportUpdated, row.messageKey, Buffer.from(JSON.stringify(row.payload)));
    expect(parsed.type).toBe('huiying.intake.report.updated.v1');
    expect(parsed.subject).toBe(stored.caseId);
    expect(parsed.data).toMatchObject({
      reportId: stored.reportId,
      caseId: stored.caseId,
      revision: 2,
      previousRevision: 1,
      changedFields: ['content', 'urgency'],
      channel: 'hotline_12345',
      content: '暖气仍然不热，已有老人冻伤',
      urgency: 'urgent',
      sourceRef: '12345:GD20261120000123',
      updatedAt: now.toISOString(),
    });
  });

  it('carries no caller contact, even when the caller changed (only the field name)', () => {
    const row = reportUpdatedOutbox(stored, dto({ revision: 3, caller: { name: '李四', phone: '13911112222' } }), ['caller'], now);
    const text = JSON.stringify(row.payload);
    for (const secret of ['李四', '13911112222', '张三', '13800138000']) expect(text).not.toContain(secret);
    expect((row.payload.data as { changedFields: string[] }).changedFields).toEqual(['caller']);
  });
});
