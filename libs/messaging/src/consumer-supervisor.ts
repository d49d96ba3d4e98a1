import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';

export interface SupervisorOptions {
  groupId: string;
  /** First delay before the supervisor restarts a consumer that kafkajs gave up on; doubles up to maxRestartDelayMs. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
}

/** The part of a kafkajs Consumer the supervisor needs (a real Consumer satisfies it). */
export type SupervisedConsumer = Pick<Consumer, 'on' | 'events' | 'disconnect'>;

/**
 * Keeps a kafkajs consumer running and tells /health the truth about it.
 *
 * - A crash kafkajs will restart by itself (restart: true, e.g. "the coordinator is loading" on a freshly started
 *   broker) makes the consumer unhealthy only until it has joined its group again.
 * - A crash kafkajs will not restart (restart: false) is restarted here after a back-off (connect, subscribe, run
 *   again); offsets were not committed for unprocessed messages, so nothing is lost. It stays unhealthy until it joins.
 */
export class ConsumerSupervisor {
  /** Joined its group at least once since start (set by GROUP_JOIN). */
  private joined = false;
  private stopped = false;
  /** Set by a crash, cleared when the consumer joins its group again. */
  private lastError?: Error;
  private restartTimer?: NodeJS.Timeout;
  private nextDelay: number;
  private readonly minDelay: number;
  private readonly maxDelay: number;

  constructor(
    private readonly consumer: SupervisedConsumer,
    /** connect + subscribe + run; called once by start() and again after every crash kafkajs does not restart. */
    private readonly run: () => Promise<void>,
    private readonly logger: Logger,
    private readonly options: SupervisorOptions,
  ) {
    this.minDelay = options.restartDelayMs ?? 1000;
    this.maxDelay = options.maxRestartDelayMs ?? 60_000;
    this.nextDelay = this.minDelay;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      if (this.lastError) this.logger.info({ groupId: options.groupId }, 'consumer rejoined its group after a crash');
      this.lastError = undefined;
      this.nextDelay = this.minDelay;
    });
    consumer.on(consumer.events.CRASH, (e) => {
      const { error, restart } = e.payload;
      this.lastError = error;
      if (this.stopped) return;
      if (restart) {
        this.logger.warn({ err: error, groupId: options.groupId }, 'consumer crashed; kafkajs restarts it');
        return;
      }
      this.logger.error(
        { err: error, groupId: options.groupId, restartInMs: this.nextDelay },
        'consumer crashed and kafkajs gave up; restarting it',
      );
      this.scheduleRestart();
    });
  }

  /**
   * Connects, subscribes and runs. Never throws: a first start that fails (broker unreachable) is retried with the
   * same back-off as a crash, so a service can open its HTTP port and serve while its consumers are still joining.
   */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.run();
    } catch (err) {
      this.lastError = err as Error;
      this.logger.error({ err, groupId: this.options.groupId, restartInMs: this.nextDelay }, 'consumer start failed; retrying');
      this.scheduleRestart();
    }
  }

  /** For /health: joined its group, not stopped, and not crashed since it last joined. */
  healthy(): boolean {
    return this.joined && !this.stopped && !this.lastError;
  }

  /** The crash the consumer has not recovered from yet, if any (for /health details). */
  error(): Error | undefined {
    return this.lastError;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    await this.consumer.disconnect();
  }

  private scheduleRestart() {
    if (this.restartTimer) return;
    const delay = this.nextDelay;
    this.nextDelay = Math.min(this.nextDelay * 2, this.maxDelay);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart();
    }, delay);
    this.restartTimer.unref();
  }

  private async restart() {
    if (this.stopped) return;
    try {
      await this.consumer.disconnect().catch(() => undefined);
      await this.run();
    } catch (err) {
      this.lastError = err as Error;
      this.logger.error({ err, groupId: this.options.groupId, restartInMs: this.nextDelay }, 'consumer restart failed');
      this.scheduleRestart();
    }
  }
}
