import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import type { ChannelAdapter } from './channels/channel-adapter';
import { DeliveryRunner } from './delivery-runner';
import { ResponsesRepository } from './responses.repository';
import { WorkflowResponseRecorder } from './workflow-recorder';

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');

/**
 * Runs the delivery loop in this process. The table drives it: after a restart whatever is pending (or leased by a
 * process that died) is picked up again, so nothing accepted is lost. Several instances share the work (SKIP LOCKED).
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runner: DeliveryRunner;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastPassAt = 0;

  constructor(
    repo: ResponsesRepository,
    recorder: WorkflowResponseRecorder,
    @Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[],
    private readonly config: PublicationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.runner = new DeliveryRunner(
      repo,
      adapters,
      recorder,
      {
        maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
        baseMs: config.DELIVERY_BACKOFF_BASE_MS,
        maxMs: config.DELIVERY_BACKOFF_MAX_MS,
        leaseMs: config.DELIVERY_LEASE_MS,
        batchSize: 20,
      },
      () => new Date(),
      (what, e) => this.logger.warn({ err: e }, `delivery worker: ${what} failed, will retry`),
    );
  }

  onApplicationBootstrap() {
    this.running = true;
    this.loop = this.run();
    this.logger.info('delivery worker started');
  }

  /** Before the infrastructure closes (onApplicationShutdown): the pass under way finishes with its database. */
  async beforeApplicationShutdown() {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** New work: run a pass now instead of at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  /** For /health: the loop is alive and has passed recently. */
  healthy(): boolean {
    return this.running && Date.now() - this.lastPassAt < Math.max(30000, this.config.DELIVERY_POLL_MS * 20);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let busy = false;
      try {
        const done = await this.runner.runOnce();
        busy = done.attempts + done.recordings > 0;
        failures = 0;
      } catch (e) {
        failures++;
        this.logger.error({ err: e }, 'delivery pass failed');
      }
      this.lastPassAt = Date.now();
      if (busy || !this.running) continue;
      const delay = failures ? Math.min(30000, this.config.DELIVERY_POLL_MS * 2 ** failures) : this.config.DELIVERY_POLL_MS;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
