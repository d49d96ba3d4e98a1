import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseViewDto } from '@huiying/contracts';
import { CaseService } from './case.service';

@ApiTags('cases')
@Controller('v1/cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A case with its stage, department and history (台账)' })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiNotFoundResponse({ description: 'No such case in the ledger (yet).' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<CaseViewDto> {
    return this.cases.getCase(id);
  }
}
