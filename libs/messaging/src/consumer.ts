import { SpanStatusCode, type Span } from '@opentelemetry/api';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import type { HealthCheck } from '@huiying/platform';
import { DLQ_HEADERS, deadLetterTopic, type EventEnvelope, type EventMap, type MappedTopic } from '@huiying/contracts';
import { parseMessage, PoisonMessageError } from './validate-message';
import type { TypedProducer } from './typed-producer';
import { ConsumerSupervisor } from './consumer-supervisor';
import { failureReason, isTransientFailure } from './handler-failure';
import { CONSUMER_TIMING } from './kafka';
import { consumerLagMetrics } from './consumer-lag-metrics';
import { deadLetterMetric, parseFailureClass, type DeadLetterReasonClass } from './dead-letter-metrics';
import { carrierFromKafkaHeaders, inConsumerSpan, kafkaTraceHeaders } from './trace-propagation';

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
}

export interface ConsumerSpec<K extends MappedTopic> {
  groupId: string;
  topic: K;
  /** Must be idempotent: a message can be delivered more than once. Throw PoisonMessageError for a message
   * that can never succeed (it is dead-lettered at once). A dependency that is down (isTransientFailure) is retried
   * until it is back; any other error is retried `attempts` times and then dead-lettered with the reason. */
  handle(envelope: EventEnvelope<EventMap[K]>, ctx: MessageContext): Promise<void>;
  /** Partitions processed in parallel (order is kept within a partition, i.e. per case). Default 6. */
  partitionsConcurrently?: number;
  /** Tries of a message whose handler fails for a reason of its own before it is dead-lettered. Default 4. */
  attempts?: number;
  /** First pause between those tries (doubles each time). Default 250 ms. */
  retryDelayMs?: number;
}

/**
 * Runs a validated, idempotent consumer: bad messages go to dlq.<topic> with the reason in headers and the
 * consumer carries on. A handler failure caused by a dependency is retried by kafkajs (offset not committed) until
 * the dependency is back, so nothing is lost; a failure of the message's own (it passed validation but the handler
 * cannot process it) is retried a few times and then dead-lettered, so it never stalls its partition.
 */
export class ValidatingConsumer<K extends MappedTopic> {
  private readonly consumer: Consumer;
  private readonly supervisor: ConsumerSupervisor;

  constructor(
    kafka: Kafka,
    private readonly spec: ConsumerSpec<K>,
    private readonly dlqProducer: TypedProducer,
    private readonly logger: Logger,
  ) {
    this.consumer = kafka.consumer({
      groupId: spec.groupId,
      ...CONSUMER_TIMING,
      retry: { retries: 8, initialRetryTime: 300 },
    });
    this.supervisor = new ConsumerSupervisor(this.consumer, () => this.run(), logger, { groupId: spec.groupId });
    // its lag is measured when /metrics is scraped, as long as it runs
    consumerLagMetrics().track(kafka, spec.groupId, spec.topic);
    deadLetterMetric(); // declared from the start, so /metrics names the family before the first dead letter
  }

  /** Starts consuming; never throws (a broker that is not there yet is retried with back-off, see ConsumerSupervisor). */
  async start(): Promise<void> {
    await this.supervisor.start();
  }

  private async run(): Promise<void> {
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.spec.topic, fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.spec.partitionsConcurrently ?? 6,
      eachMessage: async ({ topic, partition, message }) =>
        // a CONSUMER span continuing the trace the message carries in its headers (README → Traces)
        inConsumerSpan(
          { topic, partition, offset: message.offset, groupId: this.spec.groupId, key: message.key?.toString('utf8') ?? null, headers: message.headers },
          (span) => this.process(topic, partition, message, span),
        ),
    });
  }

  /** For /health: started, and not crashed since it last joined its group (a crash kafkajs restarts is transient). */
  healthy(): boolean {
    return this.supervisor.healthy();
  }

  /**
   * Its /health check, non-critical: a consumer that is not running degrades the service (its feed waits in Kafka,
   * nothing is lost) but does not take the service out of rotation — the rest of it still works.
   */
  healthCheck(): HealthCheck {
    return {
      name: `consumer:${this.spec.topic}`,
      critical: false,
      check: async () => {
        if (this.healthy()) return;
        const err = this.supervisor.error();
        throw new Error(`${this.spec.topic} consumer (group ${this.spec.groupId}) is not running${err ? `: ${err.message}` : ''}`);
      },
    };
  }

  private async process(topic: string, partition: number, message: KafkaMessage, span?: Span): Promise<void> {
    const ctx = { topic, partition, offset: message.offset };
    const key = message.key?.toString('utf8') ?? null;
    let envelope: EventEnvelope<EventMap[K]>;
    try {
      envelope = await parseMessage(this.spec.topic, key, message.value);
    } catch (e) {
      if (e instanceof PoisonMessageError) return this.deadLetter(message, ctx, e.reason, parseFailureClass(e.reason), span);
      throw e;
    }
    span?.setAttribute('messaging.message.id', envelope.id);
    const attempts = this.spec.attempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.spec.handle(envelope, ctx);
        return;
      } catch (e) {
        if (e instanceof PoisonMessageError) return this.deadLetter(message, ctx, e.reason, 'refused_by_handler', span);
        if (isTransientFailure(e)) {
          // A dependency is down: kafkajs retries from this offset (not committed) until it is back.
          this.logger.warn({ err: e, ...ctx, groupId: this.spec.groupId }, 'message handling failed on a dependency; will retry');
          throw e;
        }
        if (attempt >= attempts) return this.deadLetter(message, ctx, failureReason(e, attempt), 'handler_failed', span);
        this.logger.warn({ err: e, ...ctx, groupId: this.spec.groupId, attempt, of: attempts }, 'message handling failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, (this.spec.retryDelayMs ?? 250) * 2 ** (attempt - 1)));
      }
    }
  }

  private async deadLetter(message: KafkaMessage, ctx: MessageContext, reason: string, reasonClass: DeadLetterReasonClass, span?: Span) {
    span?.setAttributes({ 'huiying.dead_lettered': true, 'huiying.dead_letter.reason_class': reasonClass });
    span?.setStatus({ code: SpanStatusCode.ERROR, message: `dead-lettered: ${reasonClass}` });
    const dlq = deadLetterTopic(this.spec.topic);
    await this.dlqProducer.publishRaw(dlq, [
      {
        key: message.key?.toString('utf8') ?? '',
        value: message.value ?? Buffer.alloc(0),
        headers: {
          [DLQ_HEADERS.reason]: reason.slice(0, 2000),
          [DLQ_HEADERS.sourceTopic]: ctx.topic,
          [DLQ_HEADERS.sourcePartition]: String(ctx.partition),
          [DLQ_HEADERS.sourceOffset]: ctx.offset,
          [DLQ_HEADERS.consumerGroup]: this.spec.groupId,
          [DLQ_HEADERS.failedAt]: new Date().toISOString(),
          // the trace the message belonged to, so a dead letter leads back to it
          ...kafkaTraceHeaders(carrierFromKafkaHeaders(message.headers)),
        },
      },
    ]);
    deadLetterMetric().inc({ topic: ctx.topic, group: this.spec.groupId, reason_class: reasonClass });
    this.logger.warn({ ...ctx, dlq, reason, reasonClass }, 'message dead-lettered');
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    await consumerLagMetrics().untrack(this.spec.groupId, this.spec.topic);
  }
}
