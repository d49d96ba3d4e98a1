import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { DLQ_HEADERS, deadLetterTopic, type EventEnvelope, type EventMap, type MappedTopic } from '@huiying/contracts';
import { parseMessage, PoisonMessageError } from './validate-message';
import type { TypedProducer } from './typed-producer';
import { ConsumerSupervisor } from './consumer-supervisor';

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
}

export interface ConsumerSpec<K extends MappedTopic> {
  groupId: string;
  topic: K;
  /** Must be idempotent: a message can be delivered more than once. Throw PoisonMessageError for a message
   * that can never succeed (it is dead-lettered); any other error is retried, never skipped. */
  handle(envelope: EventEnvelope<EventMap[K]>, ctx: MessageContext): Promise<void>;
  /** Partitions processed in parallel (order is kept within a partition, i.e. per case). Default 6. */
  partitionsConcurrently?: number;
}

/**
 * Runs a validated, idempotent consumer: bad messages go to dlq.<topic> with the reason in headers and the
 * consumer carries on; handler failures are retried by kafkajs (offset not committed), so nothing is lost.
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
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      retry: { retries: 8, initialRetryTime: 300 },
    });
    this.supervisor = new ConsumerSupervisor(this.consumer, () => this.run(), logger, { groupId: spec.groupId });
  }

  async start(): Promise<void> {
    await this.dlqProducer.connect();
    await this.supervisor.start();
  }

  private async run(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.spec.topic, fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.spec.partitionsConcurrently ?? 6,
      eachMessage: async ({ topic, partition, message }) => this.process(topic, partition, message),
    });
  }

  /** For /health: started, and not crashed since it last joined its group (a crash kafkajs restarts is transient). */
  healthy(): boolean {
    return this.supervisor.healthy();
  }

  private async process(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    const ctx = { topic, partition, offset: message.offset };
    const key = message.key?.toString('utf8') ?? null;
    let envelope: EventEnvelope<EventMap[K]>;
    try {
      envelope = await parseMessage(this.spec.topic, key, message.value);
      await this.spec.handle(envelope, ctx);
    } catch (e) {
      if (!(e instanceof PoisonMessageError)) {
        this.logger.warn({ err: e, ...ctx, groupId: this.spec.groupId }, 'message handling failed; will retry');
        throw e;
      }
      await this.deadLetter(message, ctx, e.reason);
    }
  }

  private async deadLetter(message: KafkaMessage, ctx: MessageContext, reason: string) {
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
        },
      },
    ]);
    this.logger.warn({ ...ctx, dlq, reason }, 'message dead-lettered');
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
  }
}
