import { RequireScope } from '@huiying/access';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalystAssessmentDto, ApprovalDto, AssessmentHistoryDto, ConsultationDto, VerificationDto, type OpinionCaseSnapshot } from '@huiying/contracts';
import { ApiCaseActionRefusals } from '@huiying/platform';
import { AssessmentService } from './assessment.service';

const refusals = () => ApiCaseActionRefusals({ conflict: 'approval before consultation', invalid: 'an override without a reason' });

@ApiTags('assessment')
@Controller('v1/cases/:caseId')
export class AssessmentController {
  constructor(private readonly service: AssessmentService) {}

  @RequireScope('act')
  @Post('assessment')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "研判: an analyst's grade, risk level and response value; overrides the automatic grade, which stays on record" })
  @refusals()
  assess(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: AnalystAssessmentDto): Promise<OpinionCaseSnapshot> {
    return this.service.assess(caseId, dto);
  }

  @RequireScope('act')
  @Post('consultation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '会商: a joint consultation round with its disposal opinion (major, especially major or sensitive cases)' })
  @refusals()
  consult(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: ConsultationDto): Promise<OpinionCaseSnapshot> {
    return this.service.consult(caseId, dto);
  }

  @RequireScope('act')
  @Post('approval')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '报审: approve the disposal opinion, or return it for another consultation round' })
  @refusals()
  approve(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: ApprovalDto): Promise<OpinionCaseSnapshot> {
    return this.service.approve(caseId, dto);
  }

  @RequireScope('act')
  @Post('verification')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '核查: true / partly true / untrue, with findings' })
  @refusals()
  verify(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: VerificationDto): Promise<OpinionCaseSnapshot> {
    return this.service.verify(caseId, dto);
  }

  @RequireScope('read')
  @Get('assessments')
  @ApiOperation({ summary: 'Every assessment of the case, oldest first: automatic ones with their score parts, analyst overrides' })
  @ApiOkResponse({ type: AssessmentHistoryDto })
  @ApiNotFoundResponse({ description: 'No such case.' })
  history(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<AssessmentHistoryDto> {
    return this.service.history(caseId);
  }
}
