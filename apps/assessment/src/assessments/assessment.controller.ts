import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AnalystAssessmentDto, ApprovalDto, AssessmentHistoryDto, ConsultationDto, VerificationDto, type OpinionCaseSnapshot } from '@huiying/contracts';
import { AssessmentService } from './assessment.service';

const REFUSALS = [
  ApiBadRequestResponse({ description: 'The body is malformed: `errors: [{field, messages}]`.' }),
  ApiNotFoundResponse({ description: 'No such case.' }),
  ApiConflictResponse({ description: 'The action does not fit the case now; `message` is the reason (e.g. approval before consultation).' }),
  ApiUnprocessableEntityResponse({ description: 'The action breaks a rule; `message` is the reason (e.g. an override without a reason).' }),
  ApiOkResponse({ description: 'The case after the action (its workflow state, without the history).' }),
];
const refusals = (): MethodDecorator => (target, key, d) => {
  for (const r of REFUSALS) r(target, key, d);
};

@ApiTags('assessment')
@Controller('v1/cases/:caseId')
export class AssessmentController {
  constructor(private readonly service: AssessmentService) {}

  @Post('assessment')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "研判: an analyst's grade, risk level and response value; overrides the automatic grade, which stays on record" })
  @refusals()
  assess(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: AnalystAssessmentDto): Promise<OpinionCaseSnapshot> {
    return this.service.assess(caseId, dto);
  }

  @Post('consultation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '会商: a joint consultation round with its disposal opinion (major, especially major or sensitive cases)' })
  @refusals()
  consult(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: ConsultationDto): Promise<OpinionCaseSnapshot> {
    return this.service.consult(caseId, dto);
  }

  @Post('approval')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '报审: approve the disposal opinion, or return it for another consultation round' })
  @refusals()
  approve(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: ApprovalDto): Promise<OpinionCaseSnapshot> {
    return this.service.approve(caseId, dto);
  }

  @Post('verification')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '核查: true / partly true / untrue, with findings' })
  @refusals()
  verify(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: VerificationDto): Promise<OpinionCaseSnapshot> {
    return this.service.verify(caseId, dto);
  }

  @Get('assessments')
  @ApiOperation({ summary: 'Every assessment of the case, oldest first: automatic ones with their score parts, analyst overrides' })
  @ApiOkResponse({ type: AssessmentHistoryDto })
  @ApiNotFoundResponse({ description: 'No such case.' })
  history(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<AssessmentHistoryDto> {
    return this.service.history(caseId);
  }
}
