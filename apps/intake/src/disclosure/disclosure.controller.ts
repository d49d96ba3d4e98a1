import { RequireScope } from '@huiying/access';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ConfirmReceiptDto,
  ConfirmReceiptResponseDto,
  DisclosureApplicationViewDto,
  ListDisclosureApplicationsQueryDto,
  UnconfirmedReceiptListDto,
  ConvertToOpinionCaseDto,
  ConvertToOpinionCaseResponseDto,
  SubmitDisclosureApplicationDto,
  SubmitDisclosureApplicationResponseDto,
} from '@huiying/contracts';
import { DisclosureApplicationService } from './disclosure.service';

@ApiTags('disclosure applications')
@Controller('v1/disclosure-applications')
export class DisclosureApplicationController {
  constructor(private readonly applications: DisclosureApplicationService) {}

  @RequireScope('submit')
  @Post()
  @ApiOperation({
    summary: 'Submit a government-information disclosure application (政府信息公开申请)',
    description:
      'Stored before it is acknowledged. The receipt date follows the channel (条例第三十一条): in person — receipt.handedInOn; post needing a signature — receipt.signedForOn; ' +
      'ordinary letter, online and fax — the day receipt was confirmed with the applicant (receipt.confirmedOn). Without that date such an application is stored as ' +
      'awaiting_receipt_confirmation (202, receivedOn null) and its case starts when staff confirm it (POST …/:applicationId/receipt-confirmation). ' +
      'A complaint, petition or report (filedAs) is answered as not a disclosure application, with the right channel.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same as clientRef: a retry never creates a second application.' })
  @ApiAcceptedResponse({ type: SubmitDisclosureApplicationResponseDto, description: 'Stored; the case workflow is being started, or (awaiting_receipt_confirmation) starts once receipt is confirmed.' })
  @ApiOkResponse({ type: SubmitDisclosureApplicationResponseDto, description: 'Already received (same clientRef): nothing new stored.' })
  @ApiBadRequestResponse({ description: 'Field-level validation errors; nothing stored.' })
  async submit(
    @Body() dto: SubmitDisclosureApplicationDto,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<SubmitDisclosureApplicationResponseDto> {
    const result = await this.applications.submit(dto, idempotencyKey);
    res.status(result.duplicate ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return result;
  }

  @RequireScope('act')
  @Post(':id/convert-to-opinion-case')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Turn a complaint/petition/report filed as an application into an opinion case (idempotent)' })
  @ApiOkResponse({ type: ConvertToOpinionCaseResponseDto })
  @ApiNotFoundResponse({ description: 'No such application.' })
  @ApiConflictResponse({ description: 'A real disclosure application is not converted.' })
  convert(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ConvertToOpinionCaseDto): Promise<ConvertToOpinionCaseResponseDto> {
    return this.applications.convertToOpinionCase(id, dto);
  }

  @RequireScope('read', { caseParam: false, departments: false })
  @Get()
  @ApiOperation({
    summary: 'Applications awaiting receipt confirmation (条例第三十一条), oldest first, with their age',
    description: 'receipt=unconfirmed. Keyset paging (pageSize ≤ 200, pageToken = nextPageToken). No personal data. Not open to department keys (it spans every application).',
  })
  @ApiOkResponse({ type: UnconfirmedReceiptListDto })
  @ApiBadRequestResponse({ description: 'Field-level validation errors (receipt, pageSize, pageToken).' })
  unconfirmed(@Query() query: ListDisclosureApplicationsQueryDto): Promise<UnconfirmedReceiptListDto> {
    return this.applications.unconfirmed(query);
  }

  @RequireScope('read', { caseParam: false, departments: false })
  @Get(':applicationId')
  @ApiOperation({ summary: 'A disclosure application as received: channel, receipt status and evidence, confirmation (no personal data)' })
  @ApiOkResponse({ type: DisclosureApplicationViewDto })
  @ApiNotFoundResponse({ description: 'No such application.' })
  view(@Param('applicationId', new ParseUUIDPipe()) applicationId: string): Promise<DisclosureApplicationViewDto> {
    return this.applications.view(applicationId);
  }

  @RequireScope('act', { caseParam: false, departments: false })
  @Post(':applicationId/receipt-confirmation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Record that receipt was confirmed with the applicant (ordinary letter, online, fax: 条例第三十一条)',
    description:
      'The confirmation date becomes the receipt date; the received event leaves once and the case starts. The same confirmation again changes nothing (duplicate: true); ' +
      'a different one, or an application whose receipt is already recorded otherwise, is a 409.',
  })
  @ApiOkResponse({ type: ConfirmReceiptResponseDto })
  @ApiBadRequestResponse({ description: 'Field-level validation errors: confirmedOn after today or before the application arrived, unknown via…' })
  @ApiNotFoundResponse({ description: 'No such application.' })
  @ApiConflictResponse({ description: 'Receipt already recorded with other details.' })
  confirmReceipt(@Param('applicationId', new ParseUUIDPipe()) applicationId: string, @Body() dto: ConfirmReceiptDto): Promise<ConfirmReceiptResponseDto> {
    return this.applications.confirmReceipt(applicationId, dto);
  }
}
