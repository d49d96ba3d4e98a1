// Which opinion deadline policy a case runs under, decided deterministically from its input only.
//
// New cases carry the policy as data (`input.policy`): routing found the version in force for the case's jurisdiction
// (published through the admin API or built in) and handed the whole of it over, so a version published today runs
// without a deploy, and the case keeps it because it is part of the workflow's recorded input.
//
// Cases started before that carried only a version id (or none). They resolve against LEGACY_OPINION_POLICIES: exactly
// the versions the workflow bundled when those cases started, never extended or changed, so their histories replay
// with the same clocks. (No patched() marker is needed: which path a case takes depends only on its recorded input.)
import {
  NATIONAL_JURISDICTION,
  NATIONAL_OPINION_POLICY_2016_1,
  PolicyRegistry,
  SEED_CITY_OPINION_POLICY_2026_1,
  type OpinionDeadlinePolicy,
} from '@huiying/policy';
import type { OpinionCaseInput, OpinionCaseState } from '@huiying/contracts/workflow';

/** The versions bundled with the workflow before policies travelled as data. Frozen: do not add versions here. */
export const LEGACY_OPINION_POLICIES = new PolicyRegistry<OpinionDeadlinePolicy>([NATIONAL_OPINION_POLICY_2016_1, SEED_CITY_OPINION_POLICY_2026_1]);

export interface ResolvedPolicy {
  policy: OpinionDeadlinePolicy;
  resolvedBy: OpinionCaseState['policy']['resolvedBy'];
  /** true: the policy came with the input as data; false: looked up in the legacy versions. */
  carried: boolean;
}

/**
 * - `input.policy` given (every case routing starts now): that policy, as routing chose it (`in_force` or
 *   `national_fallback`);
 * - else `input.policyVersion`: that legacy version of the case's jurisdiction (an unknown version throws: the
 *   workflow task fails and retries);
 * - else the jurisdiction's legacy version in force at discovery, or the national baseline in force then.
 */
export function resolveOpinionPolicy(
  input: Pick<OpinionCaseInput, 'policy' | 'policyResolvedBy' | 'policyVersion' | 'discoveredAt'> & { routing: Pick<OpinionCaseInput['routing'], 'jurisdiction'> },
  registry: PolicyRegistry<OpinionDeadlinePolicy> = LEGACY_OPINION_POLICIES,
): ResolvedPolicy {
  if (input.policy) {
    if (input.policy.kind !== 'opinion_deadlines') throw new Error(`input.policy is a ${String(input.policy.kind)} policy, not opinion_deadlines`);
    return { policy: input.policy, resolvedBy: input.policyResolvedBy ?? 'in_force', carried: true };
  }
  const jurisdiction = input.routing.jurisdiction;
  if (input.policyVersion) return { policy: registry.byVersion(jurisdiction, input.policyVersion), resolvedBy: 'input', carried: false };
  const own = registry.findInForce(jurisdiction, input.discoveredAt);
  if (own) return { policy: own, resolvedBy: 'in_force_at_discovery', carried: false };
  const national = registry.findInForce(NATIONAL_JURISDICTION, input.discoveredAt) ?? registry.versions(NATIONAL_JURISDICTION)[0];
  if (!national) throw new Error(`no opinion policy for ${jurisdiction} and no national baseline`);
  return { policy: national, resolvedBy: 'national_fallback', carried: false };
}
