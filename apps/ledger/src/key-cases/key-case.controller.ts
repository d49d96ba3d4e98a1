import { CurrentCaller, RequireScope, type Caller } from '@huiying/access';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { KeyCaseListDto, KeyCaseListQueryDto } from '@huiying/contracts';
import { KeyCaseService } from './key-case.service';

@ApiTags('key cases')
@Controller('v1/key-cases')
export class KeyCaseController {
  constructor(private readonly keyCases: KeyCaseService) {}

  @RequireScope('read', { caseParam: false })
  @Get()
  @ApiOperation({
    summary: 'The key-case ledger (重点舆情台账): key cases within the caller’s reach with their follow-up entries, resolution and its verification, accountability talks',
    description: "From the ledger's read model. Reach as GET /v1/cases: a department key its own cases, a supervisor its jurisdiction. format=csv answers text/csv in UTF-8 with BOM, Chinese headings, one row per follow-up entry.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: KeyCaseListDto })
  async list(@Query() q: KeyCaseListQueryDto, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<KeyCaseListDto | string> {
    if (q.format !== 'csv') return this.keyCases.list(q, caller);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="key-cases.csv"; filename*=UTF-8''${encodeURIComponent('重点舆情台账.csv')}`);
    return this.keyCases.csv(q, caller);
  }
}
