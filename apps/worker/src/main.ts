import 'reflect-metadata';
import http from 'node:http';
import { NativeConnection, Worker } from '@temporalio/worker';
import { TASK_QUEUES } from '@huiying/contracts';
import { createKafka, TypedProducer } from '@huiying/messaging';
import { createLogger, kafkaBrokers, loadConfig } from '@huiying/platform';
import { bundleWorkflows, connectionOptions } from '@huiying/temporal';
import { CalendarYearEntity, createDataSource } from '@huiying/persistence';
import { createCaseActivities } from './case-activities';
import { CalendarYearsReader, createDisclosureActivities } from './disclosure-activities';
import { createPublicationActivities } from './publication-activities';
import { WorkerConfig } from './worker.config';

async function main() {
  const config = loadConfig(WorkerConfig);
  const logger = createLogger('worker', config.LOG_LEVEL);
  const producer = new TypedProducer(createKafka({ brokers: kafkaBrokers(config), clientId: `${config.KAFKA_CLIENT_ID_PREFIX}-worker` }, logger));
  await producer.connect();
  // Read-only access to the official calendar years (policy.calendar_years) for the disclosure deadline activity.
  const db = await createDataSource(config, [CalendarYearEntity], 'huiying-worker').initialize();

  const connection = await NativeConnection.connect(connectionOptions(config));
  const workflowBundle = config.WORKFLOW_BUNDLE_PATH
    ? { codePath: config.WORKFLOW_BUNDLE_PATH }
    : await bundleWorkflows(require.resolve('@huiying/workflows/src/index.ts'));
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TASK_QUEUES.cases,
    workflowBundle,
    activities: { ...createCaseActivities(producer, logger), ...createDisclosureActivities(new CalendarYearsReader(db, logger), logger), ...createPublicationActivities(producer, logger) },
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
  });

  const health = http.createServer((req, res) => {
    const ok = worker.getState() === 'RUNNING';
    res.writeHead(req.url === '/health' && ok ? 200 : req.url === '/health' ? 503 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', worker: worker.getState(), taskQueue: TASK_QUEUES.cases }));
  });
  health.listen(config.WORKER_HEALTH_PORT);

  const shutdown = () => worker.shutdown();
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  logger.info({ taskQueue: TASK_QUEUES.cases, namespace: config.TEMPORAL_NAMESPACE, healthPort: config.WORKER_HEALTH_PORT }, 'worker started');
  try {
    await worker.run();
  } finally {
    health.close();
    await producer.disconnect();
    await db.destroy();
    await connection.close();
    logger.info('worker stopped');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
