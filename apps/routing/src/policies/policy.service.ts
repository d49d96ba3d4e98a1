import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  BUILT_IN_OPINION_POLICIES,
  choosePolicyInForce,
  DEFAULT_ROUTING_RULES,
  NATIONAL_DISCLOSURE_POLICY,
  PolicyException,
  PolicyRegistry,
  publishPolicy,
  type VersionedPolicy,
} from '@huiying/policy';
import type { PolicyInForceQueryDto, PolicyKind, PolicyVersionDto, PublishPolicyDto } from '@huiying/contracts';
import type { PolicyVersionEntity } from '@huiying/persistence';
import { LOGGER } from '../infrastructure.module';
import { policyContentProblems, toPolicy } from './policy-content';
import { PolicyApiErrorCode, PolicyApiException } from './policy.exception';
import { PolicyRepository, type NewPolicyVersion } from './policy.repository';

/**
 * The policy versions shipped with @huiying/policy; stored at startup if missing (published_by 'built-in'). Every
 * version ever shipped stays in the list (cases started under it keep it; a fresh database gets the whole record).
 */
export const BUILT_IN_POLICIES: readonly VersionedPolicy[] = [...BUILT_IN_OPINION_POLICIES, NATIONAL_DISCLOSURE_POLICY, DEFAULT_ROUTING_RULES];

/**
 * Which part of the system honours each policy kind — the only kinds that can be published (a kind nobody reads
 * would be a policy that changes nothing). Routing reads the version in force for every new case and records it.
 */
export const POLICY_CONSUMERS: Readonly<Record<PolicyKind, string>> = {
  opinion_deadlines: 'routing hands the version in force to the opinion case workflow as data (OpinionCaseInput.policy)',
  disclosure: 'routing hands the version in force to the disclosure workflow as data (DisclosureApplicationInput.policy)',
  routing: 'routing decides the lead department and copies of every new opinion case with the version in force',
};

/** A version chosen for a new case, with how it was chosen. */
export interface ChosenPolicy<T extends VersionedPolicy> {
  policy: T;
  /** in_force: the case's jurisdiction's own version; fallback: it had none in force, the fallback's was used. */
  resolvedBy: 'in_force' | 'fallback';
}

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

/** Same content, whatever the key order (jsonb does not keep it). */
export function samePolicy(stored: unknown, shipped: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canon(x)])) : v;
  return JSON.stringify(canon(stored)) === JSON.stringify(canon(JSON.parse(JSON.stringify(shipped))));
}

/**
 * How long a routing instance reuses the stored versions of a (kind, jurisdiction) before reading them again. A publish
 * through this instance clears it at once; other instances see a new version within this time (versions are
 * normally published ahead of their effective time, so the window does not matter then).
 */
const VERSIONS_CACHE_MS = 10_000;

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
    // New cases get the stored version as data: a built-in version edited in the code after it was stored would
    // silently not apply. Say so loudly (the fix is a new version, never an edit).
    for (const p of BUILT_IN_POLICIES) {
      const row = await this.repo.find(p.kind, p.jurisdiction, p.version);
      if (!row) {
        this.logger.error({ policy: `${p.kind}/${p.jurisdiction}/${p.version}`, effectiveFrom: p.effectiveFrom }, 'built-in policy version not stored: another version of its jurisdiction takes the same effectiveFrom');
      } else if (!samePolicy(row.data, p)) {
        this.logger.error({ policy: `${p.kind}/${p.jurisdiction}/${p.version}` }, 'built-in policy version differs from the stored one: versions are immutable, the stored one applies — ship the change as a new version');
      }
    }
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
    this.versionsCache.delete(`${dto.kind}/${dto.jurisdiction}`);
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
   * The version of `kind` a new case of `jurisdiction` starting at `at` runs under: the jurisdiction's own version in
   * force then (published through the admin API or built in), else `fallbackJurisdiction`'s (the national baseline,
   * or the deployment's default routing table). Null when neither has one.
   */
  async chooseInForce<T extends VersionedPolicy>(kind: PolicyKind, jurisdiction: string, at: string, fallbackJurisdiction: string): Promise<ChosenPolicy<T> | null> {
    const rows = [...(await this.cachedVersions(kind, jurisdiction)), ...(jurisdiction === fallbackJurisdiction ? [] : await this.cachedVersions(kind, fallbackJurisdiction))];
    const choice = choosePolicyInForce(rows.map((r) => r.data as unknown as T), jurisdiction, at, fallbackJurisdiction);
    return choice ? { policy: choice.policy, resolvedBy: choice.resolvedBy } : null;
  }

  /** One stored version as the policy object (what a case that started under it keeps), or null. */
  async storedVersion<T extends VersionedPolicy>(kind: PolicyKind, jurisdiction: string, version: string): Promise<T | null> {
    const row = await this.repo.find(kind, jurisdiction, version);
    return row ? (row.data as unknown as T) : null;
  }

  /** Stored versions of a (kind, jurisdiction), cached briefly: routing asks for every case, versions never change. */
  private readonly versionsCache = new Map<string, { at: number; rows: Promise<PolicyVersionEntity[]> }>();
  private cachedVersions(kind: PolicyKind, jurisdiction: string): Promise<PolicyVersionEntity[]> {
    const key = `${kind}/${jurisdiction}`;
    const hit = this.versionsCache.get(key);
    if (hit && Date.now() - hit.at < VERSIONS_CACHE_MS) return hit.rows;
    const rows = this.repo.versions(kind, jurisdiction);
    this.versionsCache.set(key, { at: Date.now(), rows });
    rows.catch(() => this.versionsCache.delete(key));
    return rows;
  }

  async byVersion(kind: PolicyKind, jurisdiction: string, version: string): Promise<PolicyVersionDto> {
    const row = await this.repo.find(kind, jurisdiction, version);
    if (!row) throw new PolicyApiException(PolicyApiErrorCode.UnknownVersion, `no ${kind} policy ${jurisdiction}/${version}`);
    return toPolicyVersionDto(row);
  }
}
