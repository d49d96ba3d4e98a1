import { RequireScope } from '@huiying/access';
import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  AccountabilityTalkDto,
  CloseCaseDto,
  EvaluateCaseDto,
  FollowUpCaseDto,
  KeyCaseEntryDto,
  KeyCaseResolutionDto,
  MarkKeyCaseDto,
  VerifyKeyCaseResolutionDto,
  type OpinionCaseSnapshot,
} from '@huiying/contracts';
import { CaseActionsService } from './case-actions.service';

/** Why department keys may not mark a key case, verify a resolution or record a talk: supervision (督办) is not the handler's own. */
const SUPERVISION = 'is supervision (an analyst or supervising office marks key cases, verifies resolutions, records accountability talks)';

@ApiTags('cases')
@ApiNotFoundResponse({ description: 'No such case workflow.' })
@ApiConflictResponse({ description: 'The action does not fit the case now (e.g. closing before the response, or a key case before its resolution is verified), with the workflow\'s reason.' })
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

  @RequireScope('act', { departments: false, departmentsRefusal: SUPERVISION })
  @Post('key-case')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark the case as a key case (列为重点舆情) with the reason — the workflow\'s markKeyCase update; it then closes only once its resolution is verified. Supervisor or system keys' })
  @ApiOkResponse({ description: 'The case with its key-case record.' })
  markKeyCase(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: MarkKeyCaseDto): Promise<OpinionCaseSnapshot> {
    return this.actions.markKeyCase(id, dto);
  }

  @RequireScope('act')
  @Post('key-case/entries')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'A follow-up entry of a key case (台账跟踪记录: date, what was done, public reaction) — the workflow\'s addKeyCaseEntry update' })
  @ApiOkResponse({ description: 'The case after the entry.' })
  addKeyCaseEntry(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: KeyCaseEntryDto): Promise<OpinionCaseSnapshot> {
    return this.actions.addKeyCaseEntry(id, dto);
  }

  @RequireScope('act')
  @Post('key-case/resolution')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record how the problem of a key case was resolved (问题解决情况) — the workflow\'s recordKeyCaseResolution update; a supervisor verifies it next' })
  @ApiOkResponse({ description: 'The case with the resolution awaiting verification.' })
  recordKeyCaseResolution(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: KeyCaseResolutionDto): Promise<OpinionCaseSnapshot> {
    return this.actions.recordKeyCaseResolution(id, dto);
  }

  @RequireScope('act', { departments: false, departmentsRefusal: SUPERVISION })
  @Post('key-case/resolution/verification')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Verify the resolution of a key case (核验): confirmed = fully resolved, the case may close; returned = record a new one. By a supervisor, not the person who recorded it (422). Supervisor or system keys' })
  @ApiOkResponse({ description: 'The case after the verification.' })
  verifyKeyCaseResolution(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: VerifyKeyCaseResolutionDto): Promise<OpinionCaseSnapshot> {
    return this.actions.verifyKeyCaseResolution(id, dto);
  }

  @RequireScope('act', { departments: false, departmentsRefusal: SUPERVISION })
  @Post('accountability-talks')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record an accountability talk (约谈: date, department, the person\'s role — never a name —, outcome) on a case that was escalated (督办; 409 otherwise). Supervisor or system keys' })
  @ApiOkResponse({ description: 'The case with the talk recorded.' })
  recordAccountabilityTalk(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AccountabilityTalkDto): Promise<OpinionCaseSnapshot> {
    return this.actions.recordAccountabilityTalk(id, dto);
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
