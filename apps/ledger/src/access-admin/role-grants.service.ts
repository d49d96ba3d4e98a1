import { Injectable } from '@nestjs/common';
import { AccessException, AccessExceptionCode, AccessRepository, type Caller, type RoleGrant } from '@huiying/access';
import type { CreateRoleGrantDto, RevokeRoleGrantDto, RoleGrantDto, RoleGrantListDto, RoleGrantQueryDto } from '@huiying/contracts';

const toDto = (g: RoleGrant): RoleGrantDto => ({ ...g });

/**
 * Role grants (admin scope): who holds which role for which jurisdiction, when (README → Access control → Role grants).
 * Every grant and revocation is audited by the access interceptor (target = the grant id); the grant row itself keeps
 * who granted / revoked it and through which calling system.
 */
@Injectable()
export class RoleGrantsService {
  constructor(private readonly repo: AccessRepository) {}

  async grant(dto: CreateRoleGrantDto, caller: Caller): Promise<RoleGrantDto> {
    const grant = await this.repo.createRoleGrant({
      personId: dto.personId,
      personName: dto.personName,
      role: dto.role,
      jurisdiction: dto.jurisdiction,
      department: dto.department ?? null,
      office: dto.office,
      validFrom: dto.validFrom,
      validTo: dto.validTo ?? null,
      basis: dto.basis ?? null,
      grantedBy: dto.grantedBy,
      grantedBySystem: caller.systemId,
    });
    return toDto(grant);
  }

  async list(q: RoleGrantQueryDto): Promise<RoleGrantListDto> {
    const grants = await this.repo.listRoleGrants({ personId: q.personId, role: q.role, jurisdiction: q.jurisdiction, activeOn: q.activeOn, includeRevoked: q.includeRevoked });
    return { grants: grants.map(toDto) };
  }

  async find(grantId: string): Promise<RoleGrantDto> {
    const grant = await this.repo.findRoleGrant(grantId);
    if (!grant) throw new AccessException(AccessExceptionCode.RoleGrantNotFound, `no role grant ${grantId}`);
    return toDto(grant);
  }

  /** Revokes from now on (final: a person given the role again gets a new grant). */
  async revoke(grantId: string, dto: RevokeRoleGrantDto, caller: Caller): Promise<RoleGrantDto> {
    const r = await this.repo.revokeRoleGrant(grantId, { revokedBy: dto.revokedBy, reason: dto.reason, revokedBySystem: caller.systemId });
    if ('missing' in r) throw new AccessException(AccessExceptionCode.RoleGrantNotFound, `no role grant ${grantId}`);
    if ('alreadyRevoked' in r) throw new AccessException(AccessExceptionCode.RoleGrantRevoked, `role grant ${grantId} was revoked at ${r.alreadyRevoked.revokedAt} already`);
    return toDto(r.grant);
  }
}
