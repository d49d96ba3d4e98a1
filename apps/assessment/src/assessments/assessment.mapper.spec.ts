import type { AssessmentRecord, CaseStageChangedV1, ReportReceivedV1, ReportUpdatedV1 } from '@huiying/contracts';
import type { AssessmentEntity } from '@huiying/persistence';
import { caseFeatures, gradeOpinionCase, SENSITIVE_LEXICON_2026_1 } from '@huiying/policy';
import {
  alreadyOnRecord,
  analystAssessRequest,
  approveRequest,
  assessmentView,
  AUTOMATIC_ASSESSOR,
  automaticAssessRequest,
  caseProgress,
  consultRequest,
  reportRow,
  reportSignal,
  updatedReportRow,
  verifyRequest,
} from './assessment.mapper';

const report: ReportReceivedV1 = {
  reportId: '11111111-1111-4111-8111-111111111111',
  caseId: '22222222-2222-4222-8222-222222222222',
  channel: 'newspaper',
  title: '某工地欠薪',
  content: '工人讨薪无果，一人受伤后死亡',
  category: 'housing',
  location: { district: '城关区', township: '东风街道' },
  occurredAt: '2026-11-20T08:00:00+08:00',
  receivedAt: '2026-11-20T09:00:00+08:00',
};

function event(over: Partial<CaseStageChangedV1>): CaseStageChangedV1 {
  return {
    caseId: report.caseId, kind: 'opinion', sequence: 3, stage: 'claimed', previousStage: 'routed', department: 'housing_urban_rural',
    ccDepartments: [], grade: null, jurisdiction: 'seed-city', occurredAt: '2026-11-20T09:05:00+08:00', detail: {}, change: 'stage', ...over,
  };
}

