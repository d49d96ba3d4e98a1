import { CATEGORIES, DEPARTMENTS, DEPARTMENT_CODES, MANDATORY_CC } from './departments';
import { PolicyErrorCode } from './policy.exception';
import { DEFAULT_ROUTING_RULES, routeCase, RoutingRuleSet } from './routing';
import { PolicyRegistry } from './versioned-policy';

describe('routing (归口报送)', () => {
  it.each([
    ['employment', 'human_resources_social_security'],
    ['housing', 'housing_urban_rural'],
    ['education', 'education_bureau'],
    ['health', 'health_commission'],
    ['quality_supervision', 'market_regulation'],
    ['food_drug_safety', 'market_regulation'],
    ['prices', 'development_reform'],
    ['poverty_relief', 'rural_revitalization'],
    ['relocation', 'natural_resources'],
    ['public_infrastructure', 'housing_urban_rural'],
    ['public_sentiment', 'petition_bureau'],
    ['external_publicity', 'propaganda_department'],
    ['social_stability', 'public_security_bureau'],
    ['foreign_related', 'foreign_affairs_office'],
    ['emergency_management', 'emergency_office'],
    ['other', 'general_office'],
  ])('%s → %s, copied to 政务公开办, 新闻办, 网信办, with the rule version', (category, lead) => {
    const d = routeCase(DEFAULT_ROUTING_RULES, { category });
    expect(d).toMatchObject({ leadDepartment: lead, ruleVersion: 'seed-city-2026.1', jurisdiction: 'seed-city', categoryRecognized: true });
    expect(d.ccDepartments).toEqual(['disclosure_office', 'press_office', 'cyberspace_office']);
    expect(d.ruleId).not.toBe('fallback');
  });

  it('has a rule for every category and a directory entry for every department it names', () => {
    for (const category of CATEGORIES) expect(routeCase(DEFAULT_ROUTING_RULES, { category }).ruleId).not.toBe('fallback');
    const named = [...DEFAULT_ROUTING_RULES.rules.map((r) => r.leadDepartment), ...MANDATORY_CC];
    for (const code of named) expect(DEPARTMENT_CODES).toContain(code);
    expect(DEPARTMENTS.petition_bureau).toMatchObject({ nameZh: '信访局', nameEn: 'Petition Bureau' });
  });

  it.each([['unheard_of'], [''], [null], [undefined], [42], ['EMPLOYMENT']])('an unknown category %p falls to the general office, never throws', (category) => {
    const d = routeCase(DEFAULT_ROUTING_RULES, { category: category as never });
    expect(d).toMatchObject({ leadDepartment: 'general_office', category: 'other', categoryRecognized: false, ruleId: 'fallback' });
    expect(d.ccDepartments).toHaveLength(3);
  });

  it('never throws on a malformed input', () => {
    expect(routeCase(DEFAULT_ROUTING_RULES, null as never).leadDepartment).toBe('general_office');
    expect(routeCase(DEFAULT_ROUTING_RULES, { category: 'housing', location: 'downtown' as never }).territory.level).toBe('jurisdiction');
  });

  it('territorial rule: the township, else the district, else the jurisdiction handles it', () => {
    expect(routeCase(DEFAULT_ROUTING_RULES, { category: 'housing', location: { district: '钦南区', township: '尖山街道' } }).territory).toEqual({
      level: 'township',
      jurisdiction: 'seed-city',
      district: '钦南区',
      township: '尖山街道',
    });
    expect(routeCase(DEFAULT_ROUTING_RULES, { category: 'housing', location: { district: ' 钦南区 ' } }).territory).toMatchObject({
      level: 'district',
      district: '钦南区',
      township: null,
    });
    expect(routeCase(DEFAULT_ROUTING_RULES, { category: 'housing', location: { district: '  ' } }).territory.level).toBe('jurisdiction');
  });

  it('rule sets are immutable; a change is a new version and decisions name the version that decided', () => {
    expect(Object.isFrozen(DEFAULT_ROUTING_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_ROUTING_RULES.rules[0])).toBe(true);
    expect(() => {
      (DEFAULT_ROUTING_RULES.rules as RoutingRuleSet['rules'][number][]).push({ id: 'x', categories: ['other'], leadDepartment: 'press_office' });
    }).toThrow(TypeError);

    const v2: RoutingRuleSet = {
      ...DEFAULT_ROUTING_RULES,
      version: 'seed-city-2026.2',
      effectiveFrom: '2026-07-01T00:00:00+08:00',
      rules: DEFAULT_ROUTING_RULES.rules.map((r) => (r.id === 'livelihood.prices' ? { ...r, leadDepartment: 'market_regulation' } : r)),
    };
    const registry = new PolicyRegistry([DEFAULT_ROUTING_RULES]).publish(v2);
    const march = registry.inForce('seed-city', '2026-03-01T00:00:00+08:00');
    const august = registry.inForce('seed-city', '2026-08-01T00:00:00+08:00');
    expect(routeCase(march, { category: 'prices' })).toMatchObject({ leadDepartment: 'development_reform', ruleVersion: 'seed-city-2026.1' });
    expect(routeCase(august, { category: 'prices' })).toMatchObject({ leadDepartment: 'market_regulation', ruleVersion: 'seed-city-2026.2' });
    expect(() => registry.publish({ ...v2, effectiveFrom: '2026-09-01T00:00:00+08:00' })).toThrow(
      expect.objectContaining({ code: PolicyErrorCode.VersionExists }),
    );
  });
});
