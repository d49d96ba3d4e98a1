import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { shanghaiDateOf } from '@huiying/calendar';
import { CreateRoleGrantDto, RoleGrantQueryDto } from './role-grants.dto';

async function badFields<T extends object>(cls: new () => T, body: Record<string, unknown>): Promise<string[]> {
  const errors = await validate(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true });
  return errors.map((e) => e.property).sort();
}

const grant = {
  personId: 'staff-0421',
  personName: ' 王主任 ',
  role: 'head_of_disclosure_office',
  jurisdiction: 'seed-city',
  office: '某市人民政府办公室（政务公开办）',
  validFrom: '2026-01-01',
  validTo: '2099-12-31',
  grantedBy: '市政府办公室主任 赵某',
};

describe('role grant bodies', () => {
  it('take a person, a known role, one jurisdiction, the office, a window and who granted it', async () => {
    expect(await badFields(CreateRoleGrantDto, grant)).toEqual([]);
    expect(await badFields(CreateRoleGrantDto, { ...grant, validTo: undefined, department: 'disclosure_office', basis: '市政办任〔2026〕3号' })).toEqual([]);
    expect(plainToInstance(CreateRoleGrantDto, grant).personName).toBe('王主任');
  });

  it("refuse an unknown role, '*' as jurisdiction, a window that ends before it starts, and a grant without its grantor or office", async () => {
    expect(await badFields(CreateRoleGrantDto, { ...grant, role: 'section_chief' })).toEqual(['role']);
    expect(await badFields(CreateRoleGrantDto, { ...grant, jurisdiction: '*' })).toEqual(['jurisdiction']);
    expect(await badFields(CreateRoleGrantDto, { ...grant, validTo: '2025-12-31' })).toEqual(['validTo']);
    expect(await badFields(CreateRoleGrantDto, { ...grant, validFrom: '2026-02-30' })).toEqual(['validFrom']);
    expect(await badFields(CreateRoleGrantDto, { ...grant, grantedBy: ' ', office: undefined, personId: 'a b' })).toEqual(['grantedBy', 'office', 'personId']);
  });

  it('refuse a grant that has ended already (validTo before today in Asia/Shanghai) on validTo; today is its last day', async () => {
    const day = (offset: number) => shanghaiDateOf(new Date(Date.now() + offset * 86_400_000).toISOString());
    const errors = await validate(plainToInstance(CreateRoleGrantDto, { ...grant, validFrom: '2020-01-01', validTo: '2021-12-31' }));
    expect(errors.map((e) => [e.property, Object.values(e.constraints ?? {})])).toEqual([
      ['validTo', [`validTo 2021-12-31 is before today (${day(0)}, Asia/Shanghai): a grant that has ended already would never be active (a current grant is ended by revoking it)`]],
    ]);
    expect(await badFields(CreateRoleGrantDto, { ...grant, validFrom: '2020-01-01', validTo: day(-1) })).toEqual(['validTo']);
    expect(await badFields(CreateRoleGrantDto, { ...grant, validFrom: '2020-01-01', validTo: day(0) })).toEqual([]);
    expect(await badFields(CreateRoleGrantDto, { ...grant, validFrom: '2020-01-01', validTo: undefined })).toEqual([]); // a past start is a term that began earlier
  });

  it('list filters: activeOn is a date, includeRevoked a boolean from the query string', async () => {
    expect(plainToInstance(RoleGrantQueryDto, { includeRevoked: 'false' }).includeRevoked).toBe(false);
    expect(await badFields(RoleGrantQueryDto, { activeOn: '2026-12-03', includeRevoked: 'true' })).toEqual([]);
    expect(await badFields(RoleGrantQueryDto, { activeOn: 'today', includeRevoked: 'maybe' })).toEqual(['activeOn', 'includeRevoked']);
  });
});
