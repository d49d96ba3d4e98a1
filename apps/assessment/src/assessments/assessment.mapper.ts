// Pure mappings between events, REST bodies, workflow requests and stored rows (unit-tested; no I/O).
import type {
  AnalystAssessmentDto,
  ApprovalDto,
  ApproveRequest,
  AssessmentRecord,
  AssessmentViewDto,
  AssessRequest,
  CaseStageChangedV1,
  ConsultationDto,
  ConsultRequest,
  Grade,
  ReportReceivedV1,
  ReportUpdatedV1,
  RiskLevel,
  VerificationDto,
  VerifyRequest,
} from '@huiying/contracts';
import type { AssessmentCaseEntity, AssessmentCaseReportEntity, AssessmentEntity } from '@huiying/persistence';
import { matchLexicon, type GradingResult, type ReportSignal, type SensitiveLexicon } from '@huiying/policy';

/** Who the automatic grading says it is, in the workflow's assessment records. */
export const AUTOMATIC_ASSESSOR = 'assessment-model';

/** Stages from which an opinion case has been claimed (automatic grading applies from then on). */
const CLAIMED_STAGES = ['claimed', 'assessed', 'consultation', 'approved', 'handling', 'responded', 'follow_up'];
const ENDED_STAGES = ['closed', 'evaluated'];

/** The features of a report's text and place: lexicon hits of its title and content, district and township. */
function featuresRow(
  r: { reportId: string; caseId: string; channel: string; title: string; content: string; location: { district?: string; township?: string } },
  receivedAt: Date,
  eventId: string,
  lexicon: SensitiveLexicon,
): Omit<AssessmentCaseReportEntity, 'createdAt' | 'revision' | 'updatedAt'> {
  const hits = matchLexicon(`${r.title}\n${r.content}`, lexicon);
  return {
    reportId: r.reportId,
    caseId: r.caseId,
    channel: r.channel,
    receivedAt,
    district: r.location.district ?? null,
    township: r.location.township ?? null,
    sensitiveTerms: hits.sensitive,
    casualtyTerms: hits.casualties,
    lexiconVersion: lexicon.version,
    sourceEventId: eventId,
  };
}

export function reportRow(eventId: string, r: ReportReceivedV1, lexicon: SensitiveLexicon): Omit<AssessmentCaseReportEntity, 'createdAt'> {
  return { ...featuresRow(r, new Date(r.receivedAt), eventId, lexicon), revision: 0, updatedAt: null };
}

/**
 * The features of a report after an update (intake.reports.updated.v1): lexicon hits from the new title and content,
 * the new place. When the update overtakes the report's first event (two topics), its time stands in for receipt.
 */
export function updatedReportRow(eventId: string, u: ReportUpdatedV1, lexicon: SensitiveLexicon): Omit<AssessmentCaseReportEntity, 'createdAt'> {
  return { ...featuresRow(u, new Date(u.updatedAt), eventId, lexicon), revision: u.revision, updatedAt: new Date(u.updatedAt) };
}

export function reportSignal(row: AssessmentCaseReportEntity): ReportSignal {
  return {
    reportId: row.reportId,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    district: row.district,
    sensitiveTerms: row.sensitiveTerms,
    casualtyTerms: row.casualtyTerms,
  };
}

/** What a case event says about where the case stands; null for events of other case kinds. */
export function caseProgress(e: CaseStageChangedV1): Omit<AssessmentCaseEntity, 'updatedAt'> | null {
  if (e.kind !== 'opinion') return null;
  return {
    caseId: e.caseId,
    stage: e.stage,
    department: e.department,
    claimed: CLAIMED_STAGES.includes(e.stage) || e.change === 'claim' || ENDED_STAGES.includes(e.stage),
    lastSequence: e.sequence,
  };
}

export const isEnded = (stage: string): boolean => ENDED_STAGES.includes(stage);

export function automaticAssessRequest(g: GradingResult): AssessRequest {
  return {
    source: 'automatic',
    grade: g.grade,
    riskLevel: g.riskLevel,
    needsResponse: g.needsResponse,
    sensitive: g.sensitive,
    flags: { ...g.flags },
    assessedBy: AUTOMATIC_ASSESSOR,
    scoreParts: { ...g.scoreParts },
  };
}

/** True when the workflow already holds this automatic result as its newest automatic assessment (nothing to send). */
export function alreadyOnRecord(records: readonly AssessmentRecord[], g: GradingResult): boolean {
  const last = [...records].reverse().find((a) => a.source === 'automatic' && a.scoreParts !== null);
  if (!last || last.grade !== g.grade || last.sensitive !== g.sensitive) return false;
  const parts = last.scoreParts ?? {};
  const keys = new Set([...Object.keys(parts), ...Object.keys(g.scoreParts)]);
  return [...keys].every((k) => parts[k] === (g.scoreParts as Record<string, number>)[k]);
}

export function analystAssessRequest(dto: AnalystAssessmentDto): AssessRequest {
  return {
    source: 'analyst',
    grade: dto.grade,
    riskLevel: dto.riskLevel,
    needsResponse: dto.needsResponse,
    ...(dto.sensitive !== undefined ? { sensitive: dto.sensitive } : {}),
    ...(dto.flags ? { flags: { ...dto.flags } } : {}),
    assessedBy: dto.assessedBy,
    ...(dto.reason !== undefined ? { reason: dto.reason } : {}),
  };
}

export const consultRequest = (dto: ConsultationDto): ConsultRequest => ({ participants: [...dto.participants], opinion: dto.opinion, convenedBy: dto.convenedBy });
export const approveRequest = (dto: ApprovalDto): ApproveRequest => ({ decision: dto.decision, approvedBy: dto.approvedBy, opinion: dto.opinion });
export const verifyRequest = (dto: VerificationDto): VerifyRequest => ({ result: dto.result, findings: dto.findings, verifiedBy: dto.verifiedBy });

export function assessmentView(row: AssessmentEntity): AssessmentViewDto {
  return {
    id: row.id,
    source: row.source,
    grade: row.grade as Grade,
    effectiveGrade: row.effectiveGrade as Grade,
    riskLevel: row.riskLevel as RiskLevel,
    needsResponse: row.needsResponse,
    sensitive: row.sensitive,
    flags: row.flags,
    score: row.score,
    scoreParts: row.scoreParts,
    features: row.features,
    modelVersion: row.modelVersion,
    lexiconVersion: row.lexiconVersion,
    assessedBy: row.assessedBy,
    reason: row.reason,
    overrides: row.overridesId,
    workflowSequence: row.workflowSequence,
    assessedAt: row.createdAt.toISOString(),
  };
}
