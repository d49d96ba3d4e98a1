import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { HotlineWorkOrderDto, WORK_ORDER_EXAMPLE } from './hotline.dto';
import { SubmitReportDto } from './submit-report.dto';

const report = { channel: 'weibo', title: '供暖不热', content: '小区暖气不热', location: { district: '城关区', township: '东风街道' } };
async function messages<T extends object>(cls: new () => T, plain: object, field: string): Promise<string[]> {
  const errors = await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true });
  return errors.filter((e) => e.property === field).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('a time that has not happened yet is refused (issue 14: 9999-12-31 was accepted)', () => {
  it('a report’s occurredAt', async () => {
    expect(await messages(SubmitReportDto, { ...report, occurredAt: '9999-12-31T00:00:00+08:00' }, 'occurredAt')).toEqual([
      "occurredAt 9999-12-31T00:00:00+08:00 is in the future (more than 5 minutes ahead of the server's clock)",
    ]);
    expect(await messages(SubmitReportDto, { ...report, occurredAt: new Date(Date.now() + 60_000).toISOString() }, 'occurredAt')).toEqual([]); // clock skew
    expect(await messages(SubmitReportDto, { ...report, occurredAt: '2026-11-20T08:30:00+08:00' }, 'occurredAt')).toEqual([]);
  });

  it('a work order’s callTime', async () => {
    expect(await messages(HotlineWorkOrderDto, { ...WORK_ORDER_EXAMPLE, callTime: '9999-12-31T00:00:00+08:00' }, 'callTime')).toHaveLength(1);
    expect(await messages(HotlineWorkOrderDto, WORK_ORDER_EXAMPLE, 'callTime')).toEqual([]);
  });
});
