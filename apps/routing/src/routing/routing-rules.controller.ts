import { RequireScope } from '@huiying/access';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RoutingRulesQueryDto } from '@huiying/contracts';
import { DEFAULT_ROUTING_RULES, DEPARTMENTS, type RoutingRuleSet } from '@huiying/policy';
import { PolicyService } from '../policies/policy.service';
import { RoutingConfig } from '../routing.config';

@ApiTags('routing')
@Controller('v1')
export class RoutingRulesController {
  constructor(
    private readonly policies: PolicyService,
    private readonly config: RoutingConfig,
  ) {}

  @RequireScope('read', { caseParam: false })
  @Get('routing-rules')
  @ApiOperation({
    summary: 'The routing rule set in force for a jurisdiction (category → lead department + mandatory copies)',
    description:
      "The version new cases of the jurisdiction are routed with at `at` (default now): its own version in force (published with POST /v1/admin/policies or built in), else the default jurisdiction's, with `resolvedBy` in_force | fallback.",
  })
  @ApiOkResponse({ description: '{ jurisdiction, at, resolvedBy, rules: the rule set with its version }' })
  async rules(@Query() query: RoutingRulesQueryDto) {
    const jurisdiction = query.jurisdiction ?? this.config.DEFAULT_JURISDICTION;
    const at = query.at ?? new Date().toISOString();
    const chosen = await this.policies.chooseInForce<RoutingRuleSet>('routing', jurisdiction, at, this.config.DEFAULT_JURISDICTION);
    return { jurisdiction, at, resolvedBy: chosen?.resolvedBy ?? 'fallback', rules: chosen?.policy ?? DEFAULT_ROUTING_RULES };
  }

  @RequireScope('read', { caseParam: false })
  @Get('departments')
  @ApiOperation({ summary: 'The department directory' })
  departments() {
    return DEPARTMENTS;
  }
}
