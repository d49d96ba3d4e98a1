import { disclosureClocks, NATIONAL_DISCLOSURE_POLICY } from '@huiying/policy';
import type { DisclosureCaseState } from '@huiying/contracts/workflow';
import { clockViews } from './clocks';
import { initialState } from './state';
import { disclosureCurrentDetails, disclosureTimerSummary } from './ui-details';

/** A registered application received on Monday 2 November 2026, clocks computed as the workflow does. */
function registered(): DisclosureCaseState {
  const s = initialState({
    caseId: 'c1', applicationId: 'a1', channel: 'online', receivedOn: '2026-11-02', receivedAt: '2026-11-02T02:00:00.000Z',
    applicant: { type: 'natural_person' }, filedAs: 'disclosure_application', deliveryForm: 'electronic', answeredOnTheSpot: null,
    leadDepartment: 'disclosure_office', ccDepartments: [], jurisdiction: 'cn', policy: NATIONAL_DISCLOSURE_POLICY,
  });
  s.stage = 'registered';
  s.deadlines = disclosureClocks({ policy: NATIONAL_DISCLOSURE_POLICY, receivedOn: '2026-11-02' }) as unknown as DisclosureCaseState['deadlines'];
  s.clocks = clockViews(s);
  return s;
}

describe('disclosure case in the Temporal UI', () => {
  it('current details: stage, department, the answer clock with its due day, the correction window, not overdue', () => {
    const s = registered();
    const answer = s.clocks.find((c) => c.name === 'answer')!;
    const text = disclosureCurrentDetails(s);
    expect(text).toContain('**Stage** registered');
    expect(text).toContain('**Department** disclosure_office');
    expect(text).toContain(`**Answer due** ${answer.due}`);
    expect(text).toContain('— running');
    expect(text).toContain('correction request window 补正告知 due 2026-11-11 — running');
    expect(text).toContain('**Overdue** no');
    expect(text).not.toContain('Escalations');
  });

  it('an escalated answer clock shows as overdue and escalated', () => {
    const s = registered();
    s.overdue = true;
    s.escalations.push({ clock: 'answer', due: '2026-11-30', at: '2026-11-30T16:00:00.000Z' });
    const text = disclosureCurrentDetails(s);
    expect(text).toContain('**Overdue** yes');
    expect(text).toContain('**Escalations (督办)** answer 答复 (due 2026-11-30)');
  });

  it('a timer says whether it reminds or falls due, which clock and the due day', () => {
    expect(disclosureTimerSummary({ key: 'k', at: 0, clock: 'answer', kind: 'reminder', due: '2026-11-30', workingDaysBefore: 3 })).toBe(
      'reminder (3 working days before): answer 答复 due 2026-11-30',
    );
    expect(disclosureTimerSummary({ key: 'k', at: 0, clock: 'fee_payment', kind: 'due', due: '2026-12-10' })).toBe('deadline: fee payment 缴费 due 2026-12-10');
  });
});
