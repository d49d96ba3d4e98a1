import { RequireScope } from '@huiying/access';
import { Body, Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateResponseDto, ListOutboundQueryDto, OutboundListDto, ResponseListDto, ResponseViewDto } from '@huiying/contracts';
import { ResponsesService } from './responses.service';

@ApiTags('responses')
@Controller('v1/cases/:caseId/responses')
export class ResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  @RequireScope('act')
  @Post()
  @ApiOperation({
    summary: 'Publish a response (回应) to an opinion case through channel adapters (portal, Weibo, WeChat, SMS)',
    description:
      'Accepted at once (202) and delivered by the outbound worker with retries; the first delivery is recorded in the case workflow (respond update, publicationId = the response id). A response the workflow would refuse (e.g. a clarification before verification) is refused here and nothing is published.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first response (200) and publishes nothing new.' })
  @ApiAcceptedResponse({ type: ResponseViewDto })
  @ApiOkResponse({ type: ResponseViewDto, description: 'The same Idempotency-Key was seen before.' })
  @ApiNotFoundResponse({ description: 'No opinion case with this id.' })
  @ApiConflictResponse({ description: 'The case cannot take this response now (before verification, closed, …), with the reason.' })
  @ApiUnprocessableEntityResponse({ description: 'The response does not suit its form or a channel, with the reason.' })
  @ApiServiceUnavailableResponse({ description: 'The case workflow cannot be reached; nothing was published.' })
  async create(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body() dto: CreateResponseDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ResponseViewDto> {
    const { created, response } = await this.responses.create(caseId, dto, idempotencyKey);
    res.status(created ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return response;
  }

  @RequireScope('read')
  @Get()
  @ApiOperation({ summary: 'The responses to a case with their delivery status per channel' })
  @ApiOkResponse({ type: ResponseListDto })
  list(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<ResponseListDto> {
    return this.responses.list(caseId);
  }
}

@ApiTags('outbound')
@Controller('v1/outbound')
export class OutboundController {
  constructor(private readonly responses: ResponsesService) {}

  @RequireScope('read', { caseParam: false, departments: false })
  @Get()
  @ApiOperation({ summary: 'Ops: outbound messages, newest first, by channel and delivery status (pending / delivered / failed)' })
  @ApiOkResponse({ type: OutboundListDto })
  list(@Query() query: ListOutboundQueryDto): Promise<OutboundListDto> {
    return this.responses.listOutbound(query);
  }
}
