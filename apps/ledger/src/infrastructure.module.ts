import { Global, Inject, Module, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Client, Connection } from '@temporalio/client';
import { createLogger, kafkaBrokers, loadConfig } from '@huiying/platform';
import { LedgerCaseEntity, LedgerCaseHistoryEntity, createDataSource } from '@huiying/persistence';
import { createKafka, OutboxRelay, TypedProducer } from '@huiying/messaging';
import { createTemporalClient, workflowClient } from '@huiying/temporal';
import { LedgerConfig } from './ledger.config';

export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');
/** The ledger's outbox relay (ledger.outbox → Kafka: ledger.bulletins.published.v1). */
export const LEDGER_OUTBOX_RELAY = Symbol('LEDGER_OUTBOX_RELAY');

@Global()
@Module({
  providers: [
    { provide: LedgerConfig, useFactory: () => loadConfig(LedgerConfig) },
    { provide: LOGGER, useFactory: (c: LedgerConfig) => createLogger('ledger', c.LOG_LEVEL), inject: [LedgerConfig] },
    {
      provide: DataSource,
      useFactory: (c: LedgerConfig) => createDataSource(c, [LedgerCaseEntity, LedgerCaseHistoryEntity], 'huiying-ledger').initialize(),
      inject: [LedgerConfig],
    },
    {
      provide: KAFKA,
      useFactory: (c: LedgerConfig, l: Logger) => createKafka({ brokers: kafkaBrokers(c), clientId: `${c.KAFKA_CLIENT_ID_PREFIX}-ledger` }, l),
      inject: [LedgerConfig, LOGGER],
    },
    { provide: TypedProducer, useFactory: (k: Kafka) => new TypedProducer(k), inject: [KAFKA] },
    {
      provide: LEDGER_OUTBOX_RELAY,
      useFactory: (ds: DataSource, p: TypedProducer, l: Logger, c: LedgerConfig) => new OutboxRelay(ds, p, l, { table: 'ledger.outbox', idleDelayMs: c.OUTBOX_POLL_MS }),
      inject: [DataSource, TypedProducer, LOGGER, LedgerConfig],
    },
    // Temporal: close / follow-up / evaluation are updates of the case workflow
    { provide: Connection, useFactory: async (c: LedgerConfig) => (await createTemporalClient(c)).connection, inject: [LedgerConfig] },
    { provide: Client, useFactory: (conn: Connection, c: LedgerConfig) => workflowClient(conn, c.TEMPORAL_NAMESPACE), inject: [Connection, LedgerConfig] },
  ],
  exports: [LedgerConfig, LOGGER, DataSource, KAFKA, TypedProducer, LEDGER_OUTBOX_RELAY, Connection, Client],
})
export class InfrastructureModule implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly producer: TypedProducer,
    private readonly ds: DataSource,
    private readonly connection: Connection,
    @Inject(LEDGER_OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  onModuleInit() {
    this.relay.start();
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
