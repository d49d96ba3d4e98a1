import { RequireScope } from '@huiying/access';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_ROUTING_RULES, DEPARTMENTS } from '@huiying/policy';

@ApiTags('routing')
@Controller('v1')
export class RoutingRulesController {
  @RequireScope('read', { caseParam: false })
  @Get('routing-rules')
  @ApiOperation({ summary: 'The routing rule set in force (category → lead department + mandatory copies)' })
  @ApiOkResponse({ description: 'The rule set with its version.' })
  rules() {
    return DEFAULT_ROUTING_RULES;
  }

  @RequireScope('read', { caseParam: false })
  @Get('departments')
  @ApiOperation({ summary: 'The department directory' })
  departments() {
    return DEPARTMENTS;
  }
}
