import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import { context } from '@opentelemetry/api';
import type { EventEnvelope, EventMap, MappedTopic } from '@huiying/contracts';
import { endProducerSpans, startProducerSpan } from './trace-propagation';

/** An idempotent producer that only accepts the payload type mapped to a topic. */
export class TypedProducer {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  /** Connects once; a failed attempt (broker down at start) is forgotten so the next publish tries again. */
  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((e: unknown) => {
      this.connected = undefined;
      throw e;
    });
    return this.connected;
  }

  /**
   * Resolves only after every in-sync replica acknowledged the message. Inside a traced span (an activity, a consumer)
   * the message is sent in a PRODUCER span whose context its `traceparent` header carries (README → Traces).
   */
  async publish<K extends MappedTopic>(topic: K, envelope: EventEnvelope<EventMap[K]>): Promise<void> {
    await this.publishAll(topic, [envelope]);
  }

  /**
   * Several messages in one send (one request per partition), in the order given: messages with the same key land on
   * one partition in that order. Each has its own PRODUCER span, as publish() gives it.
   */
  async publishAll<K extends MappedTopic>(topic: K, envelopes: readonly EventEnvelope<EventMap[K]>[]): Promise<void> {
    if (!envelopes.length) return;
    const parent = context.active();
    const traced = envelopes.map((e) => startProducerSpan(topic, parent, { eventId: e.id, key: e.subject }));
    try {
      await this.publishRaw(
        topic,
        envelopes.map((e, i) => {
          const t = traced[i];
          return { key: e.subject, value: JSON.stringify(e), ...(t ? { headers: t.headers } : {}) };
        }),
      );
    } catch (e) {
      endProducerSpans(traced, e);
      throw e;
    }
    endProducerSpans(traced);
  }

  async publishRaw(topic: string, messages: { key: string; value: string | Buffer; headers?: Record<string, string> }[]) {
    await this.connect();
    await this.producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
