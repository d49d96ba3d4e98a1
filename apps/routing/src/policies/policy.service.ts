import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  DEFAULT_ROUTING_RULES,
  NATIONAL_DISCLOSURE_POLICY,
  NATIONAL_OPINION_POLICY,
  PolicyException,
  PolicyRegistry,
  publishPolicy,
  SEED_CITY_OPINION_POLICY,
  type VersionedPolicy,
} from '@huiying/policy';
import type { PolicyInForceQueryDto, PolicyKind, PolicyVersionDto, PublishPolicyDto } from '@huiying/contracts';
import type { PolicyVersionEntity } from '@huiying/persistence';
import { LOGGER } from '../infrastructure.module';
import { policyContentProblems, toPolicy } from './policy-content';
import { PolicyApiErrorCode, PolicyApiException } from './policy.exception';
import { PolicyRepository, type NewPolicyVersion } from './policy.repository';

/** The policy versions shipped with @huiying/policy; stored at startup if missing (published_by 'built-in'). */
export const BUILT_IN_POLICIES: readonly VersionedPolicy[] = [
  SEED_CITY_OPINION_POLICY,
  NATIONAL_OPINION_POLICY,
  NATIONAL_DISCLOSURE_POLICY,
  DEFAULT_ROUTING_RULES,
];

function rowOf(policy: VersionedPolicy, publishedBy: string, publishedAt: Date): NewPolicyVersion {
  return {
    kind: policy.kind,
    jurisdiction: policy.jurisdiction,
    version: policy.version,
    effectiveFrom: new Date(policy.effectiveFrom),
    data: JSON.parse(JSON.stringify(policy)) as Record<string, unknown>,
    publishedAt,
    publishedBy,
  };
}

export function toPolicyVersionDto(row: PolicyVersionEntity): PolicyVersionDto {
  return {
    kind: row.kind as PolicyKind,
    jurisdiction: row.jurisdiction,
    version: row.version,
    effectiveFrom: row.effectiveFrom.toISOString(),
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    policy: row.data,
  };
}

@Injectable()
export class PolicyService implements OnApplicationBootstrap {
  constructor(
    private readonly repo: PolicyRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Idempotent: a built-in version already stored is left as it is (versions are immutable). */
  async onApplicationBootstrap(): Promise<void> {
    const added = await this.repo.insertMissing(BUILT_IN_POLICIES.map((p) => rowOf(p, 'built-in', new Date())));
    this.logger.info({ added, builtIn: BUILT_IN_POLICIES.map((p) => `${p.kind}/${p.jurisdiction}/${p.version}`) }, 'built-in policy versions seeded');
  }

  async publish(dto: PublishPolicyDto): Promise<PolicyVersionDto> {
    const problems = policyContentProblems(dto.kind, dto.content);
    if (problems.length) throw new PolicyApiException(PolicyApiErrorCode.InvalidPolicy, 'The policy breaks the rules of its kind; nothing was published', problems);
    let policy: VersionedPolicy;
    try {
      policy = publishPolicy(toPolicy(dto));
    } catch (e) {
      if (e instanceof PolicyException) throw new PolicyApiException(PolicyApiErrorCode.InvalidPolicy, e.message, [e.message]);
      throw e;
    }
    const row = rowOf(policy, dto.publishedBy ?? 'admin-api', new Date());
    const outcome = await this.repo.insert(row);
    const id = `${dto.kind}/${dto.jurisdiction}/${dto.version}`;
    if (outcome === 'version_exists') {
      throw new PolicyApiException(PolicyApiErrorCode.VersionExists, `${id} is already published; versions are immutable: publish a new version`);
    }
    if (outcome === 'effective_from_taken') {
      throw new PolicyApiException(
        PolicyApiErrorCode.EffectiveFromTaken,
        `another ${dto.kind}/${dto.jurisdiction} version is already effective from ${dto.effectiveFrom}`,
      );
    }
    this.logger.info({ policy: id, effectiveFrom: dto.effectiveFrom, publishedBy: row.publishedBy }, 'policy version published');
    return toPolicyVersionDto({ ...row, id: '' });
  }

  /** The version in force at an instant (default now): PolicyRegistry.findInForce over the stored versions. */
  async inForce(kind: PolicyKind, query: PolicyInForceQueryDto): Promise<PolicyVersionDto> {
    const at = query.at ?? new Date().toISOString();
    const rows = await this.repo.versions(kind, query.jurisdiction);
    const registry = new PolicyRegistry(rows.map((r) => r.data as unknown as VersionedPolicy));
    const policy = registry.findInForce(query.jurisdiction, at);
    const row = policy && rows.find((r) => r.version === policy.version);
    if (!row) throw new PolicyApiException(PolicyApiErrorCode.NoneInForce, `no ${kind} policy of ${query.jurisdiction} is in force at ${at}`);
    return toPolicyVersionDto(row);
  }

  async byVersion(kind: PolicyKind, jurisdiction: string, version: string): Promise<PolicyVersionDto> {
    const row = await this.repo.find(kind, jurisdiction, version);
    if (!row) throw new PolicyApiException(PolicyApiErrorCode.UnknownVersion, `no ${kind} policy ${jurisdiction}/${version}`);
    return toPolicyVersionDto(row);
  }
}
