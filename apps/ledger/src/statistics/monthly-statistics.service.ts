import { Injectable } from '@nestjs/common';
import type { Caller } from '@huiying/access';
import type { MonthlyStatisticsDto, MonthlyStatisticsQueryDto } from '@huiying/contracts';
import { buildMonthlyStatistics, monthBounds } from './monthly-statistics.fold';
import { monthlyStatisticsCsv } from './monthly-statistics.csv';
import { MonthlyStatisticsRepository } from './monthly-statistics.repository';
import { statisticsScope } from './statistics-scope';

@Injectable()
export class MonthlyStatisticsService {
  constructor(private readonly repo: MonthlyStatisticsRepository) {}

  /** The month's figures within the caller's reach (a department: its own; a supervisor: its jurisdiction). */
  async monthly(q: MonthlyStatisticsQueryDto, caller: Caller): Promise<MonthlyStatisticsDto> {
    const scope = statisticsScope(caller, q);
    const { from, to } = monthBounds(q.month);
    return buildMonthlyStatistics(q.month, await this.repo.casesForMonth(from, to, scope), scope, new Date());
  }

  async csv(q: MonthlyStatisticsQueryDto, caller: Caller): Promise<string> {
    return monthlyStatisticsCsv(await this.monthly(q, caller));
  }
}
