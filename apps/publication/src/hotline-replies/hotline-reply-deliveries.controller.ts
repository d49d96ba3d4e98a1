import { RequireScope } from '@huiying/access';
import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HotlineReplyDeliveryDto, HotlineReplyDeliveryListDto, ListHotlineReplyDeliveriesQueryDto } from '@huiying/contracts';
import { HotlineReplyDeliveriesService } from './hotline-reply-deliveries.service';

/** Ops: the 12345 webhook's deliveries (every attempt) and the resend of one that failed. Every jurisdiction's: admin only. */
@ApiTags('hotline')
@Controller('v1/hotline/reply-deliveries')
export class HotlineReplyDeliveriesController {
  constructor(private readonly deliveries: HotlineReplyDeliveriesService) {}

  @RequireScope('admin', { caseParam: false, departments: false })
  @Get()
  @ApiOperation({ summary: 'Ops: the 12345 webhook\'s reply deliveries, newest first, by status and order number, with every attempt' })
  @ApiOkResponse({ type: HotlineReplyDeliveryListDto })
  list(@Query() query: ListHotlineReplyDeliveriesQueryDto): Promise<HotlineReplyDeliveryListDto> {
    return this.deliveries.list(query);
  }

  @RequireScope('admin', { caseParam: false, departments: false })
  @Post(':id/resend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Ops: send a failed (or delivered) reply to the 12345 webhook again',
    description: 'Back to pending for a new round of attempts, at once; the attempts so far are kept. The same x-huiying-delivery id: the receiver deduplicates on it.',
  })
  @ApiOkResponse({ type: HotlineReplyDeliveryDto })
  @ApiNotFoundResponse({ description: 'HOTLINE_REPLY_DELIVERY_NOT_FOUND: no delivery with this id.' })
  @ApiConflictResponse({ description: 'HOTLINE_REPLY_DELIVERY_PENDING: the delivery is pending (being sent already).' })
  resend(@Param('id', new ParseUUIDPipe()) id: string): Promise<HotlineReplyDeliveryDto> {
    return this.deliveries.resend(id);
  }
}
