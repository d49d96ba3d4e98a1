import { type BeforeApplicationShutdown, Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { createLogger, kafkaBrokers, loadConfig } from '@huiying/platform';
import { createDataSource, DisclosureApplicationEntity, FieldCipher, HotlineWorkOrderEntity, HotlineWorkOrderRevisionEntity, IntakeClosedCaseEntity, OutboxEntity, ReportEntity } from '@huiying/persistence';
import { createKafka, OutboxRelay, TypedProducer } from '@huiying/messaging';
import { IntakeConfig } from './intake.config';

export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');

/** Intake's connections: config, logger, Postgres, Kafka producer and the outbox relay. */
@Global()
@Module({
  providers: [
    { provide: IntakeConfig, useFactory: () => loadConfig(IntakeConfig) },
    { provide: LOGGER, useFactory: (c: IntakeConfig) => createLogger('intake', c.LOG_LEVEL), inject: [IntakeConfig] },
    {
      provide: DataSource,
      useFactory: async (c: IntakeConfig) => createDataSource(c, [ReportEntity, OutboxEntity, IntakeClosedCaseEntity, DisclosureApplicationEntity, HotlineWorkOrderEntity, HotlineWorkOrderRevisionEntity], 'huiying-intake').initialize(),
      inject: [IntakeConfig],
    },
    {
      provide: KAFKA,
      useFactory: (c: IntakeConfig, l: Logger) => createKafka({ brokers: kafkaBrokers(c), clientId: `${c.KAFKA_CLIENT_ID_PREFIX}-intake` }, l),
      inject: [IntakeConfig, LOGGER],
    },
    { provide: TypedProducer, useFactory: (k: Kafka) => new TypedProducer(k), inject: [KAFKA] },
    {
      provide: OutboxRelay,
      useFactory: (ds: DataSource, p: TypedProducer, l: Logger, c: IntakeConfig) =>
        new OutboxRelay(ds, p, l, { table: 'intake.outbox', idleDelayMs: c.OUTBOX_POLL_MS }),
      inject: [DataSource, TypedProducer, LOGGER, IntakeConfig],
    },
    { provide: FieldCipher, useFactory: (c: IntakeConfig) => new FieldCipher(c.HUIYING_DATA_KEY), inject: [IntakeConfig] },
  ],
  exports: [IntakeConfig, LOGGER, DataSource, KAFKA, TypedProducer, OutboxRelay, FieldCipher],
})
export class InfrastructureModule implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly producer: TypedProducer,
    private readonly ds: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.relay.start();
    this.logger.info('outbox relay started');
  }

  /** The relay finishes its batch before the producer and the database close. */
  async beforeApplicationShutdown() {
    await this.relay.stop();
  }

  async onApplicationShutdown() {
    await this.producer.disconnect();
    await this.ds.destroy();
  }
}
