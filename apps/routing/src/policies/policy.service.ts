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
  type OpinionDeadlinePolicy,
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

/** How long routing reuses the stored opinion policy versions of a jurisdiction (a new version applies after this). */
const OPINION_VERSIONS_CACHE_MS = 10_000;

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
    this.opinionCache.delete(dto.jurisdiction);
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

  /**
   * The opinion deadline policy version a new case of `jurisdiction` runs under: the stored version in force at
   * `discoveredAt`. Workflows carry the versions shipped with @huiying/policy; a version published through the admin
   * API that no workflow knows yet is not handed over (the case would stall): then the shipped version in force is
   * used, and the gap is logged. Null when the jurisdiction has no version of its own in force (the workflow then
   * falls back to the national baseline and records it).
   */
  async opinionPolicyVersionFor(jurisdiction: string, discoveredAt: string): Promise<string | null> {
    const rows = await this.opinionVersions(jurisdiction);
    const stored = new PolicyRegistry(rows.map((r) => r.data as unknown as OpinionDeadlinePolicy)).findInForce(jurisdiction, discoveredAt);
    const shipped = new PolicyRegistry(BUILT_IN_POLICIES.filter((p): p is OpinionDeadlinePolicy => p.kind === 'opinion_deadlines' && p.jurisdiction === jurisdiction));
    const known = shipped.findInForce(jurisdiction, discoveredAt);
    if (stored && !shipped.all().some((p) => p.version === stored.version)) {
      this.logger.warn(
        { jurisdiction, storedVersion: stored.version, usedVersion: known?.version ?? null },
        'opinion policy version in force is not shipped with the workflows yet; the case runs under the shipped version',
      );
      return known?.version ?? null;
    }
    return stored?.version ?? known?.version ?? null;
  }

  /** Stored opinion versions of a jurisdiction, cached briefly: routing asks for every report, versions never change. */
  private readonly opinionCache = new Map<string, { at: number; rows: Promise<PolicyVersionEntity[]> }>();
  private opinionVersions(jurisdiction: string): Promise<PolicyVersionEntity[]> {
    const hit = this.opinionCache.get(jurisdiction);
    if (hit && Date.now() - hit.at < OPINION_VERSIONS_CACHE_MS) return hit.rows;
    const rows = this.repo.versions('opinion_deadlines', jurisdiction);
    this.opinionCache.set(jurisdiction, { at: Date.now(), rows });
    rows.catch(() => this.opinionCache.delete(jurisdiction));
    return rows;
  }

  async byVersion(kind: PolicyKind, jurisdiction: string, version: string): Promise<PolicyVersionDto> {
    const row = await this.repo.find(kind, jurisdiction, version);
    if (!row) throw new PolicyApiException(PolicyApiErrorCode.UnknownVersion, `no ${kind} policy ${jurisdiction}/${version}`);
    return toPolicyVersionDto(row);
  }
}
