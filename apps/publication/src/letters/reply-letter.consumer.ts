import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { TypedProducer, ValidatingConsumer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { LetterService } from './letter.service';

/** Consumes publication.requested.v1 (reply letters); a one-line hand-off to LetterService. Poison → dlq with the reason. */
@Injectable()
export class ReplyLetterConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly consumer: ValidatingConsumer<typeof TOPICS.publicationRequested>;

  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: PublicationConfig, service: LetterService, @Inject(LOGGER) logger: Logger) {
    this.consumer = new ValidatingConsumer(
      kafka,
      { groupId: config.PUBLICATION_CONSUMER_GROUP, topic: TOPICS.publicationRequested, handle: (env) => service.onRequested(env) },
      producer,
      logger,
    );
  }

  onApplicationBootstrap() {
    return this.consumer.start();
  }

  onApplicationShutdown() {
    return this.consumer.stop();
  }
}
