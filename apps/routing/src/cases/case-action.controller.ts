import { RequireScope } from '@huiying/access';
import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AddCoHandlersDto, ClaimCaseDto, CoHandlingReportDto, SuperiorReportDto, TransferCaseDto, type OpinionCaseSnapshot } from '@huiying/contracts';
import { DEPARTMENT_CODES } from '@huiying/policy';
import { ApiCaseActionRefusals } from '@huiying/platform';
import { CaseActionService } from './case-action.service';

const refusals = () => ApiCaseActionRefusals({ conflict: 'only the lead department can claim', invalid: 'a co-department listed twice' });

@ApiTags('case actions')
@Controller('v1/cases/:caseId')
export class CaseActionController {
  constructor(private readonly cases: CaseActionService) {}

  @RequireScope('act')
  @Post('claim')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '认领: the lead department claims the case (meets its claim clock)' })
  @refusals()
  claim(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: ClaimCaseDto): Promise<OpinionCaseSnapshot> {
    return this.cases.claim(caseId, dto);
  }

  @RequireScope('act')
  @Post('transfer')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '转办: another lead department, with a reason; it gets its own claim clock' })
  @refusals()
  transfer(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: TransferCaseDto): Promise<OpinionCaseSnapshot> {
    return this.cases.transfer(caseId, dto);
  }

  @RequireScope('act')
  @Post('superior-reports')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '向上级报告: the lead department reported the matter to its superior, with the time it did',
    description:
      'Recorded in the case history and as a case event (change superior_report). After the claim (认领后); meets the superior-report clock when the case policy sets one (seed city: 1 h from the claim for major and especially major cases, seed 003 「在向上级报告的同时」); a later one is recorded as late; further reports (续报) are recorded too.',
  })
  @ApiCaseActionRefusals({ conflict: 'the case is not claimed yet, or reportedAt is in the future', invalid: 'an unknown means' })
  reportToSuperior(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: SuperiorReportDto): Promise<OpinionCaseSnapshot> {
    return this.cases.reportToSuperior(caseId, dto);
  }

  @RequireScope('act')
  @Post('co-handlers')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '主办/协办: add co-departments beside the lead department, each with its part' })
  @refusals()
  addCoHandlers(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() dto: AddCoHandlersDto): Promise<OpinionCaseSnapshot> {
    return this.cases.addCoHandlers(caseId, dto);
  }

  @RequireScope('act')
  @Post('co-handlers/:department/reports')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'A co-department reports on its part (in_progress / done)' })
  @ApiParam({ name: 'department', enum: DEPARTMENT_CODES })
  @refusals()
  reportCoHandling(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('department') department: string,
    @Body() dto: CoHandlingReportDto,
  ): Promise<OpinionCaseSnapshot> {
    return this.cases.reportCoHandling(caseId, department, dto);
  }
}
