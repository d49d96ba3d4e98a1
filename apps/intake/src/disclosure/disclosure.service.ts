import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  EVENT_TYPES,
  makeEnvelope,
  RIGHT_CHANNELS,
  TOPICS,
  type ApplicantType,
  type ConfirmReceiptDto,
  type ConfirmReceiptResponseDto,
  type ConvertToOpinionCaseDto,
  type ConvertToOpinionCaseResponseDto,
  type DeliveryForm,
  type DisclosureApplicationReceivedV1,
  type DisclosureApplicationViewDto,
  type DisclosureChannel,
  type FiledAs,
  type IdDocumentType,
  type ListDisclosureApplicationsQueryDto,
  type OnTheSpotAnswerV1,
  type OrganisationType,
  type SubmitDisclosureApplicationDto,
  type SubmitDisclosureApplicationResponseDto,
  type UnconfirmedReceiptListDto,
} from '@huiying/contracts';
import { FieldCipher, type DisclosureApplicationEntity } from '@huiying/persistence';
import { OutboxRelay } from '@huiying/messaging';
import { LOGGER } from '../infrastructure.module';
import { ReportService } from '../reports/report.service';
import { ApplicantKeyer } from './applicant-key';
import { applicationView, recordedConfirmationOf } from './disclosure-view';
import { DisclosureIntakeErrorCode, DisclosureIntakeException } from './disclosure.exception';
import { DisclosureApplicationRepository, type ConfirmationPlan, type OutboxRow } from './disclosure.repository';
import { decodePageToken, encodePageToken } from './page-token';
import { arrivedOnOf, confirmationProblems, receiptAge, receiptFor, sameConfirmation } from './receipt-date';

const DEFAULT_PAGE_SIZE = 50;

function pageTokenPosition(token: string): { receivedAtKey: string; id: string } {
  const position = decodePageToken(token);
  if (!position) {
    throw new DisclosureIntakeException(DisclosureIntakeErrorCode.InvalidPageToken, 'pageToken is not a token this API issued', [
      { field: 'pageToken', messages: ['pageToken is not a token this API issued'] },
    ]);
  }
  return position;
}

interface ApplicantSecret {
  name: string;
  idDocument: { type: IdDocumentType; number: string };
  contact: { phone?: string; email?: string; address?: string };
}

