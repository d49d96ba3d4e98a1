import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Logger } from 'pino';
import {
  HOTLINE_BATCH_MAX,
  HotlineWorkOrderDto,
  type HotlineBatchResponseDto,
  type WorkOrderItemResultDto,
} from '@huiying/contracts';
import { FieldCipher } from '@huiying/persistence';
import { OutboxRelay } from '@huiying/messaging';
import type { Counter, Registry } from 'prom-client';
import { counter, METRICS_REGISTRY, toFieldErrors } from '@huiying/platform';
import { LOGGER } from '../infrastructure.module';
import { IntakeConfig } from '../intake.config';
import { HotlineException, HotlineExceptionCode } from './hotline.exception';
import { workOrderDiscoveredAt } from '../reports/report-origin';
import { changedFields, reportUpdatedOutbox, workOrderSnapshot, workOrderToReport } from './hotline.mapping';
import { HotlineRepository, type NewOrderPlan, type RevisionPlan, type StoredOrder } from './hotline.repository';

export type WorkOrderSource = 'kafka' | 'batch';

/**
 * The one mapping of 12345 work orders into the opinion pipeline, whichever way they come in (Kafka, the batch
 * endpoint, the import CLI through the batch endpoint): validated, de-duplicated by order number, stored with the
 * report and its event (outbox → intake.reports.received.v1 → routing → case workflow).
 */
@Injectable()
export class HotlineService {
  /** On intake's /metrics: work orders processed since start, by source (kafka, batch) and result. */
  private readonly processed: Counter<'source' | 'result'>;

