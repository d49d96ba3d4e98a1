import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { opinionCaseQueries, opinionCaseUpdates, type CaseStageChangedV1, type EventEnvelope, type ReportReceivedV1, type ReportUpdatedV1 } from '@huiying/contracts';
import { caseFeatures, gradeOpinionCase, OPINION_GRADING_MODEL_2026_1, SENSITIVE_LEXICON_2026_1 } from '@huiying/policy';
import { executeWorkflowUpdate, updateRefusal } from '@huiying/temporal';
import { LOGGER } from '../infrastructure.module';
import { AssessmentRepository } from './assessment.repository';
import { alreadyOnRecord, AUTOMATIC_ASSESSOR, automaticAssessRequest, caseProgress, isEnded, reportRow, reportSignal, updatedReportRow } from './assessment.mapper';
import { CaseFeaturesRepository } from './case-features.repository';

export const GRADING_MODEL = OPINION_GRADING_MODEL_2026_1;
export const LEXICON = SENSITIVE_LEXICON_2026_1;

/**
 * Automatic grading (研判): keeps each case's features from its reports (intake.reports.received.v1) and, once the
 * case is claimed (cases.events.v1), sends the workflow an automatic `assess` whenever the result changes — a new
 * report, another channel, faster growth. Idempotent: the workflow's newest automatic assessment is compared first,
 * so a redelivered message or a retry after a crash sends nothing twice.
 */
@Injectable()
export class AutomaticGradingService {
  constructor(
    private readonly features: CaseFeaturesRepository,
    private readonly assessments: AssessmentRepository,
    private readonly client: Client,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onReportReceived(envelope: EventEnvelope<ReportReceivedV1>): Promise<void> {
    const row = reportRow(envelope.id, envelope.data, LEXICON);
    const added = await this.features.addReport(row);
    this.logger.info({ caseId: row.caseId, reportId: row.reportId, added, sensitiveTerms: row.sensitiveTerms, casualtyTerms: row.casualtyTerms }, 'report features recorded');
    await this.regrade(row.caseId, 'report');
  }

  /** A report's newer revision (intake.reports.updated.v1): its features are refreshed and the case regraded. */
  async onReportUpdated(envelope: EventEnvelope<ReportUpdatedV1>): Promise<void> {
    const row = updatedReportRow(envelope.id, envelope.data, LEXICON);
    const applied = await this.features.applyReportRevision(row);
    this.logger.info(
      { caseId: row.caseId, reportId: row.reportId, revision: row.revision, changedFields: envelope.data.changedFields, applied, sensitiveTerms: row.sensitiveTerms, casualtyTerms: row.casualtyTerms },
      'report features refreshed',
    );
    if (applied) await this.regrade(row.caseId, 'report');
  }

  async onCaseEvent(envelope: EventEnvelope<CaseStageChangedV1>): Promise<void> {
    const progress = caseProgress(envelope.data);
    if (!progress) return;
    await this.features.foldCase(progress);
    // a claim starts the automatic grading; later events change no feature
    if (envelope.data.stage === 'claimed' || envelope.data.change === 'claim') await this.regrade(progress.caseId, 'claimed');
  }

  /** Grades the case from all its reports and sends the result when the workflow does not hold it yet. */
  async regrade(caseId: string, trigger: 'report' | 'claimed'): Promise<void> {
    await this.features.withCaseLock(caseId, async (manager) => {
      const progress = await this.features.findCase(caseId, manager);
      if (!progress?.claimed || isEnded(progress.stage)) return; // graded once claimed; never after closing
      const rows = await this.features.reports(caseId, manager);
      if (!rows.length) return; // the report consumer grades it when the first report arrives
      const features = caseFeatures(rows.map(reportSignal), GRADING_MODEL);
      const result = gradeOpinionCase(features, GRADING_MODEL);

      let records;
      try {
        records = (await this.client.workflow.getHandle(caseId).query(opinionCaseQueries.state)).assessments;
      } catch (e) {
        const refused = updateRefusal(e);
        if (!refused) throw e;
        this.logger.warn({ caseId, refusal: refused.refusal, reason: refused.message }, 'automatic grading skipped: no running case workflow');
        return;
      }
      if (alreadyOnRecord(records, result)) return;

      const outcome = await executeWorkflowUpdate(this.client, caseId, opinionCaseUpdates.assess, automaticAssessRequest(result));
      if (!outcome.ok) {
        // not retryable: the case ended or refuses automatic grades now; the reason is logged
        this.logger.warn({ caseId, trigger, grade: result.grade, refusal: outcome.refusal, reason: outcome.message }, 'automatic assessment refused by the case');
        return;
      }
      const previous = await this.assessments.latestAutomatic(caseId, manager);
      await this.assessments.add(
        {
          id: randomUUID(),
          caseId,
          source: 'automatic',
          grade: result.grade,
          riskLevel: result.riskLevel,
          needsResponse: result.needsResponse,
          sensitive: result.sensitive,
          flags: { ...result.flags },
          score: result.score,
          scoreParts: { ...result.scoreParts },
          features: { ...features },
          modelVersion: result.modelVersion,
          lexiconVersion: LEXICON.version,
          assessedBy: AUTOMATIC_ASSESSOR,
          reason: null,
          overridesId: null,
          effectiveGrade: outcome.result.grade ?? result.grade,
          workflowSequence: outcome.result.lastSequence,
        },
        manager,
      );
      this.logger.info(
        { caseId, trigger, grade: result.grade, effectiveGrade: outcome.result.grade, score: result.score, scoreParts: result.scoreParts, previousGrade: previous?.grade ?? null },
        'automatic assessment recorded',
      );
    });
  }
}
