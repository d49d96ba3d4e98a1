// Role grants (access administration on the ledger, scope admin): a named person holds a role for a jurisdiction (and
// optionally one department) from one date to another, granted by someone, until revoked. Actions that the law
// reserves to a role holder (条例第三十三条第二款: an extension needs the consent of the head of the 政府信息公开工作机构)
// name the approver by person id, and the service checks the grant. README → Access control → Role grants.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { DateField, IsIsoDate, NotBeforeToday, OptionalDateField } from './validation';

/**
 * The roles a person can be granted (a typed list: a new role needs code that knows what it allows, and a migration
 * for the CHECK of access.role_grants.role).
 * - head_of_disclosure_office: 政府信息公开工作机构负责人 — approves an extension of the answer period (条例第三十三条第二款)
 *   and a hardship waiver of the information-processing fee.
 */
export const ACCESS_ROLES = ['head_of_disclosure_office'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** A stable person id (staff number, directory id): letters, digits, '.', '_', '-'; 1–64 characters. */
export const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const PERSON_ID_MESSAGE = 'must be a person id: 1–64 characters of letters, digits, . _ - (e.g. staff-0421)';
/** A jurisdiction a grant is valid for: one code, never '*' (a person heads one office). */
const GRANT_JURISDICTION = /^[a-z0-9][a-z0-9_.-]{0,99}$/;
const DEPARTMENT = /^[a-z0-9_.-]{1,100}$/;

/** A date on or after the object's `validFrom` (YYYY-MM-DD strings compare as dates). */
const NotBeforeValidFrom = () =>
  ValidateBy({
    name: 'notBeforeValidFrom',
    validator: {
      validate: (value: unknown, args) => {
        const from = (args?.object as { validFrom?: unknown }).validFrom;
        return typeof value !== 'string' || typeof from !== 'string' || value >= from;
      },
      defaultMessage: (args) => `${args?.property} must not be before validFrom`,
    },
  });

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class CreateRoleGrantDto {
  @ApiProperty({ example: 'staff-0421', description: 'The stable id of the person (staff number); actions name the approver by it.' })
  @IsString() @Matches(PERSON_ID, { message: `personId ${PERSON_ID_MESSAGE}` })
  personId!: string;

  @ApiProperty({ example: '王主任', description: 'The name printed on notices (e.g. the 延期答复告知书).' })
  @trim() @IsString() @IsNotEmpty() @MaxLength(100)
  personName!: string;

  @ApiProperty({ enum: ACCESS_ROLES })
  @IsIn(ACCESS_ROLES, { message: `role must be one of: ${ACCESS_ROLES.join(', ')}` })
  role!: AccessRole;

  @ApiProperty({ example: 'seed-city', description: "The case jurisdiction the grant is valid for (a case's `jurisdiction`; not '*')." })
  @IsString() @Matches(GRANT_JURISDICTION, { message: "jurisdiction must be one jurisdiction code (e.g. seed-city; '*' is not allowed for a person)" })
  jurisdiction!: string;

  @ApiPropertyOptional({ example: 'disclosure_office', description: "Only for cases led by this department (none: every case of the jurisdiction)." })
  @IsOptional() @IsString() @Matches(DEPARTMENT, { message: 'department must be a department code, e.g. disclosure_office' })
  department?: string;

  @ApiProperty({ example: '某市人民政府办公室（政务公开办）', description: "The office the person heads, as notices print it (the approver's office)." })
  @trim() @IsString() @IsNotEmpty() @MaxLength(200)
  office!: string;

  @DateField('First day the grant is valid (Asia/Shanghai calendar day).', '2026-01-01')
  validFrom!: string;

  @OptionalDateField('Last day the grant is valid, inclusive (none: until revoked); not before today.', '2028-12-31') @NotBeforeValidFrom()
  @NotBeforeToday('a grant that has ended already would never be active (a current grant is ended by revoking it)')
  validTo?: string;

  @ApiProperty({ example: '市政府办公室主任 赵某', description: 'Who granted the role (the official whose decision this records).' })
  @trim() @IsString() @IsNotEmpty() @MaxLength(200)
  grantedBy!: string;

  @ApiPropertyOptional({ example: '市政办任〔2026〕3号', description: 'The appointment or delegation document, if any.' })
  @IsOptional() @trim() @IsString() @IsNotEmpty() @MaxLength(500)
  basis?: string;
}

export class RevokeRoleGrantDto {
  @ApiProperty({ example: '市政府办公室主任 赵某', description: 'Who revoked it.' })
  @trim() @IsString() @IsNotEmpty() @MaxLength(200)
  revokedBy!: string;

  @ApiProperty({ example: '岗位调整', description: 'Why (kept with the grant).' })
  @trim() @IsString() @IsNotEmpty() @MaxLength(1000)
  reason!: string;
}

export class RoleGrantQueryDto {
  @ApiPropertyOptional({ example: 'staff-0421' })
  @IsOptional() @IsString() @Matches(PERSON_ID, { message: `personId ${PERSON_ID_MESSAGE}` })
  personId?: string;

  @ApiPropertyOptional({ enum: ACCESS_ROLES })
  @IsOptional() @IsIn(ACCESS_ROLES, { message: `role must be one of: ${ACCESS_ROLES.join(', ')}` })
  role?: AccessRole;

  @ApiPropertyOptional({ example: 'seed-city' })
  @IsOptional() @IsString() @Matches(GRANT_JURISDICTION, { message: 'jurisdiction must be a jurisdiction code' })
  jurisdiction?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-03', description: 'Only grants active on this day (valid then and not revoked).' })
  @IsOptional() @IsIsoDate()
  activeOn?: string;

  @ApiPropertyOptional({ default: true, description: 'false: leave revoked grants out.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeRevoked must be true or false' })
  includeRevoked?: boolean;
}

export class RoleGrantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() personId!: string;
  @ApiProperty() personName!: string;
  @ApiProperty({ enum: ACCESS_ROLES }) role!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ type: String, nullable: true }) department!: string | null;
  @ApiProperty() office!: string;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validTo!: string | null;
  @ApiProperty({ type: String, nullable: true }) basis!: string | null;
  @ApiProperty() grantedBy!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The calling system that recorded the grant (null: the access CLI).' }) grantedBySystem!: string | null;
  @ApiProperty({ format: 'date-time' }) grantedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedBySystem!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason!: string | null;
}

export class RoleGrantListDto {
  @ApiProperty({ type: [RoleGrantDto] }) grants!: RoleGrantDto[];
}
