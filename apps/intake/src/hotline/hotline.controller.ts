import { Public, RequireScope } from '@huiying/access';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { HOTLINE_BATCH_MAX, HotlineBatchRequestDto, HotlineBatchResponseDto } from '@huiying/contracts';
import { HotlineService } from './hotline.service';

const SCHEMA_FILE = path.join(path.dirname(require.resolve('@huiying/contracts/package.json')), 'schemas', 'hotline-work-order.v1.schema.json');

@ApiTags('hotline (12345)')
@Controller('v1/hotline')
export class HotlineController {
  constructor(private readonly hotline: HotlineService) {}

  @RequireScope('submit')
  @Post('work-orders\\:batch')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: `Submit up to ${HOTLINE_BATCH_MAX} 12345 work orders (工单)`,
    description:
      'Each item is validated and processed on its own: accepted (new report and case), duplicate (this order number and revision were already received, from any path), updated (a later revision: the stored order and its report are updated and the revision is recorded) or rejected (field errors; nothing stored). The order number is the idempotency key: re-sending a batch is safe.',
  })
  @ApiOkResponse({ type: HotlineBatchResponseDto, description: 'One result per item, in order, and the counts.' })
  @ApiBadRequestResponse({ description: 'The body is not {items: [objects…]} (no item is processed).' })
  @ApiPayloadTooLargeResponse({ description: `More than ${HOTLINE_BATCH_MAX} items, or a body over the size limit: split the batch.` })
  batch(@Body() body: HotlineBatchRequestDto): Promise<HotlineBatchResponseDto> {
    return this.hotline.batch(body.items);
  }

  @Public()
  @Get('work-orders/schema')
  @ApiOperation({ summary: 'The work order contract as JSON Schema (libs/contracts/schemas/hotline-work-order.v1.schema.json)' })
  schema(): unknown {
    return JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  }

  @RequireScope('read', { caseParam: false })
  @Get('work-orders/:orderNo')
  @ApiOperation({ summary: 'A received work order: its case, current revision and revision history (no personal data)' })
  @ApiOkResponse({
    description: 'orderNo, revision, caseId, reportId, appealType, urgency, handlingUnit, title, callTime, firstSource, receivedAt, updatedAt and revisions [{revision, source, changedFields, receivedAt}].',
    schema: { type: 'object' },
  })
  @ApiNotFoundResponse({ description: 'This order number was never received.' })
  find(@Param('orderNo') orderNo: string) {
    return this.hotline.find(orderNo);
  }
}
