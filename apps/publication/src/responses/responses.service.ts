import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Logger } from 'pino';
import {
  opinionCaseQueries,
  WORKFLOW_TYPES,
  type CreateResponseDto,
  type ListOutboundQueryDto,
  type OpinionCaseState,
  type OutboundListDto,
  type OutboundMessageDto,
  type ResponseListDto,
  type ResponseViewDto,
} from '@huiying/contracts';
import { FieldCipher } from '@huiying/persistence';
import { maskValue } from '@huiying/platform';
import { opinionResponseRefusal } from '@huiying/policy';
import { queryWorkflow, updateRefusal } from '@huiying/temporal';
import { LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { ChannelRejection, type ChannelAdapter, type ResponseDraft } from './channels/channel-adapter';
import { CHANNEL_ADAPTERS, DeliveryWorker } from './delivery.worker';
import { ResponseErrorCode, ResponseException } from './responses.exception';
import { ResponsesRepository, type OutboundRow, type ResponseRow } from './responses.repository';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

function masked(value: string): string {
  return String(maskValue(value));
}

@Injectable()
export class ResponsesService {
  private readonly adapters: Map<string, ChannelAdapter>;

  constructor(
    private readonly repo: ResponsesRepository,
    private readonly client: Client,
    private readonly cipher: FieldCipher,
    private readonly worker: DeliveryWorker,
    private readonly config: PublicationConfig,
    @Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[],
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.adapters = new Map(adapters.map((a) => [a.channel, a]));
  }

  /**
   * Accepts a response: the case workflow must be able to take it (else 409/422 and nothing is queued), every channel
   * must be able to carry it (else 422); then the response and one outbound message per channel are stored together
   * and the delivery worker sends them. The same Idempotency-Key again returns the first response.
   */
  async create(caseId: string, dto: CreateResponseDto, idempotencyKey: string | undefined): Promise<{ created: boolean; response: ResponseViewDto }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ResponseException(ResponseErrorCode.Invalid, 'Idempotency-Key must be 1–200 characters of A-Z, a-z, 0-9, ".", "_", ":", "-"');
    }
    if (dto.form === 'point_to_point_reply' && !dto.recipient) {
      throw new ResponseException(ResponseErrorCode.Invalid, 'a point-to-point reply (点对点回复) needs the poster it goes to (recipient)');
    }
    const state = await this.caseState(caseId);
    // the workflow's own respond rule, asked before anything goes out (it is asked again when the delivery is recorded)
    const refusal = opinionResponseRefusal(state, dto.form);
    if (refusal) throw new ResponseException(ResponseErrorCode.CaseConflict, refusal);

    const id = randomUUID();
    const draft: ResponseDraft = { responseId: id, caseId, form: dto.form, title: dto.title ?? null, content: dto.content, recipient: dto.recipient ?? null };
    const messages = dto.channels.map((channel) => {
      const adapter = this.adapters.get(channel);
      if (!adapter) throw new ResponseException(ResponseErrorCode.Invalid, `no adapter for channel ${channel}`);
      try {
        const prepared = adapter.prepare(draft);
        return {
          id: randomUUID(),
          channel,
          payload: prepared.payload,
          recipientEncrypted: prepared.recipient ? this.cipher.encrypt(prepared.recipient) : null,
          recipientMasked: prepared.recipient ? masked(prepared.recipient) : null,
        };
      } catch (e) {
        if (e instanceof ChannelRejection) throw new ResponseException(ResponseErrorCode.Invalid, e.message);
        throw e;
      }
    });
    const stored = await this.repo.insertResponse({
      id,
      caseId,
      form: dto.form,
      channels: dto.channels,
      title: dto.title ?? null,
      content: dto.content,
      requestedBy: dto.requestedBy,
      reporterEncrypted: dto.recipient ? this.cipher.encryptJson(dto.recipient) : null,
      idempotencyKey: idempotencyKey ?? null,
      messages,
      maxAttempts: this.config.DELIVERY_MAX_ATTEMPTS,
      now: new Date(),
    });
    if (stored.created) {
      this.worker.nudge();
      this.logger.info({ caseId, responseId: id, form: dto.form, channels: dto.channels, recipient: dto.recipient ?? null }, 'response accepted for publication');
    }
    return { created: stored.created, response: await this.get(stored.id) };
  }

  async list(caseId: string): Promise<ResponseListDto> {
    const rows = await this.repo.listResponses(caseId);
    const outbound = await this.repo.listOutboundOf(rows.map((r) => r.id));
    return { responses: rows.map((r) => this.view(r, outbound.filter((o) => o.response_id === r.id))) };
  }

  async listOutbound(q: ListOutboundQueryDto): Promise<OutboundListDto> {
    const rows = await this.repo.listOutbound({ channel: q.channel, status: q.status }, q.limit ?? 100);
    return { messages: rows.map(outboundView) };
  }

  private async get(id: string): Promise<ResponseViewDto> {
    const row = await this.repo.findResponse(id);
    if (!row) throw new Error(`response ${id} vanished`);
    return this.view(row, await this.repo.listOutboundOf([id]));
  }

  /** The opinion case as its workflow holds it; 404 when there is no opinion case with this id. */
  private async caseState(caseId: string): Promise<OpinionCaseState> {
    try {
      const handle = this.client.workflow.getHandle(caseId);
      const described = await handle.describe();
      if (described.type !== WORKFLOW_TYPES.opinionCase) throw new ResponseException(ResponseErrorCode.CaseNotFound, `case ${caseId} is not an opinion case`);
      return await queryWorkflow(this.client, caseId, opinionCaseQueries.state);
    } catch (e) {
      if (e instanceof ResponseException) throw e;
      if (e instanceof WorkflowNotFoundError || updateRefusal(e)?.refusal === 'not_found') {
        throw new ResponseException(ResponseErrorCode.CaseNotFound, `no opinion case ${caseId}`);
      }
      this.logger.error({ caseId, err: e }, 'case workflow unreachable');
      throw new ResponseException(ResponseErrorCode.WorkflowUnavailable, 'the case workflow cannot be reached; nothing was published, try again');
    }
  }

  private view(r: ResponseRow, outbound: OutboundRow[]): ResponseViewDto {
    let recipient: string | null = null;
    if (r.reporter_encrypted) {
      const who = this.cipher.decryptJson<Record<string, string | undefined>>(r.reporter_encrypted);
      recipient = Object.values(who).filter((v): v is string => typeof v === 'string' && v !== '').map(masked).join(' ') || null;
    }
    return {
      id: r.id,
      caseId: r.case_id,
      form: r.form,
      channels: r.channels,
      title: r.title,
      content: r.content,
      requestedBy: r.requested_by,
      status: r.status,
      publishedAt: r.published_at?.toISOString() ?? null,
      publishedChannel: r.published_channel,
      recordedAt: r.recorded_at?.toISOString() ?? null,
      recordError: r.record_error,
      workflowRecord: r.workflow_record,
      recipient,
      createdAt: r.created_at.toISOString(),
      outbound: outbound.map(outboundView),
    };
  }
}

function outboundView(o: OutboundRow): OutboundMessageDto {
  return {
    id: o.id,
    responseId: o.response_id,
    caseId: o.case_id,
    channel: o.channel,
    status: o.status,
    attempts: o.attempts,
    maxAttempts: o.max_attempts,
    nextAttemptAt: o.status === 'pending' ? o.next_attempt_at.toISOString() : null,
    lastError: o.last_error,
    externalRef: o.external_ref,
    deliveredAt: o.delivered_at?.toISOString() ?? null,
    failedAt: o.failed_at?.toISOString() ?? null,
    recipient: o.recipient_masked,
    payload: o.payload,
    createdAt: o.created_at.toISOString(),
  };
}
