import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../infrastructure.module';
import { LedgerConfig } from '../ledger.config';
import { sweepBackoffMs } from './special-report.automatic';
import { SpecialReportService } from './special-report.service';

/**
 * The automatic special reports (SPECIAL_REPORTS_AUTOMATIC=on): a loop started with the ledger that serves the owed
 * versions one case at a time (special-report.repository.ts claims them with FOR UPDATE SKIP LOCKED, so every replica
 * may run it), polls every SPECIAL_REPORTS_AUTOMATIC_POLL_MS when nothing is owed, backs off after a failure, and
 * finishes the version in hand before the database closes at shutdown. Logs case ids and versions only.
 */
@Injectable()
export class SpecialReportSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private failures = 0;

  constructor(
    private readonly reports: SpecialReportService,
    private readonly config: LedgerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SPECIAL_REPORTS_AUTOMATIC !== 'on') {
      this.logger.info('automatic special reports are off (SPECIAL_REPORTS_AUTOMATIC=off): generated on request only');
      return;
    }
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const stored = await this.reports.generateNextAutomatic();
        this.failures = 0;
        if (stored) continue;
      } catch (e) {
        this.failures++;
        this.logger.warn({ err: e, failures: this.failures }, 'automatic special report failed; its case is retried later, the sweep backs off');
      }
      await this.pause(this.failures ? sweepBackoffMs(this.failures) : this.config.SPECIAL_REPORTS_AUTOMATIC_POLL_MS);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
