// Kafka consumer lag of every consumer group this process runs, measured when /metrics is scraped.
import type { Admin, Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { gauge, metricsRegistry, sharedMeasurement, withinScrapeTime } from '@huiying/platform';
import { consumerLag } from './consumer-lag';

interface Tracked {
  kafka: Kafka;
  groupId: string;
  topic: string;
}

/**
 * `huiying_kafka_consumer_lag{group,topic,partition}` (high watermark minus committed offset) for each (group, topic)
 * a ValidatingConsumer of this process consumes, and `huiying_kafka_consumer_lag_up{group,topic}`: 1 when the lag
 * was measured at this scrape, 0 when Kafka did not answer in time (the lag series are then absent, not stale).
 */
export class ConsumerLagMetrics {
  private readonly tracked = new Map<string, Tracked>();
  private readonly admins = new Map<Kafka, Promise<Admin>>();

  constructor(registry: Registry) {
    const measure = sharedMeasurement(async () => {
      lag.reset();
      up.reset();
      await Promise.all(
        [...this.tracked.values()].map(async (t) => {
          try {
            const partitions = await withinScrapeTime(this.admin(t.kafka).then((admin) => consumerLag(admin, t.groupId, t.topic)));
            for (const p of partitions) lag.set({ group: p.groupId, topic: p.topic, partition: String(p.partition) }, p.lag);
            up.set({ group: t.groupId, topic: t.topic }, 1);
          } catch {
            up.set({ group: t.groupId, topic: t.topic }, 0);
          }
        }),
      );
    });
    const lag = gauge(registry, {
      name: 'huiying_kafka_consumer_lag',
      help: 'Messages waiting in Kafka for the consumer group (high watermark minus committed offset), per partition',
      labelNames: ['group', 'topic', 'partition'] as const,
      collect: measure,
    });
    const up = gauge(registry, {
      name: 'huiying_kafka_consumer_lag_up',
      help: 'Whether the consumer lag of the group could be measured at this scrape (1) or Kafka did not answer (0)',
      labelNames: ['group', 'topic'] as const,
      collect: measure,
    });
  }

  track(kafka: Kafka, groupId: string, topic: string): void {
    this.tracked.set(`${groupId}\u0000${topic}`, { kafka, groupId, topic });
  }

  /** Stops measuring the group; the admin client of its Kafka is closed when no group of that client is left. */
  async untrack(groupId: string, topic: string): Promise<void> {
    const t = this.tracked.get(`${groupId}\u0000${topic}`);
    if (!t) return;
    this.tracked.delete(`${groupId}\u0000${topic}`);
    if ([...this.tracked.values()].some((o) => o.kafka === t.kafka)) return;
    const admin = this.admins.get(t.kafka);
    this.admins.delete(t.kafka);
    await (await admin?.catch(() => undefined))?.disconnect();
  }

  private admin(kafka: Kafka): Promise<Admin> {
    let admin = this.admins.get(kafka);
    if (!admin) {
      admin = (async () => {
        const a = kafka.admin();
        await a.connect();
        return a;
      })();
      // a failed connection is forgotten, so the next scrape tries again
      admin.catch(() => this.admins.delete(kafka));
      this.admins.set(kafka, admin);
    }
    return admin;
  }
}

const perRegistry = new WeakMap<Registry, ConsumerLagMetrics>();

/** The lag metrics of a registry (the process's by default), created once. */
export function consumerLagMetrics(registry: Registry = metricsRegistry()): ConsumerLagMetrics {
  let m = perRegistry.get(registry);
  if (!m) {
    m = new ConsumerLagMetrics(registry);
    perRegistry.set(registry, m);
  }
  return m;
}