@Injectable()
export class DisclosureApplicationService {
  constructor(
    private readonly repo: DisclosureApplicationRepository,
    private readonly reports: ReportService,
    private readonly cipher: FieldCipher,
    private readonly keyer: ApplicantKeyer,
    private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Acknowledged only once the application — and, when its receipt is known, its received event — are committed.
   * An ordinary letter, online or fax application without a confirmation date is stored as awaiting receipt
   * confirmation (条例第三十一条): acknowledged, nothing lost, its case started only when the confirmation is recorded.
   */
  async submit(dto: SubmitDisclosureApplicationDto, idempotencyKey?: string): Promise<SubmitDisclosureApplicationResponseDto> {
    const clientRef = dto.clientRef ?? idempotencyKey ?? null;
    if (clientRef) {
      const existing = await this.repo.findByClientRef(clientRef);
      if (existing) return this.answer(existing, true);
    }
    const now = new Date();
    const receipt = receiptFor(dto.channel, dto.receipt, now);
    const problems = 'problems' in receipt ? [...receipt.problems] : [];
    if (dto.applicant.type === 'legal_person' && !dto.applicant.organisationType) {
      problems.push({ field: 'applicant.organisationType', message: 'applicant.organisationType is required for a legal person or other organisation' });
    }
    if (dto.applicant.type === 'natural_person' && dto.applicant.organisationType) {
      problems.push({ field: 'applicant.organisationType', message: 'applicant.organisationType is only for legal persons and other organisations' });
    }
    if (!dto.applicant.contact.phone && !dto.applicant.contact.email && !dto.applicant.contact.address) {
      problems.push({ field: 'applicant.contact', message: 'applicant.contact needs a phone, an e-mail or an address' });
    }
    if (problems.length || 'problems' in receipt) {
      throw new DisclosureIntakeException(
        DisclosureIntakeErrorCode.InvalidApplication,
        'Validation failed',
        problems.map((p) => ({ field: p.field, messages: [p.message] })),
      );
    }
    const received = receipt.status === 'received' ? receipt : null;
    const secret: ApplicantSecret = { name: dto.applicant.name, idDocument: { ...dto.applicant.idDocument }, contact: { ...dto.applicant.contact } };
    const app: DisclosureApplicationEntity = {
      id: randomUUID(),
      caseId: randomUUID(),
      clientRef,
      channel: dto.channel,
      receiptStatus: receipt.status,
      receivedOn: received?.receivedOn ?? null,
      receivedAt: now,
      receipt: { ...(dto.receipt ?? {}) },
      receiptConfirmedOn: received?.confirmation?.confirmedOn ?? null,
      receiptConfirmedVia: received?.confirmation?.via ?? null,
      receiptConfirmedBy: received?.confirmation?.confirmedBy ?? null,
      receiptConfirmationNote: null,
      receiptConfirmationRecordedAt: received?.confirmation ? now : null,
      applicantType: dto.applicant.type,
      organisationType: dto.applicant.organisationType ?? null,
      applicantEncrypted: this.cipher.encryptJson(secret),
      // keyed hash of the identity document: the applicant's monthly count (set with the receipt, in the repository)
      applicantKey: this.keyer.keyOf(dto.applicant.idDocument),
      applicantMonth: null,
      applicantMonthOrdinal: null,
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
    const { stored, duplicate } = await this.repo.storeWithOutbox(app, received ? (a) => this.receivedEvent(a, now) : null);
    if (!duplicate && received) this.relay.nudge();
    this.logger.info(
      {
        caseId: stored.caseId,
        applicationId: stored.id,
        channel: dto.channel,
        receiptStatus: stored.receiptStatus,
        receivedOn: stored.receivedOn,
        applicantMonthOrdinal: stored.applicantMonthOrdinal,
        filedAs: stored.filedAs,
        duplicate,
        applicant: dto.applicant,
      },
      stored.receiptStatus === 'received' ? 'disclosure application stored' : 'disclosure application stored, awaiting receipt confirmation',
    );
    return this.answer(stored, duplicate);
  }

  /**
   * Staff record that receipt was confirmed with the applicant (条例第三十一条): the confirmation date becomes the
   * receipt date, and the received event leaves through the outbox in the same transaction — exactly once. The same
   * confirmation again changes nothing; a different one, or a confirmation of a receipt recorded otherwise, is a 409.
   */
  async confirmReceipt(applicationId: string, dto: ConfirmReceiptDto): Promise<ConfirmReceiptResponseDto> {
    const now = new Date();
    const result = await this.repo.confirmReceipt(applicationId, (app): ConfirmationPlan => {
      if (app.receiptStatus === 'received') {
        const recorded = recordedConfirmationOf(app);
        if (recorded && sameConfirmation(recorded, dto)) return { kind: 'unchanged' };
        throw new DisclosureIntakeException(
          DisclosureIntakeErrorCode.ReceiptAlreadyRecorded,
          recorded
            ? `receipt of application ${app.id} was already confirmed on ${recorded.confirmedOn} (recorded ${app.receiptConfirmationRecordedAt?.toISOString()}) with other details: a confirmation is recorded once`
            : `receipt of application ${app.id} is already recorded (${app.channel}, received on ${app.receivedOn}): there is nothing to confirm`,
        );
      }
      const problems = confirmationProblems(dto, arrivedOnOf(app.receipt, app.receivedAt), now);
      if (problems.length) {
        throw new DisclosureIntakeException(
          DisclosureIntakeErrorCode.InvalidReceiptConfirmation,
          'Validation failed',
          problems.map((p) => ({ field: p.field, messages: [p.message] })),
        );
      }
      return {
        kind: 'confirm',
        receivedOn: dto.confirmedOn,
        confirmation: {
          receiptConfirmedOn: dto.confirmedOn,
          receiptConfirmedVia: dto.via,
          receiptConfirmedBy: dto.confirmedBy,
          receiptConfirmationNote: dto.note ?? null,
          receiptConfirmationRecordedAt: now,
        },
        event: (a) => this.receivedEvent(a, now),
      };
    });
    if (!result) throw new DisclosureIntakeException(DisclosureIntakeErrorCode.ApplicationNotFound, `no disclosure application ${applicationId}`);
    if (result.changed) this.relay.nudge();
    this.logger.info(
      {
        applicationId,
        caseId: result.app.caseId,
        channel: result.app.channel,
        receivedOn: result.app.receivedOn,
        applicantMonthOrdinal: result.app.applicantMonthOrdinal,
        via: dto.via,
        duplicate: !result.changed,
      },
      result.changed ? 'disclosure application receipt confirmed: case starts' : 'disclosure application receipt confirmation repeated: nothing changed',
    );
    return { ...applicationView(result.app), duplicate: !result.changed };
  }

  async view(applicationId: string): Promise<DisclosureApplicationViewDto> {
    const app = await this.repo.find(applicationId);
    if (!app) throw new DisclosureIntakeException(DisclosureIntakeErrorCode.ApplicationNotFound, `no disclosure application ${applicationId}`);
    return applicationView(app);
  }

  /** The queue of receipts to confirm, oldest first, with their age; no personal data. */
  async unconfirmed(q: ListDisclosureApplicationsQueryDto): Promise<UnconfirmedReceiptListDto> {
    const limit = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const after = q.pageToken ? pageTokenPosition(q.pageToken) : undefined;
    const [rows, total] = await Promise.all([this.repo.listUnconfirmed(limit + 1, after), this.repo.countUnconfirmed()]);
    const page = rows.slice(0, limit);
    const now = new Date();
    const last = page[page.length - 1];
    return {
      items: page.map((r) => {
        const arrivedOn = arrivedOnOf(r.receipt, r.receivedAt);
        return {
          applicationId: r.id,
          caseId: r.caseId,
          channel: r.channel as DisclosureChannel,
          filedAs: r.filedAs as FiledAs,
          clientRef: r.clientRef,
          reference: typeof r.receipt.reference === 'string' ? r.receipt.reference : null,
          arrivedOn,
          storedAt: r.receivedAt.toISOString(),
          ...receiptAge(arrivedOn, r.receivedAt, now),
        };
      }),
      total,
      nextPageToken: rows.length > limit && last ? encodePageToken(last.receivedAtKey, last.id) : null,
    };
  }

  /** intake.disclosure-applications.received.v1 of an application whose receipt is now known; no personal data. */
  private receivedEvent(app: DisclosureApplicationEntity, at: Date): OutboxRow {
    if (!app.receivedOn) throw new Error(`application ${app.id} has no receipt date: its received event cannot leave`);
    const data: DisclosureApplicationReceivedV1 = {
      applicationId: app.id,
      caseId: app.caseId,
      channel: app.channel as DisclosureChannel,
      receivedOn: app.receivedOn,
      receivedAt: app.receivedAt.toISOString(),
      applicant: { type: app.applicantType as ApplicantType, ...(app.organisationType ? { organisationType: app.organisationType as OrganisationType } : {}) },
      filedAs: app.filedAs as FiledAs,
      deliveryForm: app.deliveryForm as DeliveryForm,
      ...(app.answeredOnTheSpot ? { answeredOnTheSpot: { ...(app.answeredOnTheSpot as unknown as OnTheSpotAnswerV1) } } : {}),
      ...(app.applicantMonth && app.applicantMonthOrdinal ? { applicantMonth: { month: app.applicantMonth, ordinal: app.applicantMonthOrdinal } } : {}),
    };
    const envelope = makeEnvelope({
      id: `disclosure-application:${app.id}`,
      type: EVENT_TYPES.disclosureApplicationReceived,
      source: '/huiying/intake',
      time: at.toISOString(),
      subject: app.caseId,
      data,
    });
    return { eventId: envelope.id, topic: TOPICS.disclosureApplicationReceived, messageKey: app.caseId, payload: envelope as unknown as Record<string, unknown> };
  }

  private answer(app: DisclosureApplicationEntity, duplicate: boolean): SubmitDisclosureApplicationResponseDto {
    const filedAs = app.filedAs as SubmitDisclosureApplicationDto['filedAs'];
    return {
      applicationId: app.id,
      caseId: app.caseId,
      receiptStatus: app.receiptStatus,
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
