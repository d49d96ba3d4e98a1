import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPICS } from '@huiying/contracts';
import { HostedConsumer, TypedProducer } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { LetterService } from './letter.service';

/** Consumes publication.requested.v1 (reply letters and notices); a one-line hand-off to LetterService. Poison → dlq with the reason. */
@Injectable()
export class ReplyLetterConsumer extends HostedConsumer<typeof TOPICS.publicationRequested> {
  constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, config: PublicationConfig, service: LetterService, @Inject(LOGGER) logger: Logger) {
    super(kafka, { groupId: config.PUBLICATION_CONSUMER_GROUP, topic: TOPICS.publicationRequested, handle: (env) => service.onRequested(env) }, producer, logger);
  }
}
