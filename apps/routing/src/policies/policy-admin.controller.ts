import { RequireScope } from '@huiying/access';
import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { PolicyVersionDto, PublishPolicyDto } from '@huiying/contracts';
import { PolicyService } from './policy.service';

@ApiTags('policies-admin')
@Controller('v1/admin/policies')
export class PolicyAdminController {
  constructor(private readonly policies: PolicyService) {}

  @RequireScope('admin', { caseParam: false })
  @Post()
  @ApiOperation({
    summary: 'Publish a new policy version (immutable; there is no update)',
    description: 'Cases started before keep their version; from effectiveFrom on, new cases get this one.',
  })
  @ApiCreatedResponse({ type: PolicyVersionDto })
  @ApiBadRequestResponse({ description: 'Field-level errors in the header.' })
  @ApiUnprocessableEntityResponse({ description: 'The content breaks the rules of its kind: problems listed.' })
  @ApiConflictResponse({ description: 'That version (or another version with the same effectiveFrom) is already published.' })
  publish(@Body() dto: PublishPolicyDto): Promise<PolicyVersionDto> {
    return this.policies.publish(dto);
  }
}
