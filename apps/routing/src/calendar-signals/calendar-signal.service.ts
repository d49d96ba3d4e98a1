import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Logger } from 'pino';
import { disclosureSignals, opinionCaseSignals, type CalendarUpdatedV1, type CaseKind, type EventEnvelope } from '@huiying/contracts';
import type { CalendarSweepEntity } from '@huiying/persistence';
import { LOGGER } from '../infrastructure.module';
import { CalendarSignalRepository } from './calendar-signal.repository';

/** Signals in flight at once during a sweep (thousands of open cases per notice). */
const SIGNAL_CONCURRENCY = 16;
/** How long a sweep is leased to one routing instance; a crashed instance's sweep is taken over after it. */
const LEASE_SECONDS = 600;
const IDLE_POLL_MS = 2000;
const RETRY_AFTER_SECONDS = 15;

/** The Temporal visibility query of the open cases of a kind. */
export const openCasesQuery = (kind: CaseKind): string => `ExecutionStatus = 'Running' AND CaseKind = '${kind}'`;

/**
 * calendar.updated.v1 → signal `calendarUpdated` to every open case: opinion cases record the notice (their clocks
 * are natural hours), disclosure cases recompute their working-day clocks. The consumer only records the notice
 * (routing.calendar_sweeps): a sweep over thousands of cases must not hold a Kafka message past its session. A
 * background sweeper then signals the open cases found by a visibility query; each (notice, case) once
 * (routing.calendar_signals), so a redelivered notice or a resumed sweep reaches only the cases that missed it.
 */
@Injectable()
export class CalendarSignalService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly client: Client,
    private readonly repo: CalendarSignalRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onCalendarUpdated(envelope: EventEnvelope<CalendarUpdatedV1>): Promise<void> {
    const n = envelope.data;
    await this.repo.addSweep({ eventId: envelope.id, year: n.year, revision: n.revision, source: n.source, loadedAt: new Date(n.loadedAt) });
    this.logger.info({ eventId: envelope.id, year: n.year, revision: n.revision }, 'calendar notice queued for the open cases');
    this.wake?.();
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Before the infrastructure closes (onApplicationShutdown): the pass under way finishes with its database. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sweep: CalendarSweepEntity | null = null;
      try {
        sweep = await this.repo.leaseNextSweep(LEASE_SECONDS);
        if (sweep) {
          const newer = await this.repo.newerRevision(sweep.year, sweep.revision);
          if (newer) {
            // a higher revision of the year's notice supersedes this one: its sweep reaches every open case
            await this.repo.completeSweep(sweep.eventId, 0);
            this.logger.info({ eventId: sweep.eventId, supersededBy: newer }, 'calendar notice superseded before its sweep');
            continue;
          }
          const counts = await this.sweep(sweep);
          await this.repo.completeSweep(sweep.eventId, counts.opinion + counts.disclosure);
          this.logger.info({ eventId: sweep.eventId, year: sweep.year, revision: sweep.revision, ...counts }, 'calendar update signalled to open cases');
          continue;
        }
      } catch (e) {
        this.logger.error({ err: e, eventId: sweep?.eventId }, 'calendar sweep failed; retrying later');
        if (sweep) await this.repo.retrySweepLater(sweep.eventId, RETRY_AFTER_SECONDS).catch(() => undefined);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, IDLE_POLL_MS);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Signals every open case that has not had this notice yet. */
  async sweep(n: Pick<CalendarSweepEntity, 'eventId' | 'year' | 'revision' | 'source' | 'loadedAt'>) {
    const done = await this.repo.signalled(n.eventId);
    const counts = { opinion: 0, disclosure: 0, skipped: 0, ended: 0 };
    for (const kind of ['opinion', 'disclosure'] as const) {
      const signalOne = async (caseId: string): Promise<void> => {
        const handle = this.client.workflow.getHandle(caseId);
        try {
          if (kind === 'opinion') {
            await handle.signal(opinionCaseSignals.calendarUpdated, { year: n.year, source: n.source, loadedAt: n.loadedAt.toISOString() });
          } else {
            await handle.signal(disclosureSignals.calendarUpdated, { year: n.year, revision: n.revision });
          }
          counts[kind]++;
        } catch (e) {
          // closed between the listing and the signal: nothing to recompute
          if (!(e instanceof WorkflowNotFoundError)) throw e;
          counts.ended++;
        }
        await this.repo.record(n.eventId, caseId, kind);
      };
      const pending: Promise<void>[] = [];
      for await (const wf of this.client.workflow.list({ query: openCasesQuery(kind) })) {
        if (!this.running) throw new Error('routing is shutting down; the sweep resumes at the next start');
        if (done.has(wf.workflowId)) {
          counts.skipped++;
          continue;
        }
        pending.push(signalOne(wf.workflowId));
        if (pending.length >= SIGNAL_CONCURRENCY) await Promise.all(pending.splice(0));
      }
      await Promise.all(pending);
    }
    return counts;
  }
}
