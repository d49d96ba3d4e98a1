import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Subject } from 'rxjs';
import { TOPICS, type CaseStageChangedV1, type EventEnvelope } from '@huiying/contracts';
import { CONSUMER_TIMING, ConsumerSupervisor, parseMessage } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { LedgerConfig } from '../ledger.config';

/**
 * In-process fan-out of cases.events.v1 for gRPC WatchCaseEvents. Its consumer group is unique to this process, so
 * every ledger replica sees every partition (the read-model consumer group splits partitions between replicas); it
 * reads from the latest offset and commits nothing. Invalid messages are skipped here: the read-model consumer
 * dead-letters them.
 */
const RECENT_EVENTS = 5000;

@Injectable()
export class CaseEventHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly events$ = new Subject<EventEnvelope<CaseStageChangedV1>>();
  /**
   * The last RECENT_EVENTS events by case: an event can pass this hub before the read-model consumer (another group)
   * has folded it, so a watcher that reads the stored history replays these too and misses nothing.
   */
  private readonly recentByCase = new Map<string, EventEnvelope<CaseStageChangedV1>[]>();
  private readonly recentOrder: string[] = [];
  private readonly consumer: Consumer;
  private readonly supervisor: ConsumerSupervisor;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: LedgerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const groupId = `${config.LEDGER_CONSUMER_GROUP}-watch-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.consumer = kafka.consumer({ groupId, ...CONSUMER_TIMING });
    this.supervisor = new ConsumerSupervisor(this.consumer, () => this.run(), logger, { groupId });
  }

  async onApplicationBootstrap() {
    await this.supervisor.start();
  }

  private async run() {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: TOPICS.caseEvents, fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 6,
      eachMessage: async ({ message }) => {
        try {
          const envelope = await parseMessage(TOPICS.caseEvents, message.key?.toString('utf8') ?? null, message.value);
          this.remember(envelope);
          this.events$.next(envelope);
        } catch (e) {
          this.logger.debug({ err: e }, 'case event hub skipped an invalid message');
        }
      },
    });
  }

  /** Events of a case that passed recently (possibly not folded into the read model yet). */
  recent(caseId: string): EventEnvelope<CaseStageChangedV1>[] {
    return [...(this.recentByCase.get(caseId) ?? [])];
  }

  private remember(e: EventEnvelope<CaseStageChangedV1>) {
    const list = this.recentByCase.get(e.subject) ?? [];
    list.push(e);
    this.recentByCase.set(e.subject, list);
    this.recentOrder.push(e.subject);
    while (this.recentOrder.length > RECENT_EVENTS) {
      const oldest = this.recentOrder.shift() as string;
      const l = this.recentByCase.get(oldest);
      l?.shift();
      if (l && l.length === 0) this.recentByCase.delete(oldest);
    }
  }

  healthy(): boolean {
    return this.supervisor.healthy();
  }

  /** Before the infrastructure closes: the consumer finishes its message and commits. */
  async beforeApplicationShutdown() {
    this.events$.complete();
    await this.supervisor.stop();
  }
}
