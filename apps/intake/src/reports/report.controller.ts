import { CurrentCaller, RequireScope, type Caller } from '@huiying/access';
import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SubmitReportDto, SubmitReportResponseDto } from '@huiying/contracts';
import { ReportService } from './report.service';

@ApiTags('reports')
@Controller('v1/reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @RequireScope('submit')
  @Post()
  @ApiOperation({ summary: 'Submit a public-opinion report (舆情报送)', description: 'Stored durably before it is acknowledged; the same sourceRef always returns the same case.' })
  @ApiAcceptedResponse({ type: SubmitReportResponseDto, description: 'Stored; the case is being routed.' })
  @ApiOkResponse({ type: SubmitReportResponseDto, description: 'Already received (same sourceRef): nothing new stored.' })
  @ApiBadRequestResponse({ description: 'Field-level validation errors (e.g. discoveredAt in the future or before occurredAt); nothing stored.' })
  @ApiForbiddenResponse({ description: 'The calling system is bound to another jurisdiction than the one named (OUT_OF_REACH).' })
  async submit(@Body() dto: SubmitReportDto, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<SubmitReportResponseDto> {
    const result = await this.reports.submit(dto, caller);
    res.status(result.duplicate ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return result;
  }
}
