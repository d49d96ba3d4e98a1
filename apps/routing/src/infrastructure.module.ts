import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Client, Connection } from '@temporalio/client';
import { createLogger, kafkaBrokers, loadConfig } from '@huiying/platform';
import { CaseRouteEntity, createDataSource } from '@huiying/persistence';
import { createKafka, TypedProducer } from '@huiying/messaging';
import { createTemporalClient } from '@huiying/temporal';
import { RoutingConfig } from './routing.config';

export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');

@Global()
@Module({
  providers: [
    { provide: RoutingConfig, useFactory: () => loadConfig(RoutingConfig) },
    { provide: LOGGER, useFactory: (c: RoutingConfig) => createLogger('routing', c.LOG_LEVEL), inject: [RoutingConfig] },
    {
      provide: DataSource,
      useFactory: (c: RoutingConfig) => createDataSource(c, [CaseRouteEntity], 'huiying-routing').initialize(),
      inject: [RoutingConfig],
    },
    {
      provide: KAFKA,
      useFactory: (c: RoutingConfig, l: Logger) => createKafka({ brokers: kafkaBrokers(c), clientId: `${c.KAFKA_CLIENT_ID_PREFIX}-routing` }, l),
      inject: [RoutingConfig, LOGGER],
    },
    { provide: TypedProducer, useFactory: (k: Kafka) => new TypedProducer(k), inject: [KAFKA] },
    {
      provide: Connection,
      useFactory: async (c: RoutingConfig) => (await createTemporalClient(c)).connection,
      inject: [RoutingConfig],
    },
    {
      provide: Client,
      useFactory: (conn: Connection, c: RoutingConfig) => new Client({ connection: conn, namespace: c.TEMPORAL_NAMESPACE }),
      inject: [Connection, RoutingConfig],
    },
  ],
  exports: [RoutingConfig, LOGGER, DataSource, KAFKA, TypedProducer, Connection, Client],
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
