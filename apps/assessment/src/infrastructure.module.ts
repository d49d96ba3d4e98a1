import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Client, Connection } from '@temporalio/client';
import { createLogger, kafkaBrokers, loadConfig } from '@huiying/platform';
import { AssessmentCaseEntity, AssessmentCaseReportEntity, AssessmentDecisionEntity, AssessmentEntity, createDataSource } from '@huiying/persistence';
import { createKafka, TypedProducer } from '@huiying/messaging';
import { createTemporalClient, workflowClient } from '@huiying/temporal';
import { AssessmentConfig } from './assessment.config';

export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');

const ENTITIES = [AssessmentCaseReportEntity, AssessmentCaseEntity, AssessmentEntity, AssessmentDecisionEntity];

@Global()
@Module({
  providers: [
    { provide: AssessmentConfig, useFactory: () => loadConfig(AssessmentConfig) },
    { provide: LOGGER, useFactory: (c: AssessmentConfig) => createLogger('assessment', c.LOG_LEVEL), inject: [AssessmentConfig] },
    {
      provide: DataSource,
      useFactory: (c: AssessmentConfig) => createDataSource(c, ENTITIES, 'huiying-assessment').initialize(),
      inject: [AssessmentConfig],
    },
    {
      provide: KAFKA,
      useFactory: (c: AssessmentConfig, l: Logger) => createKafka({ brokers: kafkaBrokers(c), clientId: `${c.KAFKA_CLIENT_ID_PREFIX}-assessment` }, l),
      inject: [AssessmentConfig, LOGGER],
    },
    /** Dead-letters poison messages of the consumers. */
    { provide: TypedProducer, useFactory: (k: Kafka) => new TypedProducer(k), inject: [KAFKA] },
    {
      provide: Connection,
      useFactory: async (c: AssessmentConfig) => (await createTemporalClient(c)).connection,
      inject: [AssessmentConfig],
    },
    {
      provide: Client,
      useFactory: (conn: Connection, c: AssessmentConfig) => workflowClient(conn, c.TEMPORAL_NAMESPACE),
      inject: [Connection, AssessmentConfig],
    },
  ],
  exports: [AssessmentConfig, LOGGER, DataSource, KAFKA, TypedProducer, Connection, Client],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    private readonly producer: TypedProducer,
    private readonly ds: DataSource,
    private readonly connection: Connection,
  ) {}

  async onApplicationShutdown() {
    await this.producer.disconnect();
    await this.connection.close();
    await this.ds.destroy();
  }
}
