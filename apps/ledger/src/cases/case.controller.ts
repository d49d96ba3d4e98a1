import { CurrentCaller, RequireScope, type Caller } from '@huiying/access';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseListDto, CaseViewDto, ListCasesQueryDto } from '@huiying/contracts';
import { CaseService } from './case.service';

@ApiTags('cases')
@Controller('v1/cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @RequireScope('read', { caseParam: false })
  @Get()
  @ApiOperation({ summary: "Cases within the caller's reach, newest first, by lead department / stage / kind, with keyset paging" })
  @ApiOkResponse({ type: CaseListDto })
  list(@Query() query: ListCasesQueryDto, @CurrentCaller() caller: Caller): Promise<CaseListDto> {
    return this.cases.listCases(query, caller);
  }

  @RequireScope('read')
  @Get(':id')
  @ApiOperation({ summary: 'A case with its stage, department and history (台账)' })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiNotFoundResponse({ description: 'No such case in the ledger (yet).' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<CaseViewDto> {
    return this.cases.getCase(id);
  }
}
