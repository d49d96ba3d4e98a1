import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
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
  validTo: '2026-12-31',
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

  it('list filters: activeOn is a date, includeRevoked a boolean from the query string', async () => {
    expect(plainToInstance(RoleGrantQueryDto, { includeRevoked: 'false' }).includeRevoked).toBe(false);
    expect(await badFields(RoleGrantQueryDto, { activeOn: '2026-12-03', includeRevoked: 'true' })).toEqual([]);
    expect(await badFields(RoleGrantQueryDto, { activeOn: 'today', includeRevoked: 'maybe' })).toEqual(['activeOn', 'includeRevoked']);
  });
});
