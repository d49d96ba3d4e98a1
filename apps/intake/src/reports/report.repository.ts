import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TOPICS, type ReportGroupingV1 } from '@huiying/contracts';
import { IntakeClosedCaseEntity, OutboxEntity, ReportEntity } from '@huiying/persistence';
import { traceCarrierOf } from '@huiying/platform';
import { IntakeConfig } from '../intake.config';
import { groupGrade, type GroupedReport } from './group-grade';
import { reportReceivedEnvelope } from './report-event';
import { nearDuplicateMatch, type GroupingCandidate } from './similarity/grouping-rule';
import { placeKey } from './similarity/place-key';
import { reportText, textFingerprint } from './similarity/text-fingerprint';

export interface StoredReport {
  caseId: string;
  reportId: string;
  duplicate: boolean;
  /** Set when the report joined an existing case. */
  grouping?: ReportGroupingV1;
}

/** A report ready to store; its case is decided by the grouping (a new case, or the open case it belongs to). */
export type ReportDraft = Omit<ReportEntity, 'caseId' | 'placeKey' | 'textMinhash' | 'groupingReason' | 'groupedWithReportId' | 'groupingSimilarity'>;

const UNIQUE_VIOLATION = '23505';
/** First key of pg_advisory_xact_lock(int, int) for report grouping (the second is the place key's hash). */
const GROUPING_LOCK_CLASS = 20264;
/** More candidates than this at one place within the window: the most recent are compared. */
const MAX_CANDIDATES = 2000;

/** The only place intake's report feature touches the database. */
@Injectable()
export class ReportRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly config: IntakeConfig,
  ) {}

  findBySourceRef(sourceRef: string, em: EntityManager = this.ds.manager): Promise<ReportEntity | null> {
    return em.findOne(ReportEntity, { where: { sourceRef } });
  }

  /**
   * Stores a new report, grouped into its case, with its outbox event in one transaction. A concurrent insert of the
   * same sourceRef loses on the unique index and gets the winner's case instead: one case per sourceRef, always.
   */
  async store(draft: ReportDraft, eventSource: string): Promise<StoredReport> {
    try {
      return await this.ds.transaction((em) => this.insertGrouped(em, draft, eventSource));
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION && draft.sourceRef) {
        const existing = await this.findBySourceRef(draft.sourceRef);
        if (existing) return { caseId: existing.caseId, reportId: existing.id, duplicate: true };
      }
      throw e;
    }
  }

  /**
   * Inside the caller's transaction: decides the report's case and stores the report and its event.
   * With a place key and a fingerprint, the place is locked for the rest of the transaction
   * (pg_advisory_xact_lock), so two near-duplicates arriving at the same moment are decided one after the other and
   * the second sees the first: they cannot open two cases. The candidates are the fingerprinted reports of the same
   * place key received within the window (one index range scan), minus the reports of closed cases.
   */
  async insertGrouped(em: EntityManager, draft: ReportDraft, eventSource: string): Promise<StoredReport> {
    const key = placeKey(draft.location);
    const fingerprint = textFingerprint(reportText(draft));
    let grouping: ReportGroupingV1 | null = null;
    let caseId: string = randomUUID();
    if (key && fingerprint) {
      await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [GROUPING_LOCK_CLASS, key]);
      const windowHours = this.config.NEAR_DUPLICATE_WINDOW_HOURS;
      const match = nearDuplicateMatch(
        { placeKey: key, fingerprint, receivedAt: draft.receivedAt },
        await this.candidates(em, key, new Date(draft.receivedAt.getTime() - windowHours * 3_600_000)),
        windowHours,
      );
      if (match) {
        caseId = match.caseId;
        const group = [...(await this.groupOf(em, caseId)), { ...draft, district: draft.location.district ?? null }];
        const suggestedGrade = groupGrade(group);
        grouping = {
          reason: 'near_duplicate',
          similarity: match.similarity,
          groupedWithReportId: match.reportId,
          groupSize: group.length,
          ...(suggestedGrade !== 'general' ? { suggestedGrade } : {}),
        };
      }
    }
    const report: ReportEntity = {
      ...draft,
      caseId,
      placeKey: key,
      textMinhash: fingerprint,
      groupingReason: grouping?.reason ?? null,
      groupedWithReportId: grouping?.groupedWithReportId ?? null,
      groupingSimilarity: grouping?.similarity ?? null,
    };
    const envelope = reportReceivedEnvelope(report, eventSource, grouping);
    await em.insert(ReportEntity, report);
    await em.getRepository(OutboxEntity).insert({
      eventId: envelope.id,
      topic: TOPICS.reportReceived,
      messageKey: caseId,
      payload: envelope as never,
      sentAt: null,
      attempts: 0,
      lastError: null,
      ...traceCarrierOf(), // the request's trace continues in the Kafka message (README → Traces)
    });
    return { caseId, reportId: report.id, duplicate: false, ...(grouping ? { grouping } : {}) };
  }

  /** The reports of a case as the group grading needs them (reports_case_id_idx). */
  private async groupOf(em: EntityManager, caseId: string): Promise<GroupedReport[]> {
    const rows: { id: string; channel: string; received_at: Date; district: string | null; title: string; content: string }[] = await em.query(
      `SELECT id, channel, received_at, location->>'district' AS district, title, content FROM intake.reports WHERE case_id = $1`,
      [caseId],
    );
    return rows.map((r) => ({ id: r.id, channel: r.channel, receivedAt: new Date(r.received_at), district: r.district, title: r.title, content: r.content }));
  }

  private async candidates(em: EntityManager, key: string, since: Date): Promise<GroupingCandidate[]> {
    const rows: { id: string; case_id: string; place_key: string; text_minhash: Buffer; received_at: Date }[] = await em.query(
      `SELECT r.id, r.case_id, r.place_key, r.text_minhash, r.received_at
       FROM intake.reports r
       WHERE r.place_key = $1 AND r.received_at >= $2 AND r.text_minhash IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM intake.closed_cases c WHERE c.case_id = r.case_id)
       ORDER BY r.received_at DESC
       LIMIT ${MAX_CANDIDATES}`,
      [key, since],
    );
    return rows.map((r) => ({ reportId: r.id, caseId: r.case_id, placeKey: r.place_key, fingerprint: r.text_minhash, receivedAt: new Date(r.received_at) }));
  }

  /** Records that a case closed (idempotent): its reports stop being grouping candidates. */
  async markCaseClosed(row: IntakeClosedCaseEntity): Promise<void> {
    await this.ds.createQueryBuilder().insert().into(IntakeClosedCaseEntity).values(row).orIgnore().execute();
  }
}
