import { Injectable } from '@nestjs/common';
import type { DailyLogDto } from '@huiying/contracts';
import { buildDailyLog, dailyLogCsv, dayBounds } from './daily-log.aggregate';
import { DailyLogRepository } from './daily-log.repository';

@Injectable()
export class DailyLogService {
  constructor(private readonly repo: DailyLogRepository) {}

  async log(date: string): Promise<DailyLogDto> {
    const { from, to } = dayBounds(date);
    return buildDailyLog(date, await this.repo.casesForDay(from, to));
  }

  async csv(date: string): Promise<string> {
    return dailyLogCsv(await this.log(date));
  }
}
