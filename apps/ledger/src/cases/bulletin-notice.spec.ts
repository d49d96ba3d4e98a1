import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CaseStageChangedV1, type BulletinPublishedV1 } from '@huiying/contracts';
import { bulletinNoticeEnvelope, bulletinNoticeEvents, isBulletinNotice, noticesOfBulletin, type NoticeCaseFacts } from './bulletin-notice';

const LATE = '6f0d7c43-3a1e-4b8e-9a52-0c8f2b1d9e01';
const OTHER = '0b4a2f8e-5c6d-4e7f-8a9b-1c2d3e4f5a6b';
const BULLETIN = '9d3c1a2b-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

const published: BulletinPublishedV1 = {
  bulletinId: BULLETIN, kind: 'quarterly', period: '2026-Q4', jurisdiction: 'seed-city', revision: 2, generatedAt: '2027-01-01T00:00:05.000Z',
  pdfSha256: 'a'.repeat(64), htmlSha256: 'b'.repeat(64), figuresSha256: 'c'.repeat(64),
  namedCases: [
    { caseId: LATE, department: 'education_bureau', clock: 'response', lateSeconds: 43_200 },
    { caseId: LATE, department: 'education_bureau', clock: 'claim', lateSeconds: null },
    { caseId: OTHER, department: null, clock: 'answer', lateSeconds: 600 },
  ],
};

const lateCase: NoticeCaseFacts = {
  caseId: LATE, kind: 'opinion', stage: 'responded', department: 'housing_urban_rural', ccDepartments: ['publicity_dept'], coDepartments: ['education_bureau'],
  grade: 'significant', jurisdiction: 'seed-city',
};

describe('通报 entries as case events', () => {
  it('one event per named case and clock, with the case state of the read model and the bulletin in the detail', () => {
    const events = bulletinNoticeEvents(published, new Map([[LATE, lateCase]]));
    // OTHER is not in the read model: left out, never delivered without its state
    expect(events.map((e) => e.id)).toEqual([`bulletin:${BULLETIN}:${LATE}:response`, `bulletin:${BULLETIN}:${LATE}:claim`]);
    expect(events[0]).toEqual({
      specversion: '1.0', datacontenttype: 'application/json', id: `bulletin:${BULLETIN}:${LATE}:response`, type: 'huiying.case.stage.changed.v1',
      source: '/huiying/ledger/bulletins', time: '2027-01-01T00:00:05.000Z', subject: LATE,
      data: {
        caseId: LATE, kind: 'opinion', sequence: 0, stage: 'responded', previousStage: 'responded',
        // the department the bulletin named, not the lead it has now
        department: 'education_bureau', ccDepartments: ['publicity_dept'], coDepartments: ['education_bureau'], grade: 'significant', jurisdiction: 'seed-city',
        occurredAt: '2027-01-01T00:00:05.000Z', change: 'bulletin_notice',
        detail: { bulletinId: BULLETIN, kind: 'quarterly', period: '2026-Q4', revision: 2, jurisdiction: 'seed-city', clock: 'response', lateSeconds: 43_200 },
      },
    });
    expect(events[1]?.data.detail).toMatchObject({ clock: 'claim', lateSeconds: null });
    expect(events.every((e) => isBulletinNotice(e.data))).toBe(true);
  });

  it('a notice naming no department goes to the lead; a case without jurisdiction takes the bulletin’s', () => {
    const [n] = noticesOfBulletin(published).filter((x) => x.caseId === OTHER);
    const e = bulletinNoticeEnvelope(n!, { ...lateCase, caseId: OTHER, kind: 'disclosure', stage: 'accepted', jurisdiction: null });
    expect(e.data).toMatchObject({ caseId: OTHER, kind: 'disclosure', department: 'housing_urban_rural', jurisdiction: 'seed-city', stage: 'accepted', previousStage: 'accepted' });
  });

  it('the stored entry and the published event give the same event (the same id: a case stream sends it once)', () => {
    const [live] = bulletinNoticeEvents(published, new Map([[LATE, lateCase]]));
    const stored = bulletinNoticeEnvelope(
      { caseId: LATE, bulletinId: BULLETIN, kind: 'quarterly', period: '2026-Q4', revision: 2, jurisdiction: 'seed-city', clock: 'response', lateSeconds: 43_200, department: 'education_bureau', publishedAt: '2027-01-01T00:00:05.000Z' },
      lateCase,
    );
    expect(stored).toEqual(live);
  });

  it('is never a workflow event: cases.events.v1 refuses change bulletin_notice, and sequence 0', () => {
    const [e] = bulletinNoticeEvents(published, new Map([[LATE, lateCase]]));
    const errors = validateSync(plainToInstance(CaseStageChangedV1, e!.data)).map((x) => x.property).sort();
    expect(errors).toEqual(['change', 'sequence']);
    const asWorkflowEvent = plainToInstance(CaseStageChangedV1, { ...e!.data, sequence: 7, change: 'escalation' });
    expect(validateSync(asWorkflowEvent)).toEqual([]);
  });
});
