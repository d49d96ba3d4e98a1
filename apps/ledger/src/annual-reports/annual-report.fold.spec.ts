import type { CaseStageChangedV1 } from '@huiying/contracts';
import { foldOf } from './annual-report.fold';

const CASE = '0b6f3c1e-6f1a-4c55-9d43-5d2f1b7a9e01';
const ev = (stage: string, detail: Record<string, unknown>, over: Partial<CaseStageChangedV1> = {}): CaseStageChangedV1 => ({
  caseId: CASE,
  kind: 'disclosure',
  sequence: 1,
  stage,
  previousStage: null,
  department: 'disclosure_office',
  ccDepartments: [],
  grade: null,
  jurisdiction: 'cn',
  occurredAt: '2026-06-01T16:30:00.000Z',
  detail,
  ...over,
});

describe('annual-report fold of cases.events.v1', () => {
  it('takes receipt date and applicant column from the received event', () => {
    expect(foldOf('e1', ev('received', { applicationId: 'a', receivedOn: '2026-03-02', applicantType: 'legal_person', organisationType: 'research_institution' }))).toMatchObject({
      receivedOn: '2026-03-02',
      applicantType: 'legal_person',
      organisationType: 'research_institution',
      closedOn: null,
    });
  });

  it('closes on the reply date with its result code; abandonment closes on the Shanghai day it happened', () => {
    expect(foldOf('e2', ev('reply_issued', { issuedOn: '2026-03-20', resultCode: 'partly_disclosed' }))).toMatchObject({
      resultCode: 'partly_disclosed',
      closedOn: '2026-03-20',
      closedStage: 'reply_issued',
    });
    expect(foldOf('e3', ev('abandoned', { resultCode: 'other.no_correction' }))).toMatchObject({ closedOn: '2026-06-02', closedStage: 'abandoned', resultCode: 'other.no_correction' });
  });

  it('ignores opinion cases and records that are not stage entries', () => {
    expect(foldOf('e4', ev('routed', {}, { kind: 'opinion' }))).toBeNull();
    // a late correction accepted for a good reason reopens the application (its close is undone); an ordinary correction does not
    expect(foldOf('e6', ev('corrected', { correctedOn: '2026-06-05', reopened: true, late: true }))).toMatchObject({ reopened: true, closedOn: null, resultCode: null });
    expect(foldOf('e7', ev('corrected', { correctedOn: '2026-06-05' }))).toMatchObject({ reopened: false });
    expect(foldOf('e5', ev('reply_issued', { change: 'escalation' }, { change: 'escalation' }))).toMatchObject({ closedOn: null, resultCode: null });
  });
});
