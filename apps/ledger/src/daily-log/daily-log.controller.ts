import { RequireScope } from '@huiying/access';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DailyLogDto, DailyLogQueryDto } from '@huiying/contracts';
import { DailyLogService } from './daily-log.service';

@ApiTags('daily log')
@Controller('v1/daily-log')
export class DailyLogController {
  constructor(private readonly dailyLog: DailyLogService) {}

  @RequireScope('read', { caseParam: false, departments: false })
  @Get()
  @ApiOperation({
    summary: 'The daily log (舆情日志 / 日报告表) of a day: cases collected by channel, category, department and grade; responses, follow-ups, reminders, escalations, overdue at the end of the day',
    description: 'format=csv answers text/csv in UTF-8 with BOM: one row per case, a totals row (合计) last.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DailyLogDto })
  async get(@Query() q: DailyLogQueryDto, @Res({ passthrough: true }) res: Response): Promise<DailyLogDto | string> {
    if (q.format !== 'csv') return this.dailyLog.log(q.date);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="daily-log-${q.date}.csv"; filename*=UTF-8''${encodeURIComponent(`舆情日志-${q.date}.csv`)}`);
    return this.dailyLog.csv(q.date);
  }
}
