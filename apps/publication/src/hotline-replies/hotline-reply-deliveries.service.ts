import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EventEnvelope, HotlineReplyDeliveryDto, HotlineReplyDeliveryListDto, HotlineWorkOrderReplyV1, ListHotlineReplyDeliveriesQueryDto } from '@huiying/contracts';
import { LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { HotlineReplyDeliveriesRepository, type ReplyDeliveryAttemptRow, type ReplyDeliveryRow } from './hotline-reply-deliveries.repository';
import { ReplyWebhookWorker } from './reply-webhook.worker';

export enum HotlineReplyDeliveryErrorCode {
  NotFound = 'HOTLINE_REPLY_DELIVERY_NOT_FOUND',
  /** A pending delivery is on its way already: nothing to resend. */
  Pending = 'HOTLINE_REPLY_DELIVERY_PENDING',
}

/** The webhook's deliveries: recorded from the reply feed, listed and resent by ops. */
@Injectable()
export class HotlineReplyDeliveriesService {
  constructor(
    private readonly repo: HotlineReplyDeliveriesRepository,
    private readonly worker: ReplyWebhookWorker,
    private readonly config: PublicationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get webhookConfigured(): boolean {
    return !!this.config.HOTLINE_REPLY_WEBHOOK_URL;
  }

  /** A reply from hotline.work-order-replies.v1: one delivery per order number + sequence, whatever the redeliveries. */
  async onReply(env: EventEnvelope<HotlineWorkOrderReplyV1>): Promise<void> {
    if (!this.webhookConfigured) return;
    const body = JSON.stringify({
      specversion: env.specversion, id: env.id, type: env.type, source: env.source, time: env.time,
      subject: env.subject, datacontenttype: env.datacontenttype, data: env.data,
    });
    const created = await this.repo.insertDelivery({
      id: randomUUID(), orderNo: env.data.orderNo, sequence: env.data.sequence, envelopeId: env.id, body,
      maxAttempts: this.config.HOTLINE_REPLY_WEBHOOK_MAX_ATTEMPTS, now: new Date(),
    });
    if (created) {
      this.logger.debug({ orderNo: env.data.orderNo, sequence: env.data.sequence }, 'hotline reply queued for the webhook');
      this.worker.nudge();
    }
  }

  async list(q: ListHotlineReplyDeliveriesQueryDto): Promise<HotlineReplyDeliveryListDto> {
    const { rows, attempts } = await this.repo.listDeliveries({ status: q.status, orderNo: q.orderNo }, q.limit ?? 100);
    return { webhookConfigured: this.webhookConfigured, deliveries: rows.map((r) => toDto(r, attempts.filter((a) => a.delivery_id === r.id))) };
  }

  async resend(id: string): Promise<HotlineReplyDeliveryDto> {
    const result = await this.repo.resend(id, new Date());
    if (result.status === 'not_found') throw deliveryError(HotlineReplyDeliveryErrorCode.NotFound, HttpStatus.NOT_FOUND, `no hotline reply delivery ${id}`);
    if (result.status === 'conflict') throw deliveryError(HotlineReplyDeliveryErrorCode.Pending, HttpStatus.CONFLICT, result.reason);
    this.logger.info({ deliveryId: id, orderNo: result.row.order_no, sequence: result.row.sequence }, 'hotline reply delivery resent by ops');
    this.worker.nudge();
    const { attempts } = await this.repo.listDeliveries({ orderNo: result.row.order_no }, 500);
    return toDto(result.row, attempts.filter((a) => a.delivery_id === id));
  }
}

function deliveryError(code: HotlineReplyDeliveryErrorCode, status: HttpStatus, message: string): HttpException {
  return new HttpException({ statusCode: status, code, message }, status);
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toDto(r: ReplyDeliveryRow, attempts: ReplyDeliveryAttemptRow[]): HotlineReplyDeliveryDto {
  return {
    id: r.id,
    orderNo: r.order_no,
    sequence: r.sequence,
    deliveryId: r.envelope_id,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    resends: r.resends,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastError: r.last_error,
    deliveredAt: iso(r.delivered_at),
    failedAt: iso(r.failed_at),
    createdAt: new Date(r.created_at).toISOString(),
    envelope: JSON.parse(r.body) as Record<string, unknown>,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      startedAt: new Date(a.started_at).toISOString(),
      durationMs: a.duration_ms,
      httpStatus: a.http_status,
      error: a.error,
      outcome: a.outcome,
    })),
  };
}
