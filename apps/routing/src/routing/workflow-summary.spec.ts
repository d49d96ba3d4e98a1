import fc from 'fast-check';
import { NATIONAL_DISCLOSURE_POLICY, SEED_CITY_OPINION_POLICY } from '@huiying/policy';
import type { DisclosureApplicationInput, OpinionCaseInput } from '@huiying/contracts';
import { disclosureWorkflowSummary, opinionWorkflowSummary } from './workflow-summary';

const opinion: OpinionCaseInput = {
  caseId: 'c1', reportId: 'r1', channel: 'hotline_12345', title: '某超市\n出售过期食品', category: 'food_safety',
  location: { district: 'east', township: 'riverside' }, discoveredAt: '2026-12-03T01:00:00.000Z',
  routing: { leadDepartment: 'market_regulation', ccDepartments: ['health'], jurisdiction: 'seed-city', territory: 'east/riverside', ruleVersion: 'r-2026.1', ruleId: 'food' },
  policy: SEED_CITY_OPINION_POLICY,
} as OpinionCaseInput;

describe('what a case workflow starts with in the Temporal UI', () => {
  it('an opinion case: kind, category, title on one line, lead department and jurisdiction; details list routing and policy', () => {
    const s = opinionWorkflowSummary(opinion);
    expect(s.staticSummary).toBe('舆情 · food_safety · 某超市 出售过期食品 → market_regulation (seed-city)');
    expect(s.staticDetails).toContain('**Lead department** market_regulation');
    expect(s.staticDetails).toContain('**Co-handling** health');
    expect(s.staticDetails).toContain('**Territory 属地** east/riverside');
    expect(s.staticDetails).toContain(`**Deadline policy** ${SEED_CITY_OPINION_POLICY.version}`);
  });

  it('a long title is cut to keep the list row short', () => {
    const s = opinionWorkflowSummary({ ...opinion, title: '长'.repeat(300) });
    expect(s.staticSummary.length).toBeLessThanOrEqual(120);
    expect(s.staticSummary).toContain('…');
  });

  it('fits the CaseSummary search attribute whatever the title and routing: one line, at most 120 characters (Keyword: 255 in SQL visibility)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (title, department, jurisdiction) => {
        const s = opinionWorkflowSummary({ ...opinion, title, routing: { ...opinion.routing, leadDepartment: department, jurisdiction } });
        expect(s.staticSummary.length).toBeLessThanOrEqual(120);
        expect(s.staticSummary).not.toMatch(/[\r\n\t]/);
      }),
    );
  });

  it('a disclosure application: its id, receipt day and department; no applicant name or contact', () => {
    const input = {
      caseId: 'c2', applicationId: 'DA-1', channel: 'online', receivedOn: '2026-12-03', receivedAt: '2026-12-03T01:00:00.000Z',
      applicant: { type: 'natural_person', name: '张三', idNumber: '110101199003071234', phone: '13800138000' },
      filedAs: 'disclosure_application', deliveryForm: 'electronic', answeredOnTheSpot: null,
      leadDepartment: 'disclosure_office', ccDepartments: [], jurisdiction: 'cn', policy: NATIONAL_DISCLOSURE_POLICY,
    } as unknown as DisclosureApplicationInput;
    const s = disclosureWorkflowSummary(input);
    expect(s.staticSummary).toBe('依申请公开 · DA-1 · received 2026-12-03 → disclosure_office (cn)');
    expect(s.staticDetails).toContain(`answer within ${NATIONAL_DISCLOSURE_POLICY.answerWorkingDays} working days`);
    for (const secret of ['张三', '110101199003071234', '13800138000']) expect(`${s.staticSummary}${s.staticDetails}`).not.toContain(secret);
  });
});