  constructor(
    private readonly repo: HotlineRepository,
    private readonly cipher: FieldCipher,
    private readonly relay: OutboxRelay,
    private readonly config: IntakeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) metrics: Registry,
  ) {
    this.processed = counter(metrics, {
      name: 'huiying_hotline_work_orders_total',
      help: '12345 work orders processed since start, by source and result',
      labelNames: ['source', 'result'] as const,
    });
  }

  async batch(items: unknown[]): Promise<HotlineBatchResponseDto> {
    if (items.length > HOTLINE_BATCH_MAX) throw HotlineException.batchTooLarge(items.length);
    const results: WorkOrderItemResultDto[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = { index, ...(await this.ingestItem(items[index])) };
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.HOTLINE_BATCH_CONCURRENCY, items.length) }, worker));
    const summary = { accepted: 0, duplicate: 0, updated: 0, rejected: 0, failed: 0 };
    for (const r of results) summary[r.result]++;
    this.logger.info({ items: items.length, ...summary }, 'hotline batch processed');
    return { results, summary };
  }

  /**
   * One item of a batch. Each item is stored in its own transaction, so an error on our side (database unavailable…)
   * leaves that item unstored and the caller is told so (`failed`: send it again), while the items before and after it
   * keep their own results: a batch is never half-stored without the caller knowing which half.
   */
  private async ingestItem(item: unknown): Promise<Omit<WorkOrderItemResultDto, 'index'>> {
    try {
      return await this.ingestPlain(item, 'batch');
    } catch (err) {
      const orderNo = item && typeof item === 'object' && typeof (item as { orderNo?: unknown }).orderNo === 'string' ? (item as { orderNo: string }).orderNo : undefined;
      this.processed.inc({ source: 'batch', result: 'failed' });
      this.logger.error({ err, orderNo }, 'work order not stored: error while storing it');
      return { orderNo, result: 'failed', errors: [{ field: '', messages: ['not stored because of an error on our side; nothing was stored for this work order: send it again'] }] };
    }
  }

  /** Validates one item with the contract's rules (unknown fields are errors) and ingests it. */
  async ingestPlain(item: unknown, source: WorkOrderSource): Promise<Omit<WorkOrderItemResultDto, 'index'>> {
    const orderNo = item && typeof item === 'object' && typeof (item as { orderNo?: unknown }).orderNo === 'string' ? (item as { orderNo: string }).orderNo : undefined;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      this.processed.inc({ source, result: 'rejected' });
      return { orderNo, result: 'rejected', errors: [{ field: '', messages: ['a work order must be a JSON object'] }] };
    }
    const dto = plainToInstance(HotlineWorkOrderDto, item);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      this.processed.inc({ source, result: 'rejected' });
      const fieldErrors = toFieldErrors(errors);
      this.logger.info({ orderNo, source, errors: fieldErrors }, 'work order rejected');
      return { orderNo, result: 'rejected', errors: fieldErrors };
    }
    return this.ingest(dto, source);
  }

  /** One valid work order: accepted (new report and case), updated (later revision), or duplicate. */
  async ingest(order: HotlineWorkOrderDto, source: WorkOrderSource): Promise<Omit<WorkOrderItemResultDto, 'index'>> {
    const revision = order.revision ?? 1;
    const now = new Date();
    const mapped = workOrderToReport(order);
    const snapshot = workOrderSnapshot(order);
    const callerEncrypted = mapped.reporter ? this.cipher.encryptJson(mapped.reporter) : null;

    const planNew = (): NewOrderPlan => {
      const reportId = randomUUID();
      return {
        report: {
          id: reportId,
          channel: mapped.channel,
          title: mapped.title,
          content: mapped.content,
          category: mapped.category,
          location: mapped.location,
          occurredAt: mapped.occurredAt,
          receivedAt: now,
          // the platform learnt of the matter when the call came in: clocks that count from discovery start there
          discoveredAt: workOrderDiscoveredAt(mapped.occurredAt, now),
          sourceRef: mapped.sourceRef,
          reporterEncrypted: callerEncrypted,
          createdAt: now,
        },
        order: {
          orderNo: order.orderNo,
          revision,
          reportId,
          callTime: mapped.occurredAt,
          appealType: order.appealType,
          urgency: order.urgency ?? 'normal',
          handlingUnit: order.handlingUnit ?? null,
          title: order.title,
          content: order.content,
          location: mapped.location,
          category: order.category ?? null,
          callerEncrypted,
          firstSource: source,
          receivedAt: now,
          updatedAt: now,
        },
        revision: { orderNo: order.orderNo, revision, source, snapshot, callerEncrypted, changedFields: [], receivedAt: now },
      };
    };

    const planRevision = (stored: StoredOrder): RevisionPlan => {
      const previousCaller = stored.callerEncrypted ? this.cipher.decrypt(stored.callerEncrypted) : null;
      const callerChanged = previousCaller !== (mapped.reporter ? JSON.stringify(mapped.reporter) : null);
      const changed = changedFields(stored.snapshot, snapshot, callerChanged);
      return {
        order: {
          revision,
          callTime: mapped.occurredAt,
          appealType: order.appealType,
          urgency: order.urgency ?? 'normal',
          handlingUnit: order.handlingUnit ?? null,
          title: order.title,
          content: order.content,
          location: mapped.location,
          category: order.category ?? null,
          callerEncrypted,
          updatedAt: now,
        },
        report: { title: mapped.title, content: mapped.content, category: mapped.category, location: mapped.location, occurredAt: mapped.occurredAt, reporterEncrypted: callerEncrypted },
        revision: { orderNo: order.orderNo, revision, source, snapshot, callerEncrypted, changedFields: changed, receivedAt: now },
        outbox: reportUpdatedOutbox(stored, order, changed, now),
      };
    };

    const outcome = await this.repo.ingest(order.orderNo, revision, planNew, planRevision);
    if (outcome.result !== 'duplicate') this.relay.nudge(); // a new report or an update: its event waits in the outbox
    this.processed.inc({ source, result: outcome.result });
    this.logger.debug({ source, caller: order.caller, ...outcome }, 'work order processed');
    if (outcome.grouping) this.logger.info({ orderNo: outcome.orderNo, caseId: outcome.caseId, reportId: outcome.reportId, grouping: outcome.grouping }, 'work order joined an open case');
    return { orderNo: outcome.orderNo, result: outcome.result, caseId: outcome.caseId, reportId: outcome.reportId, revision: outcome.revision };
  }

  async find(orderNo: string) {
    const found = await this.repo.find(orderNo);
    if (!found) throw new HotlineException(HotlineExceptionCode.WorkOrderNotFound, `work order ${orderNo} was never received`);
    const { order, revisions } = found;
    return {
      orderNo: order.orderNo,
      revision: order.revision,
      caseId: order.caseId,
      reportId: order.reportId,
      appealType: order.appealType,
      urgency: order.urgency,
      handlingUnit: order.handlingUnit,
      title: order.title,
      callTime: order.callTime.toISOString(),
      firstSource: order.firstSource,
      receivedAt: order.receivedAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
      revisions: revisions.map((r) => ({ revision: r.revision, source: r.source, changedFields: r.changedFields, receivedAt: r.receivedAt.toISOString() })),
    };
  }
}
