import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Subject } from 'rxjs';
import { TOPICS, type BulletinPublishedV1, type CaseStageChangedV1, type EventEnvelope } from '@huiying/contracts';
import { CONSUMER_TIMING, ConsumerSupervisor, parseMessage } from '@huiying/messaging';
import { KAFKA, LOGGER } from '../infrastructure.module';
import { LedgerConfig } from '../ledger.config';
import { bulletinNoticeEvents, type NoticeCaseFacts } from './bulletin-notice';
import { CaseRepository } from './case.repository';

/**
 * In-process fan-out of cases.events.v1 for gRPC WatchCaseEvents. Its consumer group is unique to this process, so
 * every ledger replica sees every partition (the read-model consumer group splits partitions between replicas); it
 * reads from the latest offset and commits nothing. Invalid messages are skipped here: the read-model consumer
 * dead-letters them.
 *
 * It also consumes ledger.bulletins.published.v1 (so every replica sees every bulletin, whichever replica stored it)
 * and turns each case a bulletin names into a 通报 event of that case (change `bulletin_notice`, sequence 0) with the
 * case's current state from the read model. Those are not remembered in `recent`: the bulletin's entries are stored
 * (ledger.bulletin_notices) before its event is published, so a case watcher reads them from there.
 */
const RECENT_EVENTS = 5000;
/** Read-model look-ups for a bulletin's named cases: attempts, and the first pause (doubled each time). */
const NOTICE_LOOKUP_ATTEMPTS = 4;
const NOTICE_LOOKUP_PAUSE_MS = 250;

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
    private readonly cases: CaseRepository,
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
    await this.consumer.subscribe({ topics: [TOPICS.caseEvents, TOPICS.bulletinPublished], fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 6,
      eachMessage: async ({ topic, message }) => {
        const key = message.key?.toString('utf8') ?? null;
        if (topic === TOPICS.bulletinPublished) return this.onBulletinPublished(key, message.value);
        try {
          const envelope = await parseMessage(TOPICS.caseEvents, key, message.value);
          this.remember(envelope);
          this.events$.next(envelope);
        } catch (e) {
          this.logger.debug({ err: e }, 'case event hub skipped an invalid message');
        }
      },
    });
  }

  /** A published bulletin → a 通报 event for each case it names (the read model gives the case's state). */
  private async onBulletinPublished(key: string | null, value: Buffer | null): Promise<void> {
    let published: EventEnvelope<BulletinPublishedV1>;
    try {
      published = await parseMessage(TOPICS.bulletinPublished, key, value);
    } catch (e) {
      this.logger.debug({ err: e }, 'case event hub skipped an invalid bulletin message');
      return;
    }
    const b = published.data;
    if (!b.namedCases.length) return;
    const facts = await this.caseFactsWithRetry([...new Set(b.namedCases.map((c) => c.caseId))], b.bulletinId);
    if (!facts) return;
    const events = bulletinNoticeEvents(b, facts);
    for (const e of events) this.events$.next(e);
    this.logger.debug({ bulletinId: b.bulletinId, namedCases: b.namedCases.length, delivered: events.length }, 'bulletin notices passed to case watchers');
  }

  /** The commits-nothing consumer cannot re-read a message, so a failing look-up is retried here a few times. */
  private async caseFactsWithRetry(caseIds: string[], bulletinId: string): Promise<Map<string, NoticeCaseFacts> | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.cases.caseFacts(caseIds);
      } catch (e) {
        if (attempt >= NOTICE_LOOKUP_ATTEMPTS) {
          // watchers still find the entries in GetCase / GET /v1/cases/:id and when they watch the case again
          this.logger.warn({ err: e, bulletinId, cases: caseIds.length }, 'bulletin notices not passed to case watchers: the read model did not answer');
          return null;
        }
        await new Promise((r) => setTimeout(r, NOTICE_LOOKUP_PAUSE_MS * 2 ** (attempt - 1)));
      }
    }
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
