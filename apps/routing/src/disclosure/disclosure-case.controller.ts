import { RequireScope } from '@huiying/access';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { DISCLOSURE_ACTION_BODIES, type DisclosureCaseState } from '@huiying/contracts';
import { ApiCaseActionRefusals } from '@huiying/platform';
import { DISCLOSURE_ACTIONS, DisclosureCaseService } from './disclosure-case.service';

const ACTION_BODIES = Object.entries(DISCLOSURE_ACTION_BODIES);

@ApiTags('disclosure cases')
@ApiExtraModels(...Object.values(DISCLOSURE_ACTION_BODIES))
@Controller('v1/disclosure-applications')
export class DisclosureCaseController {
  constructor(private readonly cases: DisclosureCaseService) {}

  @RequireScope('read')
  @Get(':caseId')
  @ApiOperation({ summary: 'The disclosure case as its workflow holds it: stage, clocks, pauses, extension, decision, history' })
  @ApiOkResponse({ description: "The workflow's state (DisclosureCaseState in libs/contracts/src/workflow/disclosure.ts).", schema: { type: 'object' } })
  @ApiNotFoundResponse({ description: 'No such case.' })
  @ApiServiceUnavailableResponse({ description: 'The case workflow did not answer within 5 s (no worker running, or Temporal down): DISCLOSURE_WORKFLOW_UNAVAILABLE; try again.' })
  state(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<DisclosureCaseState> {
    return this.cases.state(caseId);
  }

  @RequireScope('act')
  @Post(':caseId/:action')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: `Act on a disclosure case (a Temporal update): ${Object.keys(DISCLOSURE_ACTIONS).join(', ')}`,
    description:
      'The body is the action\'s: ' + ACTION_BODIES.map(([action, cls]) => `${action} → ${cls.name}`).join(', ') +
      '. Its fields are checked first (400 with the field errors; nothing changes). An extension and a fee waiver name their approver by ' +
      "approverId: the person must hold a grant of head_of_disclosure_office active for the case's jurisdiction on the approval day " +
      '(422 DISCLOSURE_APPROVER_NOT_GRANTED with a field error on approverId; nothing changes). Then the workflow decides (409 / 422 with the reason).',
  })
  @ApiParam({ name: 'action', enum: Object.keys(DISCLOSURE_ACTIONS) })
  @ApiBody({ schema: { oneOf: ACTION_BODIES.map(([, cls]) => ({ $ref: getSchemaPath(cls) })) } })
  @ApiCaseActionRefusals({
    conflict: 'a second extension',
    invalid: 'an approverId without an active grant of head_of_disclosure_office for the case\'s jurisdiction on the approval day, with `errors: [{field: "approverId", messages}]`',
    notFound: 'No such case or action.',
    ok: 'The case state after the action.',
  })
  act(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('action') action: string, @Body() body: Record<string, unknown>): Promise<DisclosureCaseState> {
    return this.cases.act(caseId, action, body ?? {});
  }
}
