import { createMetricsRegistry } from '@huiying/platform';
import { sdkMetricsTelemetry, workerMetrics } from './worker-metrics';

const SDK_TEXT = [
  '# HELP temporal_workflow_task_schedule_to_start_latency Workflow task schedule to start latency',
  '# TYPE temporal_workflow_task_schedule_to_start_latency histogram',
  'temporal_workflow_task_schedule_to_start_latency_count{task_queue="huiying-cases"} 4',
  '# HELP temporal_sticky_cache_size Current number of cached workflows',
  '# TYPE temporal_sticky_cache_size gauge',
  'temporal_sticky_cache_size{task_queue="huiying-cases"} 2',
].join('\n');

describe('the worker\'s /metrics', () => {
  it('serves the process\'s families and the Temporal SDK runtime\'s in one text', async () => {
    const asked: string[] = [];
    const render = workerMetrics(createMetricsRegistry(), 9464, async (url) => (asked.push(url), `${SDK_TEXT}\n`));
    const text = await render();
    expect(asked).toEqual(['http://127.0.0.1:9464/metrics']);
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('huiying_temporal_sdk_metrics_up 1');
    expect(text).toContain('temporal_sticky_cache_size{task_queue="huiying-cases"} 2');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('still serves its own families, with sdk_metrics_up 0, when the SDK exporter does not answer', async () => {
    const text = await workerMetrics(createMetricsRegistry(), 9464, async () => Promise.reject(new Error('ECONNREFUSED')))();
    expect(text).toContain('huiying_temporal_sdk_metrics_up 0');
    expect(text).not.toContain('temporal_sticky_cache_size');
  });

  it('has the runtime export on loopback only, in seconds, counters with _total', () => {
    expect(sdkMetricsTelemetry(9464)).toEqual({ metrics: { prometheus: { bindAddress: '127.0.0.1:9464', countersTotalSuffix: true, useSecondsForDurations: true } } });
  });
});
