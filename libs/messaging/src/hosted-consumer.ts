import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { HealthCheck } from '@huiying/platform';
import type { MappedTopic } from '@huiying/contracts';
import type { TypedProducer } from './typed-producer';
import { ValidatingConsumer, type ConsumerSpec } from './consumer';

/**
 * The apps' consumer providers in one place: a ValidatingConsumer started (in the background) when the application has booted and
 * stopped when it shuts down (Nest calls onApplicationBootstrap / beforeApplicationShutdown on providers), with its
 * health for /health. A provider only names its group, topic and the service method it hands each message to:
 *
 *   @Injectable()
 *   export class CaseEventsConsumer extends HostedConsumer<typeof TOPICS.caseEvents> {
 *     constructor(@Inject(KAFKA) kafka: Kafka, producer: TypedProducer, service: X, @Inject(LOGGER) logger: Logger) {
 *       super(kafka, { groupId: 'x-cases', topic: TOPICS.caseEvents, handle: (env) => service.onCaseEvent(env) }, producer, logger);
 *     }
 *   }
 */
export abstract class HostedConsumer<K extends MappedTopic> {
  readonly consumer: ValidatingConsumer<K>;

  protected constructor(kafka: Kafka, spec: ConsumerSpec<K>, producer: TypedProducer, logger: Logger) {
    this.consumer = new ValidatingConsumer(kafka, spec, producer, logger);
  }

  /** Starts in the background: the service opens its ports at once and /health says when the consumer has joined. */
  onApplicationBootstrap(): void {
    void this.consumer.start();
  }

  /**
   * Stops on SIGTERM before the infrastructure closes (Nest runs every beforeApplicationShutdown, then closes the HTTP
   * server, then runs onApplicationShutdown, where the database and producer close): the message in hand finishes
   * and its offset is committed, so a restart neither loses nor dead-letters it.
   */
  beforeApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }

  healthy(): boolean {
    return this.consumer.healthy();
  }

  /** For HealthModule.register: see ValidatingConsumer.healthCheck. */
  healthCheck(): HealthCheck {
    return this.consumer.healthCheck();
  }
}
