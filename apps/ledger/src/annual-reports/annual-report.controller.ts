import { RequireScope } from '@huiying/access';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnnualReportDto, AnnualReportQueryDto } from '@huiying/contracts';
import { AnnualReportService } from './annual-report.service';

@ApiTags('annual reports')
@Controller('v1/annual-reports')
export class AnnualReportController {
  constructor(private readonly reports: AnnualReportService) {}

  @RequireScope('read', { caseParam: false, departments: false })
  @Get('disclosure')
  @ApiOperation({
    summary: 'Table 三 of the annual report (国办公开办函〔2021〕30号): disclosure applications received and handled in a year',
    description: 'JSON by default; CSV (UTF-8 with BOM) with format=csv or Accept: text/csv. The check 新收 + 上年结转 = 办理结果总计 + 结转下年度 is reported.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AnnualReportDto })
  async disclosure(@Query() q: AnnualReportQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<AnnualReportDto | string> {
    if (q.format === 'csv' || (!q.format && /\btext\/csv\b/.test(accept ?? ''))) {
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="disclosure-annual-report-${q.year}.csv"`);
      return this.reports.disclosureReportCsv(q.year, q.department);
    }
    return this.reports.disclosureReport(q.year, q.department);
  }
}
