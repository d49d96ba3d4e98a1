import { CurrentCaller, RequireScope, type Caller } from '@huiying/access';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MonthlyStatisticsDto, MonthlyStatisticsQueryDto } from '@huiying/contracts';
import { MonthlyStatisticsService } from './monthly-statistics.service';

@ApiTags('statistics')
@Controller('v1/statistics')
export class MonthlyStatisticsController {
  constructor(private readonly statistics: MonthlyStatisticsService) {}

  @RequireScope('read', { caseParam: false })
  @Get('monthly')
  @ApiOperation({
    summary: 'Monthly statistics (月统计) per jurisdiction and lead department, opinion cases and disclosure applications: received, closed, on time / late per clock, durations, open, overdue, escalations',
    description:
      "Counted from the ledger's read model, each event in its Asia/Shanghai month. A department key reads its own department's figures only (another department: 403); a supervisor its jurisdiction (another: 403). format=csv answers text/csv in UTF-8 with BOM, Chinese headings.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: MonthlyStatisticsDto })
  async monthly(@Query() q: MonthlyStatisticsQueryDto, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<MonthlyStatisticsDto | string> {
    if (q.format !== 'csv') return this.statistics.monthly(q, caller);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="monthly-statistics-${q.month}.csv"; filename*=UTF-8''${encodeURIComponent(`月统计-${q.month}.csv`)}`);
    return this.statistics.csv(q, caller);
  }
}
