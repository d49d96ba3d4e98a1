import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Client, Connection } from '@temporalio/client';
import { createLogger, kafkaBrokers, loadConfig } from '@huiying/platform';
import { createDataSource, FieldCipher } from '@huiying/persistence';
import { createKafka, TypedProducer } from '@huiying/messaging';
import { createTemporalClient, workflowClient } from '@huiying/temporal';
import { PublicationConfig } from './publication.config';

export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');

/** Publication's connections: config, logger, Postgres (publication schema, raw SQL in the repositories), Kafka, Temporal. */
@Global()
@Module({
  providers: [
    { provide: PublicationConfig, useFactory: () => loadConfig(PublicationConfig) },
    { provide: LOGGER, useFactory: (c: PublicationConfig) => createLogger('publication', c.LOG_LEVEL), inject: [PublicationConfig] },
    {
      provide: DataSource,
      useFactory: (c: PublicationConfig) => createDataSource(c, [], 'huiying-publication').initialize(),
      inject: [PublicationConfig],
    },
    {
      provide: KAFKA,
      useFactory: (c: PublicationConfig, l: Logger) => createKafka({ brokers: kafkaBrokers(c), clientId: `${c.KAFKA_CLIENT_ID_PREFIX}-publication` }, l),
      inject: [PublicationConfig, LOGGER],
    },
    { provide: TypedProducer, useFactory: (k: Kafka) => new TypedProducer(k), inject: [KAFKA] },
    { provide: FieldCipher, useFactory: (c: PublicationConfig) => new FieldCipher(c.HUIYING_DATA_KEY), inject: [PublicationConfig] },
    {
      provide: Connection,
      useFactory: async (c: PublicationConfig) => (await createTemporalClient(c)).connection,
      inject: [PublicationConfig],
    },
    {
      provide: Client,
      useFactory: (conn: Connection, c: PublicationConfig) => workflowClient(conn, c.TEMPORAL_NAMESPACE),
      inject: [Connection, PublicationConfig],
    },
  ],
  exports: [PublicationConfig, LOGGER, DataSource, KAFKA, TypedProducer, FieldCipher, Connection, Client],
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
