import { RequireScope } from '@huiying/access';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PolicyInForceQueryDto, PolicyKindParamDto, PolicyVersionDto, PolicyVersionParamDto } from '@huiying/contracts';
import { PolicyService } from './policy.service';

/** Published policy versions (deadlines, disclosure rules, routing rules) for other systems and the workflows. */
@ApiTags('policies')
@Controller('v1/policies')
export class PolicyController {
  constructor(private readonly policies: PolicyService) {}

  @RequireScope('read', { caseParam: false })
  @Get(':kind')
  @ApiOperation({ summary: 'The version in force at an instant (latest effectiveFrom ≤ at) for a jurisdiction' })
  @ApiOkResponse({ type: PolicyVersionDto })
  @ApiBadRequestResponse({ description: 'Field-level errors.' })
  @ApiNotFoundResponse({ description: 'No version of that kind and jurisdiction is in force at that instant.' })
  inForce(@Param() params: PolicyKindParamDto, @Query() query: PolicyInForceQueryDto): Promise<PolicyVersionDto> {
    return this.policies.inForce(params.kind, query);
  }

  @RequireScope('read', { caseParam: false })
  @Get(':kind/:jurisdiction/:version')
  @ApiOperation({ summary: 'One published version (a case keeps the version it started under)' })
  @ApiOkResponse({ type: PolicyVersionDto })
  @ApiNotFoundResponse({ description: 'No such version.' })
  byVersion(@Param() params: PolicyVersionParamDto): Promise<PolicyVersionDto> {
    return this.policies.byVersion(params.kind, params.jurisdiction, params.version);
  }
}
