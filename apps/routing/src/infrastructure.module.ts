import { type BeforeApplicationShutdown, Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Client, Connection } from '@temporalio/client';
import { createLogger, kafkaBrokers, loadConfig } from '@huiying/platform';
import {
  CalendarSignalEntity,
  CalendarSweepEntity,
  CalendarYearEntity,
  CalendarYearLoadEntity,
  CaseRouteEntity,
  createDataSource,
  PolicyOutboxEntity,
  PolicyVersionEntity,
} from '@huiying/persistence';
import { createKafka, OutboxRelay, TypedProducer } from '@huiying/messaging';
import { createTemporalClient, workflowClient } from '@huiying/temporal';
import { RoutingConfig } from './routing.config';

export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');
/** Relays policy.outbox (calendar.updated.v1) to Kafka. */
export const POLICY_OUTBOX_RELAY = Symbol('POLICY_OUTBOX_RELAY');

const ENTITIES = [CaseRouteEntity, CalendarSignalEntity, CalendarSweepEntity, CalendarYearEntity, CalendarYearLoadEntity, PolicyVersionEntity, PolicyOutboxEntity];

@Global()
@Module({
  providers: [
    { provide: RoutingConfig, useFactory: () => loadConfig(RoutingConfig) },
    { provide: LOGGER, useFactory: (c: RoutingConfig) => createLogger('routing', c.LOG_LEVEL), inject: [RoutingConfig] },
    {
      provide: DataSource,
      useFactory: (c: RoutingConfig) => createDataSource(c, ENTITIES, 'huiying-routing').initialize(),
      inject: [RoutingConfig],
    },
    {
      provide: KAFKA,
      useFactory: (c: RoutingConfig, l: Logger) => createKafka({ brokers: kafkaBrokers(c), clientId: `${c.KAFKA_CLIENT_ID_PREFIX}-routing` }, l),
      inject: [RoutingConfig, LOGGER],
    },
    { provide: TypedProducer, useFactory: (k: Kafka) => new TypedProducer(k), inject: [KAFKA] },
    {
      provide: POLICY_OUTBOX_RELAY,
      useFactory: (ds: DataSource, p: TypedProducer, l: Logger, c: RoutingConfig) =>
        new OutboxRelay(ds, p, l, { table: 'policy.outbox', idleDelayMs: c.OUTBOX_POLL_MS }),
      inject: [DataSource, TypedProducer, LOGGER, RoutingConfig],
    },
    {
      provide: Connection,
      useFactory: async (c: RoutingConfig) => (await createTemporalClient(c)).connection,
      inject: [RoutingConfig],
    },
    {
      provide: Client,
      useFactory: (conn: Connection, c: RoutingConfig) => workflowClient(conn, c.TEMPORAL_NAMESPACE),
      inject: [Connection, RoutingConfig],
    },
  ],
  exports: [RoutingConfig, LOGGER, DataSource, KAFKA, TypedProducer, POLICY_OUTBOX_RELAY, Connection, Client],
})
export class InfrastructureModule implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly producer: TypedProducer,
    private readonly ds: DataSource,
    private readonly connection: Connection,
    @Inject(POLICY_OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.relay.start();
    this.logger.info('policy outbox relay started');
  }

  /** The relay finishes its batch before the producer and the database close. */
  async beforeApplicationShutdown() {
    await this.relay.stop();
  }

  async onApplicationShutdown() {
    await this.producer.disconnect();
    await this.connection.close();
    await this.ds.destroy();
  }
}
