import { POLICY_KINDS, type ReportReceivedV1 } from '@huiying/contracts';
import type { CaseRouteEntity } from '@huiying/persistence';
import { NATIONAL_OPINION_POLICY, SEED_CITY_OPINION_POLICY } from '@huiying/policy';
import { POLICY_CONSUMERS, samePolicy } from '../policies/policy.service';
import { discoveryOf, opinionCaseInput } from './routing.service';

const report: ReportReceivedV1 = {
  reportId: '0b0c5f8e-4f5d-4a57-9a5e-2f1c3f0b1a11',
  caseId: '6f1c1f7e-8d6a-4a53-9a53-0c7e3f0b1a11',
  channel: 'weibo',
  title: '某小区供暖不热',
  content: '网友反映小区暖气温度不达标',
  category: 'housing',
  location: { district: '城关区', township: '东风街道' },
  occurredAt: '2026-11-20T00:10:00.000Z',
  receivedAt: '2026-11-20T02:00:00.000Z',
};
const route: CaseRouteEntity = {
  caseId: report.caseId,
  reportId: report.reportId,
  category: 'housing',
  leadDepartment: 'housing_urban_rural',
  ccDepartments: ['disclosure_office'],
  jurisdiction: 'test-city',
  territory: '城关区/东风街道',
  ruleVersion: 'test-city-rules-1',
  ruleId: 'livelihood.housing',
  ruleJurisdiction: 'test-city',
  policyVersion: 'cn-2016.2',
  policyJurisdiction: 'cn',
  policyResolvedBy: 'national_fallback',
  sourceEventId: 'report:x',
  workflowStartedAt: null,
  createdAt: new Date(),
};

describe('routing: the case workflow input', () => {
  it('discovery: the channel\'s discoveredAt when given, else the receipt time — and says which', () => {
    expect(discoveryOf({ ...report, discoveredAt: '2026-11-20T00:30:00.000Z' })).toEqual({
      discoveredAt: '2026-11-20T00:30:00.000Z', discoveredAtSource: 'channel', receivedAt: '2026-11-20T02:00:00.000Z',
    });
    expect(discoveryOf(report)).toEqual({ discoveredAt: '2026-11-20T02:00:00.000Z', discoveredAtSource: 'receipt', receivedAt: '2026-11-20T02:00:00.000Z' });
  });

  it('carries the deadline policy as data, the routing decision and rule version, in the case\'s jurisdiction', () => {
    const input = opinionCaseInput(report, route, { policy: NATIONAL_OPINION_POLICY, resolvedBy: 'national_fallback' });
    expect(input).toMatchObject({
      caseId: report.caseId,
      discoveredAtSource: 'receipt',
      routing: { jurisdiction: 'test-city', leadDepartment: 'housing_urban_rural', ruleVersion: 'test-city-rules-1' },
      policy: { jurisdiction: 'cn', version: 'cn-2016.2' },
      policyResolvedBy: 'national_fallback',
    });
    expect(input.policyVersion).toBeUndefined();
  });

  it('a route stored before policies travelled as data keeps its version id (the workflow resolves it as before)', () => {
    const input = opinionCaseInput(report, { ...route, policyVersion: 'seed-city-2026.1' }, null);
    expect(input.policy).toBeUndefined();
    expect(input.policyVersion).toBe('seed-city-2026.1');
  });

  it('every kind that can be published has something that honours it', () => {
    expect(Object.keys(POLICY_CONSUMERS).sort()).toEqual([...POLICY_KINDS].sort());
  });

  it('a stored version equals the shipped one whatever the key order; an edit in the code is noticed', () => {
    const stored = JSON.parse(JSON.stringify(SEED_CITY_OPINION_POLICY)) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(stored).reverse());
    expect(samePolicy(reordered, SEED_CITY_OPINION_POLICY)).toBe(true);
    expect(samePolicy({ ...stored, response: { withinMinutes: 1, basis: 'x' } }, SEED_CITY_OPINION_POLICY)).toBe(false);
  });
});
