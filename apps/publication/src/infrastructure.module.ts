import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { createLogger, kafkaBrokers, loadConfig } from '@huiying/platform';
import { createDataSource } from '@huiying/persistence';
import { createKafka, TypedProducer } from '@huiying/messaging';
import { PublicationConfig } from './publication.config';

export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');

/** Publication's connections: config, logger, Postgres (publication schema, raw SQL in the repositories), Kafka. */
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
  ],
  exports: [PublicationConfig, LOGGER, DataSource, KAFKA, TypedProducer],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    private readonly producer: TypedProducer,
    private readonly ds: DataSource,
  ) {}

  async onApplicationShutdown() {
    await this.producer.disconnect();
    await this.ds.destroy();
  }
}
