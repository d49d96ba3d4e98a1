// The opinion deadline policies bundled with the workflow, and how a case picks its version (deterministically,
// from its input only). Versions are only ever added here: a running case looks its version up again on replay.
import {
  NATIONAL_OPINION_POLICY,
  PolicyRegistry,
  SEED_CITY_OPINION_POLICY,
  type OpinionDeadlinePolicy,
} from '@huiying/policy';
import type { OpinionCaseInput, OpinionCaseState } from '@huiying/contracts/workflow';

export const NATIONAL_JURISDICTION = NATIONAL_OPINION_POLICY.jurisdiction;

export const OPINION_POLICIES = new PolicyRegistry<OpinionDeadlinePolicy>([NATIONAL_OPINION_POLICY, SEED_CITY_OPINION_POLICY]);

export interface ResolvedPolicy {
  policy: OpinionDeadlinePolicy;
  resolvedBy: OpinionCaseState['policy']['resolvedBy'];
}

/**
 * - `input.policyVersion` given: that version of the case's jurisdiction (an unknown version throws: the workflow task
 *   fails and retries, so a worker that knows the version can pick the case up after a deploy);
 * - otherwise the jurisdiction's version in force at discovery;
 * - a jurisdiction without an opinion policy in force then: the national baseline in force then (or its first version).
 */
export function resolveOpinionPolicy(
  input: Pick<OpinionCaseInput, 'policyVersion' | 'discoveredAt'> & { routing: Pick<OpinionCaseInput['routing'], 'jurisdiction'> },
  registry: PolicyRegistry<OpinionDeadlinePolicy> = OPINION_POLICIES,
): ResolvedPolicy {
  const jurisdiction = input.routing.jurisdiction;
  if (input.policyVersion) return { policy: registry.byVersion(jurisdiction, input.policyVersion), resolvedBy: 'input' };
  const own = registry.findInForce(jurisdiction, input.discoveredAt);
  if (own) return { policy: own, resolvedBy: 'in_force_at_discovery' };
  const national = registry.findInForce(NATIONAL_JURISDICTION, input.discoveredAt) ?? registry.versions(NATIONAL_JURISDICTION)[0];
  if (!national) throw new Error(`no opinion policy for ${jurisdiction} and no national baseline`);
  return { policy: national, resolvedBy: 'national_fallback' };
}
