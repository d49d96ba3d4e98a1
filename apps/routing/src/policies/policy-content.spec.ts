import { DEFAULT_ROUTING_RULES, NATIONAL_DISCLOSURE_POLICY, NATIONAL_OPINION_POLICY, SEED_CITY_OPINION_POLICY } from '@huiying/policy';
import type { PolicyKind, PublishPolicyDto } from '@huiying/contracts';
import { contentOf, policyContentProblems, toPolicy } from './policy-content';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('policy content checks', () => {
  it.each([SEED_CITY_OPINION_POLICY, NATIONAL_OPINION_POLICY, NATIONAL_DISCLOSURE_POLICY, DEFAULT_ROUTING_RULES])(
    'the built-in $kind/$jurisdiction/$version passes (the checks follow the lib)',
    (policy) => {
      expect(policyContentProblems(policy.kind as PolicyKind, clone(contentOf(policy)))).toEqual([]);
    },
  );

  it('publish body → the lib object: header + content, and back', () => {
    const dto: PublishPolicyDto = {
      kind: 'routing',
      jurisdiction: DEFAULT_ROUTING_RULES.jurisdiction,
      version: DEFAULT_ROUTING_RULES.version,
      effectiveFrom: DEFAULT_ROUTING_RULES.effectiveFrom,
      reference: DEFAULT_ROUTING_RULES.reference,
      content: clone(contentOf(DEFAULT_ROUTING_RULES)),
    };
    expect(toPolicy(dto)).toEqual(clone(DEFAULT_ROUTING_RULES));
  });

  it('lists the problems of an opinion policy with wrong clocks, grades and departments', () => {
    const content = clone(contentOf(SEED_CITY_OPINION_POLICY)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    content.firstRelease.withinMinutes = 0;
    content.firstRelease.grades = ['huge'];
    content.escalations[0].to = 'mars_office';
    content.reminders.atFractionsOfWindow = [1.5];
    delete content.response;
    content.typo = true;
    expect(policyContentProblems('opinion_deadlines', content)).toEqual(
      expect.arrayContaining([
        'content has unknown field(s): typo',
        'content is missing: response',
        'firstRelease.withinMinutes must be an integer between 1 and 527040',
        expect.stringMatching(/^firstRelease\.grades\[0\] must be one of/),
        expect.stringMatching(/^escalations\[0\]\.to must be a department code/),
        'reminders.atFractionsOfWindow[0] must be a number strictly between 0 and 1',
        'response must be an object',
      ]),
    );
  });

  it('an opinion policy names the event each clock counts from (the claim clock never from the claim) and cites sources properly', () => {
    const content = clone(contentOf(SEED_CITY_OPINION_POLICY)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    delete content.response.startsFrom;
    content.claim.startsFrom = 'claim';
    content.firstRelease.startsFrom = 'lunch';
    content.firstRelease.source = { document: '国办发〔2016〕80号', provision: '', effectiveFrom: '2016-11-31' };
    content.superiorReport.grades = ['huge'];
    expect(policyContentProblems('opinion_deadlines', content)).toEqual([
      'claim.startsFrom must be one of: discovery, routing',
      'firstRelease.startsFrom must be one of: discovery, routing, claim',
      'firstRelease.source.provision must be a non-empty string',
      'firstRelease.source.effectiveFrom must be a date YYYY-MM-DD',
      'response is missing: startsFrom',
      expect.stringMatching(/^superiorReport\.grades\[0\] must be one of/),
    ]);
    const without = clone(contentOf(SEED_CITY_OPINION_POLICY)) as Record<string, unknown>;
    delete without.superiorReport; // optional: no clock for the report to the superior
    expect(policyContentProblems('opinion_deadlines', without)).toEqual([]);
  });

  it('refuses a disclosure policy that breaks the regulation (extension over 20 days, gaps in fee tiers)', () => {
    const content = clone(contentOf(NATIONAL_DISCLOSURE_POLICY)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    content.extension.maxWorkingDays = 30;
    content.fees.perPage.tiers[1].fromPage = 40;
    expect(policyContentProblems('disclosure', content)).toEqual([
      'extension.maxWorkingDays must be an integer between 0 and 20',
      'fees.perPage.tiers[1].fromPage must be 31 (tiers are contiguous from page 1)',
    ]);
  });

  it('refuses a routing table with an unknown category, a category routed twice and a header field in the content', () => {
    const content = clone(contentOf(DEFAULT_ROUTING_RULES)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    content.rules[0].categories = ['housing', 'aliens'];
    content.version = 'x';
    expect(policyContentProblems('routing', content)).toEqual([
      'content must not repeat the header field(s): version',
      expect.stringMatching(/^rules\[0\]\.categories\[1\] must be one of/),
      'rules[1].categories[0]: category housing is already routed by rules[0]',
    ]);
  });
});
