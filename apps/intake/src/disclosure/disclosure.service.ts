import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  EVENT_TYPES,
  makeEnvelope,
  RIGHT_CHANNELS,
  TOPICS,
  type ConvertToOpinionCaseDto,
  type ConvertToOpinionCaseResponseDto,
  type DisclosureApplicationReceivedV1,
  type SubmitDisclosureApplicationDto,
  type SubmitDisclosureApplicationResponseDto,
} from '@huiying/contracts';
import { FieldCipher, type DisclosureApplicationEntity } from '@huiying/persistence';
import { OutboxRelay } from '@huiying/messaging';
import { LOGGER } from '../infrastructure.module';
import { ReportService } from '../reports/report.service';
import { DisclosureIntakeErrorCode, DisclosureIntakeException } from './disclosure.exception';
import { DisclosureApplicationRepository } from './disclosure.repository';
import { receivedOnFor } from './receipt-date';

interface ApplicantSecret {
  name: string;
  idDocument: { type: string; number: string };
  contact: { phone?: string; email?: string; address?: string };
}

@Injectable()
export class DisclosureApplicationService {
  constructor(
    private readonly repo: DisclosureApplicationRepository,
    private readonly reports: ReportService,
    private readonly cipher: FieldCipher,
    private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Acknowledged only once the application and its event are committed. */
  async submit(dto: SubmitDisclosureApplicationDto, idempotencyKey?: string): Promise<SubmitDisclosureApplicationResponseDto> {
    const clientRef = dto.clientRef ?? idempotencyKey ?? null;
    if (clientRef) {
      const existing = await this.repo.findByClientRef(clientRef);
      if (existing) return this.answer(existing, true);
    }
    const now = new Date();
    const receipt = receivedOnFor(dto.channel, dto.receipt, now);
    const problems = 'problem' in receipt ? [receipt.problem] : [];
    if (dto.applicant.type === 'legal_person' && !dto.applicant.organisationType) {
      problems.push({ field: 'applicant.organisationType', message: 'applicant.organisationType is required for a legal person or other organisation' });
    }
    if (dto.applicant.type === 'natural_person' && dto.applicant.organisationType) {
      problems.push({ field: 'applicant.organisationType', message: 'applicant.organisationType is only for legal persons and other organisations' });
    }
    if (!dto.applicant.contact.phone && !dto.applicant.contact.email && !dto.applicant.contact.address) {
      problems.push({ field: 'applicant.contact', message: 'applicant.contact needs a phone, an e-mail or an address' });
    }
    if (problems.length || 'problem' in receipt) {
      throw new DisclosureIntakeException(
        DisclosureIntakeErrorCode.InvalidApplication,
        'Validation failed',
        problems.map((p) => ({ field: p.field, messages: [p.message] })),
      );
    }
    const secret: ApplicantSecret = { name: dto.applicant.name, idDocument: { ...dto.applicant.idDocument }, contact: { ...dto.applicant.contact } };
    const app: DisclosureApplicationEntity = {
      id: randomUUID(),
      caseId: randomUUID(),
      clientRef,
      channel: dto.channel,
      receivedOn: receipt.receivedOn,
      receivedAt: now,
      receipt: { ...(dto.receipt ?? {}) },
      applicantType: dto.applicant.type,
      organisationType: dto.applicant.organisationType ?? null,
      applicantEncrypted: this.cipher.encryptJson(secret),
      informationDescription: dto.informationDescription,
      purpose: dto.purpose,
      deliveryForm: dto.deliveryForm,
      filedAs: dto.filedAs ?? 'disclosure_application',
      answeredOnTheSpot: dto.answeredOnTheSpot ? { ...dto.answeredOnTheSpot } : null,
      convertedCaseId: null,
      convertedAt: null,
      convertedBy: null,
      createdAt: now,
    };
    const data: DisclosureApplicationReceivedV1 = {
      applicationId: app.id,
      caseId: app.caseId,
      channel: dto.channel,
      receivedOn: app.receivedOn,
      receivedAt: now.toISOString(),
      applicant: { type: dto.applicant.type, ...(dto.applicant.organisationType ? { organisationType: dto.applicant.organisationType } : {}) },
      filedAs: app.filedAs as DisclosureApplicationReceivedV1['filedAs'],
      deliveryForm: dto.deliveryForm,
      ...(dto.answeredOnTheSpot ? { answeredOnTheSpot: { ...dto.answeredOnTheSpot } } : {}),
    };
    const envelope = makeEnvelope({
      id: `disclosure-application:${app.id}`,
      type: EVENT_TYPES.disclosureApplicationReceived,
      source: '/huiying/intake',
      time: now.toISOString(),
      subject: app.caseId,
      data,
    });
    const { stored, duplicate } = await this.repo.storeWithOutbox(app, {
      eventId: envelope.id,
      topic: TOPICS.disclosureApplicationReceived,
      messageKey: app.caseId,
      payload: envelope as unknown as Record<string, unknown>,
    });
    if (!duplicate) this.relay.nudge();
    this.logger.info(
      { caseId: stored.caseId, applicationId: stored.id, channel: dto.channel, receivedOn: stored.receivedOn, filedAs: stored.filedAs, duplicate, applicant: dto.applicant },
      'disclosure application stored',
    );
    return this.answer(stored, duplicate);
  }

  private answer(app: DisclosureApplicationEntity, duplicate: boolean): SubmitDisclosureApplicationResponseDto {
    const filedAs = app.filedAs as SubmitDisclosureApplicationDto['filedAs'];
    return {
      applicationId: app.id,
      caseId: app.caseId,
      receivedOn: app.receivedOn,
      duplicate,
      ...(filedAs && filedAs !== 'disclosure_application'
        ? {
            notADisclosureApplication: {
              message: `这是${filedAs === 'complaint' ? '投诉' : filedAs === 'petition' ? '信访' : '举报'}，不作为政府信息公开申请处理（条例第三十九条）；请通过相应渠道提出。`,
              filedAs,
              rightChannel: RIGHT_CHANNELS[filedAs].nameZh,
            },
          }
        : {}),
    };
  }

  /**
   * Turns a complaint/petition/report filed as an application into an opinion report through the report path
   * (sourceRef = the application id, so a repeated call returns the same opinion case).
   */
  async convertToOpinionCase(id: string, dto: ConvertToOpinionCaseDto): Promise<ConvertToOpinionCaseResponseDto> {
    const app = await this.repo.find(id);
    if (!app) throw new DisclosureIntakeException(DisclosureIntakeErrorCode.ApplicationNotFound, `no disclosure application ${id}`);
    if (app.filedAs === 'disclosure_application') {
      throw new DisclosureIntakeException(
        DisclosureIntakeErrorCode.NotConvertible,
        'this filing is a disclosure application; only a complaint, petition or report filed as an application becomes an opinion case',
      );
    }
    const secret = this.cipher.decryptJson<ApplicantSecret>(app.applicantEncrypted);
    const report = await this.reports.submit({
      channel: app.channel === 'online' ? 'portal' : 'mayor_mailbox',
      title: app.informationDescription.slice(0, 60),
      content: `${app.informationDescription}\n\n${app.purpose}`,
      occurredAt: app.receivedAt.toISOString(),
      location: { ...(dto.location ?? {}) },
      category: dto.category ?? 'public_sentiment',
      reporter: { name: secret.name, ...(secret.contact.phone ? { phone: secret.contact.phone } : {}), ...(secret.contact.email ? { email: secret.contact.email } : {}) },
      sourceRef: `disclosure-application:${app.id}`,
    });
    await this.repo.markConverted(app.id, report.caseId, dto.convertedBy);
    this.logger.info({ applicationId: app.id, opinionCaseId: report.caseId, duplicate: report.duplicate }, 'filing converted to an opinion case');
    return { applicationId: app.id, opinionCaseId: report.caseId, reportId: report.reportId, duplicate: report.duplicate };
  }
}
