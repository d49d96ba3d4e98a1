import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@huiying/access';
import {
  AccessSystemDto,
  AccessSystemListDto,
  ApiKeyDto,
  ApiKeyListDto,
  AuditLogPageDto,
  AuditLogQueryDto,
  CreateAccessSystemDto,
  IssueApiKeyDto,
  IssuedApiKeyDto,
  RevokeApiKeyDto,
} from '@huiying/contracts';
import { AccessAdminService } from './access-admin.service';

@ApiTags('access administration')
@ApiBearerAuth()
@Controller('v1/access')
export class AccessAdminController {
  constructor(private readonly admin: AccessAdminService) {}

  @RequireScope('admin', { caseParam: false })
  @Post('systems')
  @ApiOperation({ summary: 'Register a calling system with its kind, reach (department / jurisdiction), scopes and rate limit' })
  @ApiCreatedResponse({ type: AccessSystemDto })
  @ApiConflictResponse({ description: 'The id is taken.' })
  createSystem(@Body() dto: CreateAccessSystemDto): Promise<AccessSystemDto> {
    return this.admin.createSystem(dto);
  }

  @RequireScope('admin', { caseParam: false })
  @Get('systems')
  @ApiOperation({ summary: 'Every calling system' })
  @ApiOkResponse({ type: AccessSystemListDto })
  listSystems(): Promise<AccessSystemListDto> {
    return this.admin.listSystems();
  }

  @RequireScope('admin', { caseParam: false })
  @Post('systems/:systemId/disable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Disable a calling system: every key of it is refused (401) — at once here, within 30 s on the other services' })
  @ApiOkResponse({ type: AccessSystemDto })
  @ApiNotFoundResponse({ description: 'No such system.' })
  disableSystem(@Param('systemId') systemId: string): Promise<AccessSystemDto> {
    return this.admin.setDisabled(systemId, true);
  }

  @RequireScope('admin', { caseParam: false })
  @Post('systems/:systemId/enable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Enable a disabled calling system again (its unrevoked, unexpired keys work again)' })
  @ApiOkResponse({ type: AccessSystemDto })
  @ApiNotFoundResponse({ description: 'No such system.' })
  enableSystem(@Param('systemId') systemId: string): Promise<AccessSystemDto> {
    return this.admin.setDisabled(systemId, false);
  }

  @RequireScope('admin', { caseParam: false })
  @Post('systems/:systemId/keys')
  @ApiOperation({ summary: 'Issue an API key: returned this once (stored as a hash). Rotation: issue a new key, switch, then revoke the old one.' })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  @ApiNotFoundResponse({ description: 'No such system.' })
  issueKey(@Param('systemId') systemId: string, @Body() dto: IssueApiKeyDto): Promise<IssuedApiKeyDto> {
    return this.admin.issueKey(systemId, dto.expiresAt);
  }

  @RequireScope('admin', { caseParam: false })
  @Get('systems/:systemId/keys')
  @ApiOperation({ summary: "A system's keys (prefixes only)" })
  @ApiOkResponse({ type: ApiKeyListDto })
  listKeys(@Param('systemId') systemId: string): Promise<ApiKeyListDto> {
    return this.admin.listKeys(systemId);
  }

  @RequireScope('admin', { caseParam: false })
  @Post('keys/:keyId/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Revoke a key now, or let it expire at `at` (grace period while a rotated key rolls out). Other services stop accepting it within 30 s.' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ description: 'No such key.' })
  revokeKey(@Param('keyId', new ParseUUIDPipe()) keyId: string, @Body() dto: RevokeApiKeyDto): Promise<ApiKeyDto> {
    return this.admin.revokeKey(keyId, dto.at);
  }
}

@ApiTags('access administration')
@ApiBearerAuth()
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly admin: AccessAdminService) {}

  @RequireScope('admin', { caseParam: false })
  @Get()
  @ApiOperation({ summary: 'The audit log of state-changing calls (accepted and refused), newest first, with filters and paging' })
  @ApiOkResponse({ type: AuditLogPageDto })
  list(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.admin.auditLog(query);
  }
}
