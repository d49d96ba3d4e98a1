import { AccessRepository } from './access.repository';
import { checkRoleGrant, type RoleCheck, type RoleNeed } from './role-grant';

/**
 * Checks, at the time of the call, that a person holds a role for a case (README → Access control → Role grants):
 * the services use it where the law reserves an action to a role holder, e.g. routing for a disclosure extension.
 */
export class RoleGrantVerifier {
  constructor(private readonly repo: AccessRepository) {}

  async check(need: RoleNeed): Promise<RoleCheck> {
    return checkRoleGrant(await this.repo.listRoleGrants({ personId: need.personId, role: need.role }), need);
  }
}
