// The worker's GET /metrics: the process's registry (default process metrics, `huiying_temporal_sdk_metrics_up`) and
// the Temporal SDK runtime's families (temporal_*: workflow/activity task latency, slots, sticky cache, polls), which
// the runtime's own exporter serves on 127.0.0.1:WORKER_SDK_METRICS_PORT — one scrape target per worker process.
import type { Registry } from 'prom-client';
import { gauge } from '@huiying/platform';

/** What Runtime.install needs to export the SDK's metrics in Prometheus format (@temporalio/worker 1.24 telemetryOptions). */
export function sdkMetricsTelemetry(port: number) {
  return {
    metrics: {
      // counters end in _total and durations are in seconds, as Prometheus conventions want
      prometheus: { bindAddress: `127.0.0.1:${port}`, countersTotalSuffix: true, useSecondsForDurations: true },
    },
  };
}

export type FetchText = (url: string) => Promise<string>;

const fetchText: FetchText = async (url) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.text();
};

/**
 * The text of one scrape: our families, then the SDK's. When the SDK exporter does not answer, our families still
 * come, with huiying_temporal_sdk_metrics_up 0.
 */
export function workerMetrics(registry: Registry, sdkPort: number, get: FetchText = fetchText): () => Promise<string> {
  const up = gauge(registry, { name: 'huiying_temporal_sdk_metrics_up', help: 'Whether the Temporal SDK runtime\'s metrics were read at this scrape (1) or not (0)' });
  return async () => {
    let sdk = '';
    try {
      sdk = await get(`http://127.0.0.1:${sdkPort}/metrics`);
      up.set(1);
    } catch {
      up.set(0);
    }
    const own = await registry.metrics();
    return sdk.trim() ? `${own}\n${sdk.trimEnd()}\n` : own;
  };
}
