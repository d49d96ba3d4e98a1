// Prometheus metrics (prom-client), one registry per process: every service and the worker serve it at GET /metrics
// (metrics.module.ts; the worker from its own small HTTP server). Label values are codes (route templates, topics,
// stages, departments), never personal data or raw URLs, so every family stays small (README → Metrics).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from 'prom-client';

export type { Registry } from 'prom-client';

/** Content type of the Prometheus text format (0.0.4), as prom-client renders it. */
export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** A new registry with the default process metrics (CPU, memory, heap, event-loop lag, GC, handles). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

let processRegistry: Registry | undefined;

/** The process's one registry: everything a service measures is registered here and served at /metrics. */
export function metricsRegistry(): Registry {
  processRegistry ??= createMetricsRegistry();
  return processRegistry;
}

/** Labels every series of the process's registry with the service name (`service="intake"`). */
export function labelProcessMetrics(service: string, registry: Registry = metricsRegistry()): void {
  registry.setDefaultLabels({ service });
}

type Named<T> = Omit<T, 'registers'>;

/**
 * The counter of that name in the registry, created on first use: a family is declared once per process even when
 * several instances of a class (two consumers, two relays) record into it.
 */
export function counter<L extends string>(registry: Registry, config: Named<CounterConfiguration<L>>): Counter<L> {
  return (registry.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter<L>({ ...config, registers: [registry] });
}

export function gauge<L extends string>(registry: Registry, config: Named<GaugeConfiguration<L>>): Gauge<L> {
  return (registry.getSingleMetric(config.name) as Gauge<L> | undefined) ?? new Gauge<L>({ ...config, registers: [registry] });
}

export function histogram<L extends string>(registry: Registry, config: Named<HistogramConfiguration<L>>): Histogram<L> {
  return (registry.getSingleMetric(config.name) as Histogram<L> | undefined) ?? new Histogram<L>({ ...config, registers: [registry] });
}

/**
 * Runs a scrape-time measurement (a query, a broker call) bounded in time, so a dependency that hangs never holds the
 * scrape: rejects after `ms`.
 */
export async function withinScrapeTime<T>(work: Promise<T>, ms = 2500): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`metric not measured within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * One measurement shared by the families it fills: prom-client collects every family of a scrape concurrently, so
 * two gauges measured by one query each call this and get the same run (started by the first, reused while it runs).
 */
export function sharedMeasurement(measure: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= measure().finally(() => {
      running = undefined;
    });
    return running;
  };
}
