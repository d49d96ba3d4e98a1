import { checkRoleGrant, isRole, noActiveGrantMessage, whyGrantDoesNotCover, type RoleGrant, type RoleNeed } from './role-grant';

const grant = (over: Partial<RoleGrant> = {}): RoleGrant => ({
  id: 'g-1',
  personId: 'staff-0421',
  personName: '王主任',
  role: 'head_of_disclosure_office',
  jurisdiction: 'seed-city',
  department: null,
  office: '某市人民政府办公室（政务公开办）',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  basis: null,
  grantedBy: '赵主任',
  grantedBySystem: 'local-admin',
  grantedAt: '2026-01-01T01:00:00.000Z',
  revokedAt: null,
  revokedBy: null,
  revokedBySystem: null,
  revokeReason: null,
  ...over,
});

const need = (over: Partial<RoleNeed> = {}): RoleNeed => ({
  personId: 'staff-0421',
  role: 'head_of_disclosure_office',
  jurisdiction: 'seed-city',
  department: 'disclosure_office',
  on: '2026-12-03',
  ...over,
});

describe('role grants (条例第三十三条第二款: the extension is approved by the head of the disclosure office)', () => {
  it('a grant covers an approval inside its window, both ends included, and yields the approval the notices print', () => {
    for (const on of ['2026-01-01', '2026-12-03', '2026-12-31']) expect(whyGrantDoesNotCover(grant(), need({ on }))).toBeNull();
    expect(checkRoleGrant([grant()], need())).toEqual({
      ok: true,
      grant: grant(),
      approval: { grantId: 'g-1', personId: 'staff-0421', personName: '王主任', role: 'head_of_disclosure_office', office: '某市人民政府办公室（政务公开办）' },
    });
  });

  it('is not active before it starts or after it ends; an open-ended grant runs until revoked', () => {
    expect(whyGrantDoesNotCover(grant(), need({ on: '2025-12-31' }))).toBe('grant g-1 for seed-city is valid from 2026-01-01');
    expect(whyGrantDoesNotCover(grant(), need({ on: '2027-01-01' }))).toBe('grant g-1 for seed-city ended on 2026-12-31');
    expect(whyGrantDoesNotCover(grant({ validTo: null }), need({ on: '2031-06-30' }))).toBeNull();
  });

  it('covers only its own jurisdiction', () => {
    expect(whyGrantDoesNotCover(grant(), need({ jurisdiction: 'cn' }))).toBe('grant g-1 is for seed-city, not cn');
    const refused = checkRoleGrant([grant()], need({ jurisdiction: 'cn' }));
    expect(refused).toEqual({ ok: false, message: 'has no active grant of head_of_disclosure_office for cn on 2026-12-03', reasons: ['grant g-1 is for seed-city, not cn'] });
  });

  it('a department-bound grant covers only the cases that department leads', () => {
    const bound = grant({ department: 'housing_urban_rural' });
    expect(whyGrantDoesNotCover(bound, need({ department: 'housing_urban_rural' }))).toBeNull();
    expect(whyGrantDoesNotCover(bound, need())).toBe('grant g-1 is only for cases led by housing_urban_rural, not disclosure_office');
  });

  it('a revoked grant covers nothing, whatever day the approval names', () => {
    const revoked = grant({ revokedAt: '2026-12-02T02:00:00.000Z', revokedBy: '赵主任', revokeReason: '岗位调整' });
    expect(whyGrantDoesNotCover(revoked, need())).toBe('grant g-1 for seed-city was revoked at 2026-12-02T02:00:00.000Z');
    expect(whyGrantDoesNotCover(revoked, need({ on: '2026-06-01' }))).not.toBeNull();
    expect(checkRoleGrant([revoked], need()).ok).toBe(false);
  });

  it('another person or another role is never covered; a person without any grant is told so', () => {
    expect(whyGrantDoesNotCover(grant(), need({ personId: 'staff-9' }))).toBe("grant g-1 is not staff-9's");
    expect(whyGrantDoesNotCover(grant({ role: 'other_role' as never }), need())).toBe('grant g-1 is of role other_role');
    expect(checkRoleGrant([grant()], need({ personId: 'staff-9' }))).toEqual({
      ok: false,
      message: 'has no active grant of head_of_disclosure_office for seed-city on 2026-12-03',
      reasons: ['no grant of head_of_disclosure_office is recorded for staff-9'],
    });
  });

  it('among several grants, a current one counts even when others are revoked or elsewhere; every refusal reason is given', () => {
    const old = grant({ id: 'g-old', validFrom: '2024-01-01', validTo: '2025-12-31' });
    const elsewhere = grant({ id: 'g-cn', jurisdiction: 'cn' });
    const revoked = grant({ id: 'g-rev', revokedAt: '2026-03-01T00:00:00.000Z', revokedBy: 'x', revokeReason: 'y' });
    const current = grant({ id: 'g-now', validFrom: '2026-03-02', validTo: null });
    const ok = checkRoleGrant([old, elsewhere, revoked, current], need());
    expect(ok.ok && ok.grant.id).toBe('g-now');
    const refused = checkRoleGrant([old, elsewhere, revoked], need());
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reasons).toEqual([
      'grant g-old for seed-city ended on 2025-12-31',
      'grant g-cn is for cn, not seed-city',
      'grant g-rev for seed-city was revoked at 2026-03-01T00:00:00.000Z',
    ]);
  });

  it('when several cover, the department-bound one wins, then the latest start (deterministic)', () => {
    const wide = grant({ id: 'g-wide', validFrom: '2026-06-01' });
    const bound = grant({ id: 'g-bound', department: 'disclosure_office', office: '政务公开办' });
    const later = grant({ id: 'g-later', validFrom: '2026-07-01' });
    const pick = (gs: RoleGrant[]) => {
      const r = checkRoleGrant(gs, need());
      return r.ok ? r.approval.grantId : null;
    };
    expect(pick([wide, bound, later])).toBe('g-bound');
    expect(pick([wide, later])).toBe('g-later');
    expect(pick([later, wide])).toBe('g-later');
  });

  it('knows its roles; the refusal reads like the field error', () => {
    expect(isRole('head_of_disclosure_office')).toBe(true);
    expect(isRole('section_chief')).toBe(false);
    expect(noActiveGrantMessage({ role: 'head_of_disclosure_office', jurisdiction: 'seed-city', on: '2026-12-03' })).toBe(
      'has no active grant of head_of_disclosure_office for seed-city on 2026-12-03',
    );
  });
});
