import { randomUUID } from 'node:crypto';
import { disclosureClocks, NATIONAL_DISCLOSURE_POLICY } from '@huiying/policy';
import type { DisclosureCaseState } from '@huiying/contracts/workflow';
import { clockViews } from './clocks';
import { initialState } from './state';

/** A registered application received on Monday 2 November 2026, with its clocks computed as the workflow does. */
function registered(): DisclosureCaseState {
  const s = initialState({
    caseId: randomUUID(), applicationId: randomUUID(), channel: 'online', receivedOn: '2026-11-02', receivedAt: '2026-11-02T02:00:00.000Z',
    applicant: { type: 'natural_person' }, filedAs: 'disclosure_application', deliveryForm: 'electronic', answeredOnTheSpot: null,
    leadDepartment: 'disclosure_office', ccDepartments: [], jurisdiction: 'cn', policy: NATIONAL_DISCLOSURE_POLICY,
  });
  s.stage = 'registered';
  s.deadlines = disclosureClocks({ policy: NATIONAL_DISCLOSURE_POLICY, receivedOn: '2026-11-02' }) as unknown as DisclosureCaseState['deadlines'];
  return s;
}
const windowOf = (s: DisclosureCaseState) => clockViews(s).find((c) => c.name === 'correction_window');

describe('clockViews: the 7 working days to ask for a correction (条例第三十条), as the ledger folds them', () => {
  it('running while registered and within the window', () => {
    expect(windowOf(registered())).toMatchObject({ due: '2026-11-11', status: 'running' });
  });

  it('overdue once it passed (escalated) while the application is still only registered — what the ledger shows', () => {
    const s = registered();
    s.escalations.push({ clock: 'correction_window', due: '2026-11-11', at: '2026-11-11T16:00:00.000Z' });
    expect(windowOf(s)?.status).toBe('overdue');
  });

  it('late once the office acted after it passed; closed when it acted without one; met when a correction was asked in time', () => {
    const lapsed = registered();
    lapsed.escalations.push({ clock: 'correction_window', due: '2026-11-11', at: '2026-11-11T16:00:00.000Z' });
    lapsed.stage = 'confidentiality_review';
    expect(windowOf(lapsed)?.status).toBe('late');
    const acted = registered();
    acted.stage = 'confidentiality_review';
    expect(windowOf(acted)?.status).toBe('closed');
    const asked = registered();
    asked.stage = 'correction_requested';
    asked.correction = { outcome: 'waiting' } as DisclosureCaseState['correction'];
    expect(windowOf(asked)?.status).toBe('met');
  });
});
