import { RequireScope } from '@huiying/access';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { DisclosureCaseState } from '@huiying/contracts';
import { DISCLOSURE_ACTIONS, DisclosureCaseService } from './disclosure-case.service';

@ApiTags('disclosure cases')
@Controller('v1/disclosure-applications')
export class DisclosureCaseController {
  constructor(private readonly cases: DisclosureCaseService) {}

  @RequireScope('read')
  @Get(':caseId')
  @ApiOperation({ summary: 'The disclosure case as its workflow holds it: stage, clocks, pauses, extension, decision, history' })
  @ApiNotFoundResponse({ description: 'No such case.' })
  state(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<DisclosureCaseState> {
    return this.cases.state(caseId);
  }

  @RequireScope('act')
  @Post(':caseId/:action')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Act on a disclosure case (a Temporal update): correction-request, correction, review, consultations, consultation-replies, decision, extension, fee-notice, fee-payment, reply, archive',
    description: 'The body is the action (see DisclosureActions in @huiying/contracts/workflow). The workflow validates it: a wrong action is refused with its reason.',
  })
  @ApiParam({ name: 'action', enum: Object.keys(DISCLOSURE_ACTIONS) })
  @ApiOkResponse({ description: 'The case state after the action.' })
  @ApiConflictResponse({ description: 'The action does not fit the stage or history (e.g. a second extension).' })
  @ApiUnprocessableEntityResponse({ description: 'The action breaks a rule (e.g. extension not approved by the head of the disclosure office).' })
  @ApiNotFoundResponse({ description: 'No such case or action.' })
  act(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('action') action: string, @Body() body: Record<string, unknown>): Promise<DisclosureCaseState> {
    return this.cases.act(caseId, action, body ?? {});
  }
}
