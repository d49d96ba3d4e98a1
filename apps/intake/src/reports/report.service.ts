import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AccessException, AccessExceptionCode, type Caller } from '@huiying/access';
import type { CaseStageChangedV1, EventEnvelope, SubmitReportDto, SubmitReportResponseDto } from '@huiying/contracts';
import { FieldCipher } from '@huiying/persistence';
import { OutboxRelay } from '@huiying/messaging';
import { LOGGER } from '../infrastructure.module';
import { reportJurisdiction } from './report-origin';
import { ReportRepository, type ReportDraft } from './report.repository';

/** Stages after which an opinion case is closed (办结, 总结评估). */
const CLOSED_STAGES = ['closed', 'evaluated'];

@Injectable()
export class ReportService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly cipher: FieldCipher,
    private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Acknowledged only once the report and its event are committed to Postgres. The same sourceRef again is the same
   * report (nothing stored); a near-duplicate of an open case's report at the same place within the window joins that
   * case (its own record and channel, linked to the case with the similarity); anything else opens a case.
   * `discoveredAt` (validated by the DTO) and the jurisdiction (the caller's own unless named) travel with the report.
   */
  async submit(dto: SubmitReportDto, caller?: Pick<Caller, 'jurisdiction' | 'systemId'>): Promise<SubmitReportResponseDto> {
    const place = reportJurisdiction(dto.jurisdiction, caller);
    if ('refused' in place) throw new AccessException(AccessExceptionCode.OutOfReach, place.refused);
    if (dto.sourceRef) {
      const existing = await this.repo.findBySourceRef(dto.sourceRef);
      if (existing) {
        this.logger.info({ caseId: existing.caseId, sourceRef: dto.sourceRef }, 'duplicate report: same sourceRef, same case');
        return { caseId: existing.caseId, reportId: existing.id, duplicate: true, grouping: { reason: 'sourceRef' } };
      }
    }
    const receivedAt = new Date();
    const draft: ReportDraft = {
      id: randomUUID(),
      channel: dto.channel,
      title: dto.title,
      content: dto.content,
      category: dto.category ?? 'other',
      location: { ...dto.location } as Record<string, string>,
      occurredAt: new Date(dto.occurredAt),
      receivedAt,
      discoveredAt: dto.discoveredAt ? new Date(dto.discoveredAt) : null,
      jurisdiction: place.jurisdiction,
      sourceRef: dto.sourceRef ?? null,
      reporterEncrypted: dto.reporter ? this.cipher.encryptJson({ ...dto.reporter }) : null,
      createdAt: receivedAt,
    };
    const stored = await this.repo.store(draft, '/huiying/intake');
    if (!stored.duplicate) this.relay.nudge();
    this.logger.info(
      { caseId: stored.caseId, reportId: stored.reportId, channel: dto.channel, duplicate: stored.duplicate, grouping: stored.grouping ?? null, reporter: dto.reporter },
      stored.grouping ? 'report stored: joined an open case' : 'report stored',
    );
    return stored.duplicate ? { ...stored, grouping: { reason: 'sourceRef' } } : stored;
  }

  /** A closed opinion case takes no more near-duplicates: the next report of the matter opens a new case. */
  async onCaseEvent(envelope: EventEnvelope<CaseStageChangedV1>): Promise<void> {
    const e = envelope.data;
    if (e.kind !== 'opinion' || !CLOSED_STAGES.includes(e.stage)) return;
    await this.repo.markCaseClosed({ caseId: e.caseId, stage: e.stage, closedAt: new Date(e.occurredAt), sourceEventId: envelope.id });
    this.logger.info({ caseId: e.caseId, stage: e.stage }, 'case closed: no longer takes near-duplicate reports');
  }
}
