import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../infrastructure.module';
import { PublicationConfig } from '../publication.config';
import { HotlineReplyDeliveriesRepository } from './hotline-reply-deliveries.repository';
import { fetchWebhookPoster, ReplyWebhookRunner } from './reply-webhook.runner';

/**
 * Runs the webhook's delivery loop in this process when a webhook is configured (HOTLINE_REPLY_WEBHOOK_URL). The table
 * drives it, so after a restart whatever is pending (or leased by a process that died) is sent again; several
 * instances share the work (SKIP LOCKED). Polls every DELIVERY_POLL_MS; a new delivery or a resend nudges it at once.
 */
@Injectable()
export class ReplyWebhookWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runner: ReplyWebhookRunner | null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pending = false;
  private lastPassAt = 0;

  constructor(
    repo: HotlineReplyDeliveriesRepository,
    private readonly config: PublicationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const url = config.HOTLINE_REPLY_WEBHOOK_URL;
    const secret = config.HOTLINE_REPLY_WEBHOOK_SECRET;
    this.runner =
      url && secret
        ? new ReplyWebhookRunner(
            repo,
            fetchWebhookPoster,
            {
              url,
              secret,
              timeoutMs: config.HOTLINE_REPLY_WEBHOOK_TIMEOUT_MS,
              baseMs: config.HOTLINE_REPLY_WEBHOOK_BACKOFF_MS,
              maxMs: config.HOTLINE_REPLY_WEBHOOK_BACKOFF_MAX_MS,
              // a lease outlives the request it covers, so a slow receiver's delivery is not claimed twice
              leaseMs: Math.max(config.DELIVERY_LEASE_MS, config.HOTLINE_REPLY_WEBHOOK_TIMEOUT_MS * 3),
              batchSize: 20,
            },
            () => new Date(),
            Math.random,
            (d, decision) => {
              // order number and sequence only: the reply's text stays out of the logs
              if (decision.status === 'failed') this.logger.warn({ orderNo: d.orderNo, deliveryId: d.envelopeId, attempts: d.roundAttempt, error: decision.error }, 'hotline reply webhook: delivery failed, ops can resend it');
              else if (decision.status === 'delivered') this.logger.info({ orderNo: d.orderNo, deliveryId: d.envelopeId, attempt: d.attempt }, 'hotline reply webhook: delivered');
              else this.logger.debug({ orderNo: d.orderNo, deliveryId: d.envelopeId, attempt: d.attempt, error: decision.error }, 'hotline reply webhook: attempt failed, will retry');
            },
          )
        : null;
  }

  get enabled(): boolean {
    return this.runner !== null;
  }

  onApplicationBootstrap() {
    if (!this.runner) {
      this.logger.info('hotline reply webhook: not configured (HOTLINE_REPLY_WEBHOOK_URL unset), replies are not sent by webhook');
      return;
    }
    this.running = true;
    this.loop = this.run(this.runner);
    this.logger.info('hotline reply webhook worker started');
  }

  /** Before the infrastructure closes: the pass under way finishes with its database. */
  async beforeApplicationShutdown() {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** New work: run a pass now instead of at the next poll. */
  nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  /** For /health: not configured, or the loop is alive and has passed recently. */
  healthy(): boolean {
    if (!this.runner) return true;
    return this.running && Date.now() - this.lastPassAt < Math.max(30000, this.config.DELIVERY_POLL_MS * 20) + this.config.HOTLINE_REPLY_WEBHOOK_TIMEOUT_MS;
  }

  private async run(runner: ReplyWebhookRunner): Promise<void> {
    let failures = 0;
    while (this.running) {
      let busy = false;
      this.pending = false;
      try {
        busy = (await runner.runOnce()) > 0;
        failures = 0;
      } catch (e) {
        failures++;
        this.logger.error({ err: e }, 'hotline reply webhook pass failed');
      }
      this.lastPassAt = Date.now();
      if (busy || this.pending || !this.running) continue;
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
