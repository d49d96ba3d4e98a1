import { ACCESS_ROLES, type AccessRole } from '@huiying/contracts';

/**
 * Roles a person can be granted (README → Access control → Role grants). An action the law reserves to a role holder
 * names the person by id; the service looks up that person's grants and accepts the action only when one covers it.
 */
export const ROLES = ACCESS_ROLES;
export type Role = AccessRole;

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** A role granted to a person, as stored in access.role_grants. Dates are Asia/Shanghai calendar days, inclusive. */
export interface RoleGrant {
  id: string;
  personId: string;
  personName: string;
  role: Role;
  /** The case jurisdiction it is valid for (one code, never '*'). */
  jurisdiction: string;
  /** Only cases led by this department; null: every case of the jurisdiction. */
  department: string | null;
  /** The office the person heads, as notices print it. */
  office: string;
  validFrom: string;
  validTo: string | null;
  /** The appointment or delegation document. */
  basis: string | null;
  /** Who granted it (the official whose decision the grant records). */
  grantedBy: string;
  /** The calling system that recorded it; null: the access CLI. */
  grantedBySystem: string | null;
  grantedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokedBySystem: string | null;
  revokeReason: string | null;
}

export interface NewRoleGrant {
  personId: string;
  personName: string;
  role: Role;
  jurisdiction: string;
  department?: string | null;
  office: string;
  validFrom: string;
  validTo?: string | null;
  basis?: string | null;
  grantedBy: string;
  grantedBySystem: string | null;
}

/** What an action needs: this person holding this role for the case's jurisdiction (and lead department) on this day. */
export interface RoleNeed {
  personId: string;
  role: Role;
  jurisdiction: string;
  /** The case's lead department (a department-bound grant covers only its own cases). */
  department: string | null;
  /** The day of the approval (YYYY-MM-DD, Asia/Shanghai). */
  on: string;
}

/** The verified approval an action carries into the case workflow (what the notices print). */
export interface GrantedApproval {
  grantId: string;
  personId: string;
  personName: string;
  role: Role;
  office: string;
}

export type RoleCheck = { ok: true; grant: RoleGrant; approval: GrantedApproval } | { ok: false; message: string; reasons: string[] };

/**
 * Why the grant does not cover the need, or null when it does. A revoked grant covers nothing from its revocation on,
 * whatever day the approval claims (a term that simply ends is `validTo`); dates compare as YYYY-MM-DD strings.
 */
export function whyGrantDoesNotCover(g: RoleGrant, need: RoleNeed): string | null {
  if (g.personId !== need.personId) return `grant ${g.id} is not ${need.personId}'s`;
  if (g.role !== need.role) return `grant ${g.id} is of role ${g.role}`;
  if (g.revokedAt) return `grant ${g.id} for ${g.jurisdiction} was revoked at ${g.revokedAt}`;
  if (g.jurisdiction !== need.jurisdiction) return `grant ${g.id} is for ${g.jurisdiction}, not ${need.jurisdiction}`;
  if (g.department && g.department !== need.department) return `grant ${g.id} is only for cases led by ${g.department}, not ${need.department ?? 'no department'}`;
  if (need.on < g.validFrom) return `grant ${g.id} for ${g.jurisdiction} is valid from ${g.validFrom}`;
  if (g.validTo && need.on > g.validTo) return `grant ${g.id} for ${g.jurisdiction} ended on ${g.validTo}`;
  return null;
}

/** The approval of a grant: who, in which role, for which office. */
export function approvalOf(g: RoleGrant): GrantedApproval {
  return { grantId: g.id, personId: g.personId, personName: g.personName, role: g.role, office: g.office };
}

/** `has no active grant of head_of_disclosure_office for seed-city on 2026-12-03` */
export function noActiveGrantMessage(need: Pick<RoleNeed, 'role' | 'jurisdiction' | 'on'>): string {
  return `has no active grant of ${need.role} for ${need.jurisdiction} on ${need.on}`;
}

/**
 * Decides whether one of the person's grants covers the need. Several may: a grant bound to the case's department wins
 * over a jurisdiction-wide one, then the one valid from the latest day, then the latest granted (deterministic).
 * A refusal says why each of the person's grants of the role does not count (none recorded: says so).
 */
export function checkRoleGrant(grants: readonly RoleGrant[], need: RoleNeed): RoleCheck {
  const own = grants.filter((g) => g.personId === need.personId && g.role === need.role);
  const covering = own.filter((g) => whyGrantDoesNotCover(g, need) === null);
  if (covering.length) {
    const [grant] = [...covering].sort(
      (a, b) =>
        Number(b.department !== null) - Number(a.department !== null) ||
        b.validFrom.localeCompare(a.validFrom) ||
        b.grantedAt.localeCompare(a.grantedAt) ||
        a.id.localeCompare(b.id),
    ) as [RoleGrant];
    return { ok: true, grant, approval: approvalOf(grant) };
  }
  const reasons = own.length ? own.map((g) => whyGrantDoesNotCover(g, need) as string) : [`no grant of ${need.role} is recorded for ${need.personId}`];
  return { ok: false, message: noActiveGrantMessage(need), reasons };
}
