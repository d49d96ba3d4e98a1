import { RequireScope } from '@huiying/access';
import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CloseCaseDto, EvaluateCaseDto, FollowUpCaseDto, type OpinionCaseSnapshot } from '@huiying/contracts';
import { CaseActionsService } from './case-actions.service';

@ApiTags('cases')
@ApiNotFoundResponse({ description: 'No such case workflow.' })
@ApiConflictResponse({ description: 'The action does not fit the case now (e.g. closing before the response), with the workflow\'s reason.' })
@ApiUnprocessableEntityResponse({ description: 'The action breaks a rule of the workflow, with the reason.' })
@ApiServiceUnavailableResponse({ description: 'The case workflow cannot be reached; nothing changed.' })
@Controller('v1/cases/:id')
export class CaseActionsController {
  constructor(private readonly actions: CaseActionsService) {}

  @RequireScope('act')
  @Post('close')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close the case (办结) with its resolution — the workflow\'s close update' })
  @ApiOkResponse({ description: 'The case as its workflow holds it after closing (major cases then await evaluation).' })
  close(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CloseCaseDto): Promise<OpinionCaseSnapshot> {
    return this.actions.close(id, dto);
  }

  @RequireScope('act')
  @Post('follow-ups')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'A continuing update after the response (动态管理) — the workflow\'s followUp update; re-arms the follow-up clock' })
  @ApiOkResponse({ description: 'The case after the follow-up.' })
  followUp(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: FollowUpCaseDto): Promise<OpinionCaseSnapshot> {
    return this.actions.followUp(id, dto);
  }

  @RequireScope('act')
  @Post('evaluation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Evaluate a closed major case (总结评估: lessons, handling-capacity assessment) — the workflow\'s evaluate update; the record is kept in the ledger' })
  @ApiOkResponse({ description: 'The case after the evaluation.' })
  evaluate(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: EvaluateCaseDto): Promise<OpinionCaseSnapshot> {
    return this.actions.evaluate(id, dto);
  }
}
