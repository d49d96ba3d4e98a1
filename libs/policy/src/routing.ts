import { CategoryCode, DepartmentCode, isCategory, LIVELIHOOD_CATEGORIES, MANDATORY_CC } from './departments';
import { publishPolicy, VersionedPolicy } from './versioned-policy';

/** One row of the routing table: these categories → this lead department. */
export interface RoutingRule {
  readonly id: string;
  readonly categories: readonly CategoryCode[];
  readonly leadDepartment: DepartmentCode;
  readonly note?: string;
}

/** A versioned routing table (归口报送) with its mandatory copies and the territorial rule (属地管理). */
export interface RoutingRuleSet extends VersionedPolicy {
  readonly kind: 'routing';
  readonly rules: readonly RoutingRule[];
  /** Anything no rule covers (including unknown categories) goes here. */
  readonly fallback: { readonly id: string; readonly leadDepartment: DepartmentCode };
  /** Copied on every case (抄送). */
  readonly mandatoryCc: readonly DepartmentCode[];
  /** 属地管理: when true, the township/district where it happened handles the case. */
  readonly territorial: boolean;
}

export interface CaseLocation {
  readonly district?: string | null;
  readonly township?: string | null;
}

export interface RoutingInput {
  /** A category code; anything else (unknown, misspelt, missing) routes to the fallback. */
  readonly category: string | null | undefined;
  readonly location?: CaseLocation | null;
}

export interface Territory {
  /** The level that handles the case: the township, else the district, else the jurisdiction itself. */
  readonly level: 'township' | 'district' | 'jurisdiction';
  readonly jurisdiction: string;
  readonly district: string | null;
  readonly township: string | null;
}

export interface RoutingDecision {
  /** The category as routed: a known code, or 'other' for anything unknown. */
  readonly category: CategoryCode;
  readonly categoryRecognized: boolean;
  /** The lead department (at the territory's level when the territorial rule applies). */
  readonly leadDepartment: DepartmentCode;
  readonly ccDepartments: readonly DepartmentCode[];
  readonly territory: Territory;
  readonly jurisdiction: string;
  readonly ruleVersion: string;
  readonly ruleId: string;
}

const SECTOR_DEPARTMENT: Readonly<Record<(typeof LIVELIHOOD_CATEGORIES)[number], DepartmentCode>> = {
  employment: 'human_resources_social_security',
  housing: 'housing_urban_rural',
  education: 'education_bureau',
  health: 'health_commission',
  quality_supervision: 'market_regulation',
  food_drug_safety: 'market_regulation',
  prices: 'development_reform',
  poverty_relief: 'rural_revitalization',
  relocation: 'natural_resources',
  public_infrastructure: 'housing_urban_rural',
};

/** The seed city's routing table (seed 003, 附件1 一; DOMAIN.md). */
export const DEFAULT_ROUTING_RULES: RoutingRuleSet = publishPolicy<RoutingRuleSet>({
  kind: 'routing',
  jurisdiction: 'seed-city',
  version: 'seed-city-2026.1',
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  reference: '市人民政府政务舆情收集研判和回应流程 附件1 一 (seed 003); DOMAIN.md routing table',
  rules: [
    ...LIVELIHOOD_CATEGORIES.map(
      (c): RoutingRule => ({ id: `livelihood.${c}`, categories: [c], leadDepartment: SECTOR_DEPARTMENT[c], note: '民生热点：行业主管部门' }),
    ),
    { id: 'public_sentiment', categories: ['public_sentiment'], leadDepartment: 'petition_bureau', note: '社情民意：信访局' },
    { id: 'external_publicity', categories: ['external_publicity'], leadDepartment: 'propaganda_department', note: '对外宣传：宣传部' },
    { id: 'social_stability', categories: ['social_stability'], leadDepartment: 'public_security_bureau', note: '社会稳定：公安局' },
    { id: 'foreign_related', categories: ['foreign_related'], leadDepartment: 'foreign_affairs_office', note: '涉外：外侨办' },
    { id: 'emergency_management', categories: ['emergency_management'], leadDepartment: 'emergency_office', note: '应急管理：应急办' },
    { id: 'other', categories: ['other'], leadDepartment: 'general_office', note: '其他：政府办公室统筹' },
  ],
  fallback: { id: 'fallback', leadDepartment: 'general_office' },
  mandatoryCc: MANDATORY_CC,
  territorial: true,
});

function clean(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Routes a case: category → lead department + mandatory copies, and the territory that handles it.
 * Never throws: an unknown category (or a malformed input) falls to the rule set's fallback (政府办公室).
 */
export function routeCase(rules: RoutingRuleSet, input: RoutingInput): RoutingDecision {
  const raw = input && typeof input === 'object' ? input.category : undefined;
  const recognized = isCategory(raw);
  const category: CategoryCode = recognized ? raw : 'other';
  const rule = recognized ? rules.rules.find((r) => r.categories.includes(category)) : undefined;
  const leadDepartment = rule?.leadDepartment ?? rules.fallback.leadDepartment;
  const ccDepartments = rules.mandatoryCc.filter((d, i, all) => d !== leadDepartment && all.indexOf(d) === i);

  const location = input && typeof input === 'object' && input.location && typeof input.location === 'object' ? input.location : {};
  const district = rules.territorial ? clean(location.district) : null;
  const township = rules.territorial ? clean(location.township) : null;
  const territory: Territory = {
    level: township ? 'township' : district ? 'district' : 'jurisdiction',
    jurisdiction: rules.jurisdiction,
    district,
    township,
  };
  return {
    category,
    categoryRecognized: recognized,
    leadDepartment,
    ccDepartments,
    territory,
    jurisdiction: rules.jurisdiction,
    ruleVersion: rules.version,
    ruleId: rule?.id ?? rules.fallback.id,
  };
}
