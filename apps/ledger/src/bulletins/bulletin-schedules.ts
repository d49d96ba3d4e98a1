// The bulletin schedules and the ledger's bulletin activity worker. At start (BULLETIN_SCHEDULES=on) the ledger
// creates — or brings up to date — one Temporal Schedule per kind, idempotently (fixed schedule ids), and runs an
// activity-only worker on BULLETIN_TASK_QUEUE: the activity reads the ledger's read model and stores the bulletin where
// the ledger's tables are. The workflows themselves run on the case worker (apps/worker, TASK_QUEUES.cases).
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, type ScheduleOptions, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { BULLETIN_TASK_QUEUE, BULLETIN_WORKFLOW_TYPES, bulletinScheduleId, TASK_QUEUES, type BulletinActivities, type BulletinPeriodKind } from '@huiying/contracts';
import { connectionOptions } from '@huiying/temporal';
import { LOGGER } from '../infrastructure.module';
import { LedgerConfig } from '../ledger.config';
import { BulletinService } from './bulletin.service';

export const BULLETIN_TIME_ZONE = 'Asia/Shanghai';

/**
 * quarterly: 08:00 Asia/Shanghai on 1 January, April, July and October (the quarter just ended); monthly: 08:00 on the
 * first of every month (the month just ended). Missed runs (Temporal down) are caught up within 7 days; a run never
 * overlaps the one before.
 */
export function bulletinScheduleOptions(kind: BulletinPeriodKind, jurisdictions: string[]): ScheduleOptions<ScheduleOptionsStartWorkflowAction<never>> {
  const calendar = kind === 'quarterly'
    ? { month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'] as ('JANUARY' | 'APRIL' | 'JULY' | 'OCTOBER')[], dayOfMonth: 1, hour: 8, comment: '季通报: the quarter just ended' }
    : { dayOfMonth: 1, hour: 8, comment: '月报: the month just ended' };
  return {
    scheduleId: bulletinScheduleId(kind),
    spec: { calendars: [calendar], timezone: BULLETIN_TIME_ZONE },
    action: {
      type: 'startWorkflow',
      workflowType: BULLETIN_WORKFLOW_TYPES.scheduled,
      workflowId: `bulletin-schedule-run-${kind}`,
      taskQueue: TASK_QUEUES.cases,
      args: [{ kind, jurisdictions }] as never,
      staticSummary: `${kind === 'quarterly' ? '季通报' : '月报'} for ${jurisdictions.join(', ')}`,
    },
    policies: { overlap: 'SKIP', catchupWindow: '7 days' },
  };
}

export function bulletinJurisdictions(config: Pick<LedgerConfig, 'BULLETIN_JURISDICTIONS'>): string[] {
  return [...new Set(config.BULLETIN_JURISDICTIONS.split(',').map((j) => j.trim()).filter(Boolean))];
}

/** The activities the ledger serves, bound to its service. */
export function createBulletinActivities(bulletins: BulletinService): BulletinActivities {
  return {
    async generateBulletin({ kind, period, jurisdiction }) {
      const b = await bulletins.generate(kind, period, jurisdiction, { schedule: true });
      return { bulletinId: b.id, revision: b.revision, created: b.created };
    },
  };
}

@Injectable()
export class BulletinScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker?: Worker;
  private workerRun?: Promise<void>;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;

  constructor(
    private readonly client: Client,
    private readonly bulletins: BulletinService,
    private readonly config: LedgerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** In the background: the HTTP port opens at once; Temporal not answering yet is retried every 10 s. */
  onApplicationBootstrap(): void {
    if (this.config.BULLETIN_SCHEDULES !== 'on') return;
    this.running = this.start();
  }

  private async start(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.ensureSchedules();
        await this.runWorker();
        return;
      } catch (e) {
        this.logger.warn({ err: e }, 'bulletin schedules or activity worker not ready; retrying in 10 s');
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 10_000);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    }
  }

  /** Creates each schedule, or updates it to the configured jurisdictions and times: safe on every start. */
  async ensureSchedules(): Promise<void> {
    const jurisdictions = bulletinJurisdictions(this.config);
    for (const kind of ['quarterly', 'monthly'] as const) {
      const options = bulletinScheduleOptions(kind, jurisdictions);
      try {
        await this.client.schedule.create(options);
        this.logger.info({ scheduleId: options.scheduleId, jurisdictions }, 'bulletin schedule created');
      } catch (e) {
        if (!(e instanceof ScheduleAlreadyRunning)) throw e;
        await this.client.schedule.getHandle(options.scheduleId).update((previous) => ({ ...previous, spec: options.spec, action: options.action, policies: { ...previous.policies, ...options.policies } }));
        this.logger.info({ scheduleId: options.scheduleId, jurisdictions }, 'bulletin schedule up to date');
      }
    }
  }

  private async runWorker(): Promise<void> {
    try {
      // the ledger's own shutdown (Nest) stops the worker; the SDK must not take SIGTERM for itself
      Runtime.install({ shutdownSignals: [] });
    } catch {
      // installed already (a restart of this loop)
    }
    const connection = await NativeConnection.connect(connectionOptions(this.config));
    this.worker = await Worker.create({
      connection, namespace: this.config.TEMPORAL_NAMESPACE, taskQueue: BULLETIN_TASK_QUEUE, activities: createBulletinActivities(this.bulletins),
    });
    this.logger.info({ taskQueue: BULLETIN_TASK_QUEUE }, 'bulletin activity worker started');
    this.workerRun = this.worker
      .run()
      .finally(() => connection.close())
      .catch((e: unknown) => this.logger.error({ err: e }, 'bulletin activity worker stopped'));
  }

  /** Before the database closes: the worker finishes the activity in hand. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.workerRun;
  }
}
