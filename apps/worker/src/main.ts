import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { TASK_QUEUES } from '@huiying/contracts';
import { createKafka, TypedProducer } from '@huiying/messaging';
import { createLogger, kafkaBrokers, labelProcessMetrics, loadConfig, metricsRegistry, PROMETHEUS_CONTENT_TYPE, startTracing } from '@huiying/platform';
import { bundleWorkflows, connectionOptions, tracingWorkerInterceptors, workflowTraceSinks } from '@huiying/temporal';
import { createCaseActivities } from './case-activities';
import { createDisclosureActivities } from './disclosure-activities';
import { RoutingCalendarClient } from './official-calendar';
import { createPublicationActivities } from './publication-activities';
import { WorkerConfig } from './worker.config';
import { sdkMetricsTelemetry, workerMetrics } from './worker-metrics';

async function main() {
  const tracing = startTracing('worker'); // first: traces (README → Traces)
  const config = loadConfig(WorkerConfig);
  const logger = createLogger('worker', config.LOG_LEVEL);
  // /health/live (liveness) answers from the start; /health (readiness) only once the worker polls its task queue.
  const started: { worker?: Worker } = {};
  // the SDK's metrics (task latency, slots, sticky cache) are exported by its runtime, installed before any connection
  Runtime.install({ telemetryOptions: sdkMetricsTelemetry(config.WORKER_SDK_METRICS_PORT) });
  const registry = metricsRegistry();
  labelProcessMetrics('worker', registry);
  const metrics = workerMetrics(registry, config.WORKER_SDK_METRICS_PORT);
  const health = http.createServer((req, res) => {
    const state = started.worker?.getState() ?? 'STARTING';
    const ok = state === 'RUNNING';
    const path = req.url?.split('?')[0];
    if (path === '/metrics') {
      metrics().then(
        (text) => res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE }).end(text),
        (err: unknown) => {
          logger.error({ err }, 'metrics not rendered');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics not rendered\n');
        },
      );
      return;
    }
    if (path === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'alive' }));
      return;
    }
    res.writeHead(path === '/health' ? (ok ? 200 : 503) : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', worker: state, taskQueue: TASK_QUEUES.cases }));
  });
  health.listen(config.WORKER_HEALTH_PORT);

  // connects on first use (and again after a failed attempt): a broker that is down fails the activity, which Temporal retries
  const producer = new TypedProducer(createKafka({ brokers: kafkaBrokers(config), clientId: `${config.KAFKA_CLIENT_ID_PREFIX}-worker` }, logger));
  // The official calendar comes from routing, which owns it (no reading of routing's tables).
  const apiKey = config.WORKER_API_KEY ?? readFileSync(config.WORKER_API_KEY_FILE as string, 'utf8').trim();
  const calendar = new RoutingCalendarClient(config.ROUTING_URL, apiKey, logger);

  const connection = await NativeConnection.connect(connectionOptions(config));
  const workflowBundle = config.WORKFLOW_BUNDLE_PATH
    ? { codePath: config.WORKFLOW_BUNDLE_PATH }
    : await bundleWorkflows(require.resolve('@huiying/workflows/src/index.ts'));
  const created = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TASK_QUEUES.cases,
    workflowBundle,
    activities: { ...createCaseActivities(producer, logger), ...createDisclosureActivities(calendar, logger), ...createPublicationActivities(producer, logger) },
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    // traces (README → Traces): activities in spans continuing their workflow's; the workflow's own spans (the bundle
    // has the SDK's OpenTelemetry workflow interceptors) come out through the `exporter` sink
    interceptors: tracingWorkerInterceptors(),
    sinks: workflowTraceSinks(tracing.spanProcessor, tracing.resource),
  });

  started.worker = created;
  const shutdown = () => created.shutdown();
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  logger.info({ taskQueue: TASK_QUEUES.cases, namespace: config.TEMPORAL_NAMESPACE, healthPort: config.WORKER_HEALTH_PORT, sdkMetricsPort: config.WORKER_SDK_METRICS_PORT }, 'worker started; metrics at /metrics');
  try {
    await created.run();
  } finally {
    health.close();
    await producer.disconnect();
    await connection.close();
    logger.info('worker stopped');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
