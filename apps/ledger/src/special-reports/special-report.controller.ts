import { CurrentCaller, RequireScope, type Caller } from '@huiying/access';
import { BadRequestException, Controller, Get, Header, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, StreamableFile, type PipeTransform } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SpecialReportListDto, SpecialReportVersionDto } from '@huiying/contracts';
import type { SpecialReportContent } from './special-report.content';
import { SpecialReportService } from './special-report.service';

const VERSION = { name: 'version', type: Number, example: 1, description: 'The version (1, 2, …) as listed.' };
/** A version number as stored (1 … 999,999,999): anything else is 400, never a query that cannot be run. */
class VersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) throw new BadRequestException({ statusCode: 400, code: 'INVALID_VERSION', message: `version must be a positive whole number, got ${JSON.stringify(value)}` });
    return Number(value);
  }
}
const version = () => new VersionPipe();

@ApiTags('special reports')
@ApiNotFoundResponse({ description: 'No such case in the ledger (CASE_NOT_FOUND), or no such version (SPECIAL_REPORT_NOT_FOUND).' })
@Controller('v1/cases/:caseId/special-reports')
export class SpecialReportController {
  constructor(private readonly reports: SpecialReportService) {}

  @RequireScope('read')
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Generate a new version of the special report (舆情专报) of an opinion case: facts, timeline with who and when, every clock, responses, grade history, key-case ledger, accountability talks, current risk',
    description: "Built from the ledger's case record and history as they are now (never from Temporal), rendered as HTML and PDF (Chinese font embedded) and stored as the next version with their SHA-256. No personal data. Scope read: it changes nothing on the case.",
  })
  @ApiCreatedResponse({ type: SpecialReportVersionDto })
  @ApiConflictResponse({ description: 'The case is a disclosure application: SPECIAL_REPORT_NOT_AN_OPINION_CASE.' })
  generate(@Param('caseId', new ParseUUIDPipe()) caseId: string, @CurrentCaller() caller: Caller): Promise<SpecialReportVersionDto> {
    return this.reports.generate(caseId, caller);
  }

  @RequireScope('read')
  @Get()
  @ApiOperation({ summary: 'The stored versions of the case’s special report, oldest first, with their hashes and URLs' })
  @ApiOkResponse({ type: SpecialReportListDto })
  list(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<SpecialReportListDto> {
    return this.reports.list(caseId);
  }

  @RequireScope('read')
  @Get(':version.html')
  @ApiOperation({ summary: 'One version of the special report as HTML (UTF-8)' })
  @ApiParam(VERSION)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The report.', content: { 'text/html': { schema: { type: 'string' } } } })
  @Header('content-type', 'text/html; charset=utf-8')
  html(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('version', version()) v: number): Promise<string> {
    return this.reports.html(caseId, v);
  }

  @RequireScope('read')
  @Get(':version.pdf')
  @ApiOperation({ summary: 'One version of the special report as PDF (Chinese font embedded)' })
  @ApiParam(VERSION)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The report.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async pdf(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('version', version()) v: number): Promise<StreamableFile> {
    const pdf = await this.reports.pdf(caseId, v);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="special-report-${caseId}-v${v}.pdf"`, length: pdf.length });
  }

  @RequireScope('read')
  @Get(':version')
  @ApiOperation({ summary: 'One version of the special report as JSON: the content both documents print' })
  @ApiParam(VERSION)
  @ApiOkResponse({ description: 'The content (facts, timeline, clocks, responses, grades, keyCase, accountabilityTalks, risk).', schema: { type: 'object' } })
  content(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('version', version()) v: number): Promise<SpecialReportContent> {
    return this.reports.content(caseId, v);
  }
}
