// The outbox backlog of every relay this process runs, measured when /metrics is scraped, and what the relays did.
import type { Registry } from 'prom-client';
import { counter, gauge, metricsRegistry, sharedMeasurement, withinScrapeTime } from '@huiying/platform';
import type { OutboxBacklog } from './outbox-relay';

/** The part of an OutboxRelay the metrics read. */
export interface MeasuredOutbox {
  readonly table: string;
  backlog(): Promise<OutboxBacklog>;
}

/**
 * - `huiying_outbox_pending_rows{table}` — rows not yet sent to Kafka (returns to 0 when Kafka is there);
 * - `huiying_outbox_oldest_pending_age_seconds{table}` — age of the oldest of them (0 when none): how late events are;
 * - `huiying_outbox_relayed_rows_total{table}`, `huiying_outbox_relay_failures_total{table}` — by this process.
 * A table whose backlog could not be read at the scrape (database down) has no pending/age sample at that scrape.
 */
export class OutboxMetrics {
  private readonly relays = new Set<MeasuredOutbox>();
  private readonly relayedRows;
  private readonly failures;

  constructor(registry: Registry) {
    const measure = sharedMeasurement(async () => {
      pending.reset();
      age.reset();
      await Promise.all(
        [...this.relays].map(async (relay) => {
          try {
            const b = await withinScrapeTime(relay.backlog());
            pending.set({ table: relay.table }, b.pending);
            age.set({ table: relay.table }, b.oldestPendingAgeSeconds);
          } catch {
            // not measurable now (the database is down): no sample rather than a stale one
          }
        }),
      );
    });
    const pending = gauge(registry, { name: 'huiying_outbox_pending_rows', help: 'Outbox rows not yet sent to Kafka', labelNames: ['table'] as const, collect: measure });
    const age = gauge(registry, {
      name: 'huiying_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox row not yet sent to Kafka (0 when none is pending)',
      labelNames: ['table'] as const,
      collect: measure,
    });
    this.relayedRows = counter(registry, { name: 'huiying_outbox_relayed_rows_total', help: 'Outbox rows this process sent to Kafka', labelNames: ['table'] as const });
    this.failures = counter(registry, { name: 'huiying_outbox_relay_failures_total', help: 'Relay rounds of this process that failed (Kafka or the database unavailable)', labelNames: ['table'] as const });
  }

  track(relay: MeasuredOutbox): void {
    this.relays.add(relay);
    this.relayedRows.inc({ table: relay.table }, 0);
    this.failures.inc({ table: relay.table }, 0);
  }

  untrack(relay: MeasuredOutbox): void {
    this.relays.delete(relay);
  }

  relayed(table: string, rows: number): void {
    this.relayedRows.inc({ table }, rows);
  }

  failed(table: string): void {
    this.failures.inc({ table });
  }
}

const perRegistry = new WeakMap<Registry, OutboxMetrics>();

export function outboxMetrics(registry: Registry = metricsRegistry()): OutboxMetrics {
  let m = perRegistry.get(registry);
  if (!m) {
    m = new OutboxMetrics(registry);
    perRegistry.set(registry, m);
  }
  return m;
}