describe('assessment mappings', () => {
  it('a report event becomes a features row with its lexicon hits and version; the row becomes a grading signal', () => {
    const row = reportRow('evt-1', report, SENSITIVE_LEXICON_2026_1);
    expect(row).toMatchObject({
      reportId: report.reportId, caseId: report.caseId, channel: 'newspaper', district: '城关区', township: '东风街道',
      sensitiveTerms: ['欠薪', '讨薪'], casualtyTerms: ['死亡'], lexiconVersion: SENSITIVE_LEXICON_2026_1.version, sourceEventId: 'evt-1',
    });
    expect(row.receivedAt.toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(reportSignal({ ...row, createdAt: new Date() })).toEqual({
      reportId: report.reportId, channel: 'newspaper', receivedAt: '2026-11-20T01:00:00.000Z', district: '城关区', sensitiveTerms: ['欠薪', '讨薪'], casualtyTerms: ['死亡'],
    });
  });

  it('a report update becomes a features row of its revision from the new text and place (terms can come and go)', () => {
    const update: ReportUpdatedV1 = {
      reportId: report.reportId, caseId: report.caseId, revision: 3, previousRevision: 2, changedFields: ['content', 'location'], channel: 'hotline_12345',
      title: '某工地问题', content: '工地发生事故，两人遇难', category: 'housing', location: { district: '西湖区' }, occurredAt: '2026-11-20T08:00:00+08:00',
      urgency: 'very_urgent', updatedAt: '2026-11-21T10:00:00+08:00',
    };
    const row = updatedReportRow('report-updated:x:3', update, SENSITIVE_LEXICON_2026_1);
    expect(row).toMatchObject({
      reportId: report.reportId, caseId: report.caseId, channel: 'hotline_12345', district: '西湖区', township: null, sensitiveTerms: [], casualtyTerms: ['遇难'],
      revision: 3, sourceEventId: 'report-updated:x:3', lexiconVersion: SENSITIVE_LEXICON_2026_1.version,
    });
    expect(row.updatedAt?.toISOString()).toBe('2026-11-21T02:00:00.000Z');
    expect(reportRow('evt-1', report, SENSITIVE_LEXICON_2026_1)).toMatchObject({ revision: 0, updatedAt: null });
  });

  it('case events: claimed from the claim on (also a claim after a transfer), disclosure cases ignored', () => {
    expect(caseProgress(event({ stage: 'routed', change: 'stage' }))).toMatchObject({ claimed: false, stage: 'routed', lastSequence: 3 });
    expect(caseProgress(event({ stage: 'claimed' }))).toMatchObject({ claimed: true });
    expect(caseProgress(event({ stage: 'assessed', change: 'claim' }))).toMatchObject({ claimed: true });
    expect(caseProgress(event({ stage: 'routed', change: 'claim' }))).toMatchObject({ claimed: true });
    expect(caseProgress(event({ kind: 'disclosure', stage: 'registered' }))).toBeNull();
  });

  it('an automatic result becomes an automatic assess request with its score parts and flags', () => {
    const g = gradeOpinionCase(caseFeatures([reportSignal({ ...reportRow('e', report, SENSITIVE_LEXICON_2026_1), createdAt: new Date() })]));
    const req = automaticAssessRequest(g);
    expect(req).toMatchObject({ source: 'automatic', grade: g.grade, riskLevel: g.riskLevel, needsResponse: true, sensitive: true, assessedBy: AUTOMATIC_ASSESSOR });
    expect(req.scoreParts).toEqual(g.scoreParts);
    expect(req.flags).toEqual({ heavyCasualties: true, largeSocialImpact: g.flags.largeSocialImpact });
  });

  it('alreadyOnRecord: the newest automatic record with the same grade and parts means nothing to send', () => {
    const g = gradeOpinionCase({ reports: 2, channels: ['weibo'], reportsInGrowthWindow: 2, mediaInvolved: false, sensitiveTerms: [], casualtyTerms: [], districts: [] });
    const rec = (over: Partial<AssessmentRecord>): AssessmentRecord => ({
      source: 'automatic', grade: g.grade, riskLevel: g.riskLevel, needsResponse: true, sensitive: false, assessedBy: AUTOMATIC_ASSESSOR, reason: null,
      scoreParts: { ...g.scoreParts }, at: '2026-11-20T01:00:00Z', ...over,
    });
    expect(alreadyOnRecord([], g)).toBe(false);
    expect(alreadyOnRecord([rec({})], g)).toBe(true);
    expect(alreadyOnRecord([rec({}), rec({ source: 'analyst', grade: 'major', scoreParts: null })], g)).toBe(true); // analyst overrides do not count
    expect(alreadyOnRecord([rec({ scoreParts: { ...g.scoreParts, reports: 0 } })], g)).toBe(false); // another report since
    expect(alreadyOnRecord([rec({ scoreParts: null, assessedBy: 'intake' })], g)).toBe(false); // the grade at intake had no parts
  });

  it('REST bodies map onto the workflow requests field by field', () => {
    expect(analystAssessRequest({ grade: 'major', riskLevel: 'high', needsResponse: true, assessedBy: 'a', reason: 'r', flags: { largeSocialImpact: true } })).toEqual({
      source: 'analyst', grade: 'major', riskLevel: 'high', needsResponse: true, assessedBy: 'a', reason: 'r', flags: { largeSocialImpact: true },
    });
    expect(analystAssessRequest({ grade: 'general', riskLevel: 'low', needsResponse: false, assessedBy: 'a', sensitive: true })).toEqual({
      source: 'analyst', grade: 'general', riskLevel: 'low', needsResponse: false, assessedBy: 'a', sensitive: true,
    });
    expect(consultRequest({ participants: ['网信办'], opinion: 'o', convenedBy: 'c' })).toEqual({ participants: ['网信办'], opinion: 'o', convenedBy: 'c' });
    expect(approveRequest({ decision: 'returned', approvedBy: 'b', opinion: 'o' })).toEqual({ decision: 'returned', approvedBy: 'b', opinion: 'o' });
    expect(verifyRequest({ result: 'partly_true', findings: 'f', verifiedBy: 'v' })).toEqual({ result: 'partly_true', findings: 'f', verifiedBy: 'v' });
  });

  it('a stored assessment becomes its view, with what it overrides', () => {
    const row: AssessmentEntity = {
      id: 'a2', caseId: report.caseId, source: 'analyst', grade: 'major', riskLevel: 'high', needsResponse: true, sensitive: false, flags: {},
      score: null, scoreParts: null, features: null, modelVersion: null, lexiconVersion: null, assessedBy: 'x', reason: 'why',
      overridesId: 'a1', effectiveGrade: 'major', workflowSequence: 6, createdAt: new Date('2026-11-20T01:00:00Z'),
    };
    expect(assessmentView(row)).toMatchObject({ id: 'a2', source: 'analyst', overrides: 'a1', reason: 'why', effectiveGrade: 'major', workflowSequence: 6, assessedAt: '2026-11-20T01:00:00.000Z' });
  });
});
