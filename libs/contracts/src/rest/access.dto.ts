import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { InFuture, IsInstantWithOffset, QueryInt } from './validation';

/** What a calling system may do (admin implies the others). README → Access control. */
export const ACCESS_SCOPES = ['submit', 'read', 'act', 'admin'] as const;
/** system: another government system; department: a department's client (reach: its own cases); supervisor: an office supervising a jurisdiction. */
export const CALLER_KINDS = ['system', 'department', 'supervisor'] as const;
export const AUDIT_OUTCOMES = ['ok', 'rejected', 'denied', 'error'] as const;

const SYSTEM_ID = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const DEPARTMENT = /^[a-z0-9_.-]{1,100}$/;
const JURISDICTION = /^(\*|[a-z0-9_.-]{1,100})$/;

export class CreateAccessSystemDto {
  @ApiProperty({ example: 'housing-bureau', description: 'Lower-case id: letters, digits, . _ -' })
  @IsString() @Matches(SYSTEM_ID, { message: 'id must be 2–63 characters: lower-case letters, digits, . _ - (e.g. hotline-12345)' })
  id!: string;

  @ApiProperty({ example: '市住建局业务系统' })
  @IsString() @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: CALLER_KINDS })
  @IsIn(CALLER_KINDS, { message: `kind must be one of: ${CALLER_KINDS.join(', ')}` })
  kind!: (typeof CALLER_KINDS)[number];

  @ApiPropertyOptional({ example: 'housing_urban_rural', description: "Kind department: the department code of cases' `department` (required then)." })
  @ValidateIf((o: CreateAccessSystemDto) => o.kind === 'department' || o.department !== undefined)
  @IsString() @Matches(DEPARTMENT, { message: 'department must be a department code, e.g. housing_urban_rural' })
  department?: string;

  @ApiPropertyOptional({ example: 'seed-city', description: "Supervisor / system: the case jurisdiction reached ('*' = all). Left out: none — the system reaches no case (it may still submit); reach is granted explicitly." })
  @IsOptional() @IsString() @Matches(JURISDICTION, { message: "jurisdiction must be a jurisdiction code or '*'" })
  jurisdiction?: string;

  @ApiProperty({ enum: ACCESS_SCOPES, isArray: true, example: ['read', 'act'] })
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(ACCESS_SCOPES, { each: true, message: `scopes must be among: ${ACCESS_SCOPES.join(', ')}` })
  scopes!: (typeof ACCESS_SCOPES)[number][];

  @ApiPropertyOptional({ default: 600, minimum: 1, maximum: 1000000, description: 'Requests per minute per service instance (token bucket).' })
  @IsOptional() @IsInt() @Min(1) @Max(1000000)
  rateLimitPerMinute?: number;
}

export class AccessSystemDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CALLER_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) department!: string | null;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ enum: ACCESS_SCOPES, isArray: true }) scopes!: string[];
  @ApiProperty() rateLimitPerMinute!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: string | null;
}

export class AccessSystemListDto {
  @ApiProperty({ type: [AccessSystemDto] }) systems!: AccessSystemDto[];
}

export class IssueApiKeyDto {
  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+08:00', description: 'When the key stops working (none: until revoked); must be in the future.' })
  @IsOptional() @IsInstantWithOffset() @InFuture('a key would be issued expired (send none for a key that works until revoked)')
  expiresAt?: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() systemId!: string;
  @ApiProperty({ description: 'Shown to humans; the key is hy_<prefix>_<secret>.' }) prefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
}

export class IssuedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself: returned this once, stored only as a hash. Send it as Authorization: Bearer <key>.' })
  key!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) keys!: ApiKeyDto[];
}

export class RevokeApiKeyDto {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'Let the key expire then (rotation grace) instead of revoking it now; must be in the future.' })
  @IsOptional() @IsInstantWithOffset() @InFuture('a grace that has ended would be recorded as an expiry in the past (send no `at` to revoke now)')
  at?: string;
}

export class AuditLogQueryDto {
  @ApiPropertyOptional({ example: 'hotline-12345' })
  @IsOptional() @IsString() @Matches(SYSTEM_ID, { message: 'systemId must be a system id' })
  systemId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Calls on this case (same as target).' })
  @IsOptional() @IsUUID('all', { message: 'caseId must be a UUID' })
  caseId?: string;

  @ApiPropertyOptional({ description: 'The case or resource acted on.' })
  @IsOptional() @IsString() @MaxLength(200)
  target?: string;

  @ApiPropertyOptional({ example: 'POST /v1/cases/:caseId/claim', description: 'Route template (REST) or service/RPC (gRPC).' })
  @IsOptional() @IsString() @MaxLength(300)
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional() @IsIn(AUDIT_OUTCOMES, { message: `outcome must be one of: ${AUDIT_OUTCOMES.join(', ')}` })
  outcome?: (typeof AUDIT_OUTCOMES)[number];

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'At or after this instant.' })
  @IsOptional() @IsInstantWithOffset()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'Before this instant.' })
  @IsOptional() @IsInstantWithOffset()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional() @QueryInt(1, 500)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'nextPageToken of the previous page.' })
  @IsOptional() @IsString() @Matches(/^[0-9]{1,19}$/, { message: 'pageToken is not a token this API issued' })
  pageToken?: string;
}

export class AuditLogEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'routing' }) service!: string;
  @ApiProperty({ enum: ['rest', 'grpc', 'cli'], description: 'cli: the access CLI (npm run access), which writes Postgres directly.' }) transport!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The calling system (null: no valid key).' }) systemId!: string | null;
  @ApiProperty({ type: String, nullable: true }) keyId!: string | null;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: 'POST /v1/cases/:caseId/claim' }) action!: string;
  @ApiProperty({ type: String, nullable: true }) target!: string | null;
  @ApiProperty({ example: '200', description: 'HTTP status or gRPC status name.' }) status!: string;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) remoteAddress!: string | null;
  @ApiProperty({ type: Object, description: 'Error code, names of invalid fields; never bodies or personal data.' }) detail!: Record<string, unknown>;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] }) entries!: AuditLogEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextPageToken!: string | null;
}
