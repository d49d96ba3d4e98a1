import { IsoInstant, toEpochMs } from '@huiying/calendar';
import { PolicyErrorCode, PolicyException } from './policy.exception';

/** Every published policy is a record: (jurisdiction, version) identifies it; it is never edited afterwards. */
export interface VersionedPolicy {
  readonly kind: string;
  /** e.g. 'cn' (national baseline) or 'seed-city'. */
  readonly jurisdiction: string;
  /** e.g. 'seed-city-2026.1'. Unique per (kind, jurisdiction). */
  readonly version: string;
  /** From this instant on, the version governs new cases (cases keep the version they started under). */
  readonly effectiveFrom: IsoInstant;
  /** The documents it restates. */
  readonly reference: string;
}

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Freezes an object graph in place and returns it. */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value as DeepReadonly<T>;
}

/** A published policy: a frozen deep copy (later changes to the caller's object cannot reach it). */
export function publishPolicy<T extends VersionedPolicy>(policy: T): T {
  for (const field of ['kind', 'jurisdiction', 'version', 'reference'] as const) {
    if (typeof policy[field] !== 'string' || policy[field].trim() === '') {
      throw new PolicyException(PolicyErrorCode.InvalidPolicy, `policy.${field} must be a non-empty string`);
    }
  }
  try {
    toEpochMs(policy.effectiveFrom, 'effectiveFrom');
  } catch (e) {
    throw new PolicyException(PolicyErrorCode.InvalidPolicy, (e as Error).message);
  }
  return deepFreeze(clonePlain(policy)) as T;
}

/** Deep copy of plain data (objects, arrays, primitives). No structuredClone: the Temporal sandbox may lack it. */
export function clonePlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => clonePlain(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = clonePlain(v);
    return out as T;
  }
  return value;
}

/**
 * The published versions of one kind of policy, for every jurisdiction. Immutable: `publish` returns a new registry.
 * `inForce(jurisdiction, at)` picks the version in force at an instant; a case stores that version and later calls
 * `byVersion` so it keeps the rules it started under.
 */
export class PolicyRegistry<T extends VersionedPolicy> {
  private readonly policies: readonly T[];

  constructor(policies: readonly T[] = []) {
    const published: T[] = [];
    for (const p of policies) {
      const frozen = Object.isFrozen(p) ? p : publishPolicy(p);
      PolicyRegistry.checkNew(published, frozen);
      published.push(frozen);
    }
    this.policies = Object.freeze(published);
    Object.freeze(this);
  }

  private static checkNew<T extends VersionedPolicy>(existing: readonly T[], p: T): void {
    const same = existing.filter((e) => e.jurisdiction === p.jurisdiction);
    if (same.some((e) => e.version === p.version)) {
      throw new PolicyException(PolicyErrorCode.VersionExists, `${p.jurisdiction} already has version ${p.version}; publish a new version`);
    }
    if (same.some((e) => toEpochMs(e.effectiveFrom) === toEpochMs(p.effectiveFrom))) {
      throw new PolicyException(PolicyErrorCode.InvalidPolicy, `${p.jurisdiction} already has a version effective from ${p.effectiveFrom}`);
    }
    if (existing.length > 0 && existing[0]?.kind !== p.kind) {
      throw new PolicyException(PolicyErrorCode.InvalidPolicy, `registry holds ${existing[0]?.kind} policies, not ${p.kind}`);
    }
  }

  /** A new registry with `policy` added as a new version. Existing versions cannot be replaced. */
  publish(policy: T): PolicyRegistry<T> {
    return new PolicyRegistry<T>([...this.policies, publishPolicy(policy)]);
  }

  all(): readonly T[] {
    return this.policies;
  }

  versions(jurisdiction: string): readonly T[] {
    return this.policies
      .filter((p) => p.jurisdiction === jurisdiction)
      .sort((a, b) => toEpochMs(a.effectiveFrom) - toEpochMs(b.effectiveFrom));
  }

  /** The version in force at `at` (the latest with effectiveFrom ≤ at), or undefined. */
  findInForce(jurisdiction: string, at: IsoInstant): T | undefined {
    const t = toEpochMs(at, 'at');
    return this.versions(jurisdiction)
      .filter((p) => toEpochMs(p.effectiveFrom) <= t)
      .pop();
  }

  inForce(jurisdiction: string, at: IsoInstant): T {
    const p = this.findInForce(jurisdiction, at);
    if (!p) throw new PolicyException(PolicyErrorCode.NoPolicyInForce, `no ${jurisdiction} policy in force at ${at}`);
    return p;
  }

  byVersion(jurisdiction: string, version: string): T {
    const p = this.policies.find((x) => x.jurisdiction === jurisdiction && x.version === version);
    if (!p) throw new PolicyException(PolicyErrorCode.UnknownVersion, `no ${jurisdiction} policy version ${version}`);
    return p;
  }
}

/** The jurisdiction of the national baselines (opinion deadlines, disclosure). */
export const NATIONAL_JURISDICTION = 'cn';

export interface PolicyChoice<T extends VersionedPolicy> {
  readonly policy: T;
  /** in_force: the jurisdiction's own version in force; fallback: it has none in force, the fallback's is used. */
  readonly resolvedBy: 'in_force' | 'fallback';
}

/**
 * The version a new case of `jurisdiction` starting at `at` runs under: the jurisdiction's own version in force then,
 * else the fallback jurisdiction's (the national baseline, or the deployment's default routing table). Undefined when
 * neither has a version in force. `versions` may hold any jurisdictions; only the two named are looked at.
 */
export function choosePolicyInForce<T extends VersionedPolicy>(
  versions: readonly T[],
  jurisdiction: string,
  at: IsoInstant,
  fallbackJurisdiction: string,
): PolicyChoice<T> | undefined {
  const registry = new PolicyRegistry<T>(versions.filter((v) => v.jurisdiction === jurisdiction || v.jurisdiction === fallbackJurisdiction));
  const own = registry.findInForce(jurisdiction, at);
  if (own) return { policy: own, resolvedBy: 'in_force' };
  const fallback = registry.findInForce(fallbackJurisdiction, at);
  return fallback ? { policy: fallback, resolvedBy: 'fallback' } : undefined;
}
