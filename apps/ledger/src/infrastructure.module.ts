import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { createLogger, kafkaBrokers, loadConfig } from '@huiying/platform';
import { LedgerCaseEntity, LedgerCaseHistoryEntity, createDataSource } from '@huiying/persistence';
import { createKafka, TypedProducer } from '@huiying/messaging';
import { LedgerConfig } from './ledger.config';

export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');

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
  ],
  exports: [LedgerConfig, LOGGER, DataSource, KAFKA, TypedProducer],
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
