import { CurrentCaller, RequireScope, type Caller } from '@huiying/access';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HOTLINE_STATUS_MAX, HotlineOrderStatusListDto, HotlineOrderStatusQueryDto } from '@huiying/contracts';
import { HotlineStatusService } from './hotline-status.service';

@ApiTags('hotline')
@Controller('v1/hotline/work-orders')
export class HotlineStatusController {
  constructor(private readonly status: HotlineStatusService) {}

  @RequireScope('read', { caseParam: false })
  @Get()
  @ApiOperation({
    summary: `Status by order number (12345): for each order number (1–${HOTLINE_STATUS_MAX}) its case, stage, lead department, the due times of the clocks still running, overdue, closed`,
    description: "From the ledger's read model. An order not received (or rejected), not yet in the ledger, or whose case is out of the caller's reach answers found: false. Reach as GET /v1/cases.",
  })
  @ApiOkResponse({ type: HotlineOrderStatusListDto })
  list(@Query() q: HotlineOrderStatusQueryDto, @CurrentCaller() caller: Caller): Promise<HotlineOrderStatusListDto> {
    return this.status.statuses(q.orderNo, caller);
  }
}
