import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  EVENT_TYPES,
  makeEnvelope,
  TOPICS,
  type ReportReceivedV1,
  type SubmitReportDto,
  type SubmitReportResponseDto,
} from '@huiying/contracts';
import { FieldCipher, type ReportEntity } from '@huiying/persistence';
import { OutboxRelay } from '@huiying/messaging';
import { LOGGER } from '../infrastructure.module';
import { ReportRepository } from './report.repository';

@Injectable()
export class ReportService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly cipher: FieldCipher,
    private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Acknowledged only once the report and its event are committed to Postgres. */
  async submit(dto: SubmitReportDto): Promise<SubmitReportResponseDto> {
    if (dto.sourceRef) {
      const existing = await this.repo.findBySourceRef(dto.sourceRef);
      if (existing) {
        this.logger.info({ caseId: existing.caseId, sourceRef: dto.sourceRef }, 'duplicate report: same sourceRef, same case');
        return { caseId: existing.caseId, reportId: existing.id, duplicate: true };
      }
    }
    const receivedAt = new Date();
    const report: ReportEntity = {
      id: randomUUID(),
      caseId: randomUUID(),
      channel: dto.channel,
      title: dto.title,
      content: dto.content,
      category: dto.category ?? 'other',
      location: { ...dto.location } as Record<string, string>,
      occurredAt: new Date(dto.occurredAt),
      receivedAt,
      sourceRef: dto.sourceRef ?? null,
      reporterEncrypted: dto.reporter ? this.cipher.encryptJson({ ...dto.reporter }) : null,
      createdAt: receivedAt,
    };
    const data: ReportReceivedV1 = {
      reportId: report.id,
      caseId: report.caseId,
      channel: dto.channel,
      title: dto.title,
      content: dto.content,
      category: report.category,
      location: { ...dto.location },
      occurredAt: report.occurredAt.toISOString(),
      receivedAt: receivedAt.toISOString(),
      ...(dto.sourceRef ? { sourceRef: dto.sourceRef } : {}),
    };
    const envelope = makeEnvelope({
      id: `report:${report.id}`,
      type: EVENT_TYPES.reportReceived,
      source: '/huiying/intake',
      time: receivedAt.toISOString(),
      subject: report.caseId,
      data,
    });
    const stored = await this.repo.storeWithOutbox(report, {
      eventId: envelope.id,
      topic: TOPICS.reportReceived,
      messageKey: report.caseId,
      payload: envelope as unknown as Record<string, unknown>,
    });
    if (!stored.duplicate) this.relay.nudge();
    this.logger.info({ caseId: stored.caseId, reportId: stored.reportId, channel: dto.channel, duplicate: stored.duplicate, reporter: dto.reporter }, 'report stored');
    return stored;
  }
}
