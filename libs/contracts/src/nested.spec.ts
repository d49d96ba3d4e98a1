import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { HotlineWorkOrderDto, WORK_ORDER_EXAMPLE } from './rest/hotline.dto';
import { SubmitReportDto } from './rest/submit-report.dto';
import { SubmitDisclosureApplicationDto } from './rest/disclosure-application.dto';

async function errorsOf<T extends object>(cls: new () => T, plain: Record<string, unknown>): Promise<Record<string, string[]>> {
  const errors = await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true });
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {}).concat(e.children?.length ? ['(nested)'] : [])]));
}

describe('RequiredNested: a required nested object must be there', () => {
  const { location: _location, ...orderWithoutLocation } = WORK_ORDER_EXAMPLE;

  it('a work order without location is refused with one clear message (it once reached the handler and crashed it)', async () => {
    expect(await errorsOf(HotlineWorkOrderDto, orderWithoutLocation)).toEqual({ location: ['location is required'] });
    expect((await errorsOf(HotlineWorkOrderDto, { ...orderWithoutLocation, location: null })).location).toContain('location is required');
  });

  it('refuses a location that is not an object, and still validates the one that is', async () => {
    expect((await errorsOf(HotlineWorkOrderDto, { ...orderWithoutLocation, location: ['城关区'] })).location).toContain('location must be an object');
    expect((await errorsOf(HotlineWorkOrderDto, { ...orderWithoutLocation, location: '城关区' })).location).toContain('location must be an object');
    expect(await errorsOf(HotlineWorkOrderDto, { ...orderWithoutLocation, location: { district: 7 } })).toEqual({ location: ['(nested)'] });
    expect(await errorsOf(HotlineWorkOrderDto, WORK_ORDER_EXAMPLE)).toEqual({});
  });

  it('holds for reports and disclosure applications too', async () => {
    const report = { channel: 'weibo', title: '供暖不热', content: '小区暖气不热', occurredAt: '2026-11-20T08:30:00+08:00' };
    expect(await errorsOf(SubmitReportDto, report)).toEqual({ location: ['location is required'] });
    const application = await errorsOf(SubmitDisclosureApplicationDto, {});
    expect(application.applicant).toEqual(expect.arrayContaining(['applicant is required']));
  });
});
