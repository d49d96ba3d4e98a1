import { Injectable } from '@nestjs/common';
import type { Caller } from '@huiying/access';
import type { MonthlyStatisticsDto, MonthlyStatisticsQueryDto } from '@huiying/contracts';
import { buildMonthlyStatistics, monthBounds } from './monthly-statistics.fold';
import { statisticsFromSums } from './monthly-figures';
import { monthlyStatisticsCsv } from './monthly-statistics.csv';
import { MonthlyStatisticsRepository } from './monthly-statistics.repository';
import { statisticsScope } from './statistics-scope';

/**
 * How long after a month's end its figures are first stored: longer than any fold transaction, so an event of the month
 * committed after the snapshot was computed is always seen as late (and drops it).
 */
export const SNAPSHOT_GRACE_MS = 3600_000;

@Injectable()
export class MonthlyStatisticsService {
  constructor(private readonly repo: MonthlyStatisticsRepository) {}

  /** The month's figures within the caller's reach (a department: its own; a supervisor: its jurisdiction). */
  /**
   * The month in progress is summed from the figures the ledger keeps per case as it folds their events
   * (monthly-figures.ts). A month that ended over SNAPSHOT_GRACE_MS ago is answered from its stored figures when
   * there are some (they read nothing after the month's end, so they stay exact until an event of that month arrives
   * late, which drops them); otherwise folded from the case histories, and stored.
   */
  async monthly(q: MonthlyStatisticsQueryDto, caller: Caller): Promise<MonthlyStatisticsDto> {
    const scope = statisticsScope(caller, q);
    const { from, to } = monthBounds(q.month);
    const now = new Date();
    const over = now.getTime() >= to.getTime() + SNAPSHOT_GRACE_MS;
    if (over) {
      const stored = await this.repo.snapshot(q.month, scope);
      if (stored) return stored;
    }
    if (now < to) {
      // the month in progress: the figures kept per case, summed; open and overdue as the read model has them now
      const [sums, states] = await Promise.all([this.repo.summedFigures(q.month, scope), this.repo.caseStatesNow(scope)]);
      return statisticsFromSums(q.month, scope, now, sums, states);
    }
    const epoch = over ? await this.repo.epoch(scope.jurisdiction) : null;
    const figures = buildMonthlyStatistics(q.month, await this.repo.casesForMonth(from, to, scope), scope, now);
    if (epoch !== null) await this.repo.storeSnapshot(q.month, scope, figures, epoch);
    return figures;
  }

  async csv(q: MonthlyStatisticsQueryDto, caller: Caller): Promise<string> {
    return monthlyStatisticsCsv(await this.monthly(q, caller));
  }
}
