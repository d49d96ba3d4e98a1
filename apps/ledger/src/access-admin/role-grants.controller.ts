import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireScope, type Caller } from '@huiying/access';
import { CreateRoleGrantDto, RevokeRoleGrantDto, RoleGrantDto, RoleGrantListDto, RoleGrantQueryDto } from '@huiying/contracts';
import { RoleGrantsService } from './role-grants.service';

@ApiTags('access administration')
@ApiBearerAuth()
@Controller('v1/access/role-grants')
export class RoleGrantsController {
  constructor(private readonly grants: RoleGrantsService) {}

  @RequireScope('admin', { caseParam: false })
  @Post()
  @ApiOperation({
    summary: 'Grant a person a role (head_of_disclosure_office) for a jurisdiction, optionally one department, from validFrom to validTo',
    description: 'Actions reserved to the role (a disclosure extension, a fee waiver) name the person by personId; the service checks the grant on the day of the approval.',
  })
  @ApiCreatedResponse({ type: RoleGrantDto })
  grant(@Body() dto: CreateRoleGrantDto, @CurrentCaller() caller: Caller): Promise<RoleGrantDto> {
    return this.grants.grant(dto, caller);
  }

  @RequireScope('admin', { caseParam: false })
  @Get()
  @ApiOperation({ summary: 'Role grants (oldest first), by person, role, jurisdiction; activeOn: only those active that day' })
  @ApiOkResponse({ type: RoleGrantListDto })
  list(@Query() query: RoleGrantQueryDto): Promise<RoleGrantListDto> {
    return this.grants.list(query);
  }

  @RequireScope('admin', { caseParam: false })
  @Get(':grantId')
  @ApiOperation({ summary: 'One role grant' })
  @ApiOkResponse({ type: RoleGrantDto })
  @ApiNotFoundResponse({ description: 'No such grant.' })
  find(@Param('grantId', new ParseUUIDPipe()) grantId: string): Promise<RoleGrantDto> {
    return this.grants.find(grantId);
  }

  @RequireScope('admin', { caseParam: false })
  @Post(':grantId/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Revoke a role grant from now on: approvals naming the person are refused from this moment, whatever day they name' })
  @ApiOkResponse({ type: RoleGrantDto })
  @ApiNotFoundResponse({ description: 'No such grant.' })
  @ApiConflictResponse({ description: 'Revoked already.' })
  revoke(@Param('grantId', new ParseUUIDPipe()) grantId: string, @Body() dto: RevokeRoleGrantDto, @CurrentCaller() caller: Caller): Promise<RoleGrantDto> {
    return this.grants.revoke(grantId, dto, caller);
  }
}
