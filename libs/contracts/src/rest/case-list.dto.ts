import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CASE_KINDS, CHANNELS, GRADES } from '../workflow/case';
import { DISCLOSURE_CHANNELS } from '../workflow/disclosure';
import { OptionalDateField, QueryInt } from './validation';

/** The channels a case can be listed by: a report's (opinion) or an application's (disclosure). */
export const CASE_LIST_CHANNELS: readonly string[] = [...new Set<string>([...CHANNELS, ...DISCLOSURE_CHANNELS])];

/** GET /v1/cases (and gRPC CaseService.ListCases): filters and keyset paging, newest first. */
export class ListCasesQueryDto {
  @ApiPropertyOptional({ example: 'housing_urban_rural', description: 'Lead department.' })
  @IsOptional() @IsString() @Matches(/^[a-z0-9_.-]{1,100}$/, { message: 'department must be a department code, e.g. housing_urban_rural' })
  department?: string;

  @ApiPropertyOptional({ example: 'routed' })
  @IsOptional() @IsString() @Matches(/^[a-z_]{1,50}$/, { message: 'stage must be a stage name, e.g. routed' })
  stage?: string;

  @ApiPropertyOptional({ enum: CASE_KINDS })
  @IsOptional() @IsIn(CASE_KINDS, { message: `kind must be one of: ${CASE_KINDS.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({ enum: GRADES, description: 'Current grade (一般 general, 较大 significant, 重大 major, 特别重大 especially_major).' })
  @IsOptional() @IsIn(GRADES, { message: `grade must be one of: ${GRADES.join(', ')}` })
  grade?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: cases past a deadline that is not met (督办); false: the others.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ enum: CASE_LIST_CHANNELS, description: 'Cases with a report from this channel (any of a grouped case\'s reports), e.g. hotline_12345 for the 12345 platform\'s own orders.' })
  @IsOptional() @IsIn(CASE_LIST_CHANNELS, { message: `channel must be one of: ${CASE_LIST_CHANNELS.join(', ')}` })
  channel?: string;

  @OptionalDateField('Opened on or after this day (Asia/Shanghai).', '2026-11-01')
  from?: string;

  @OptionalDateField('Opened on or before this day (Asia/Shanghai).', '2026-11-30')
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @QueryInt(1, 200)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'nextPageToken of the previous page.' })
  @IsOptional() @IsString() @MaxLength(500) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'pageToken is not a token this API issued' })
  pageToken?: string;
}

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
  @ApiProperty() stage!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiProperty({ type: [String], description: 'Departments copied (抄送): they may read the case.' }) ccDepartments!: string[];
  @ApiProperty({ type: [String], description: 'Co-handling departments (协办): they read the case and act on their part.' }) coDepartments!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) grade!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jurisdiction!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ type: Boolean, description: 'A deadline is past and not met (督办).' }) overdue?: boolean;
  @ApiPropertyOptional({ description: 'Highest escalation level reached (0: none).' }) escalationLevel?: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Channel of the first report.' }) channel?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Every channel the case\'s reports came through, first-heard order (a grouped case can have several).' }) channels?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) category?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the matter was discovered: the channel\'s discoveredAt, else the receipt time.' }) discoveredAt?: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['channel', 'receipt'], description: 'Which of the two discoveredAt is (null: older cases).' }) discoveredAtSource?: 'channel' | 'receipt' | null;
}

export class CaseListDto {
  @ApiProperty({ type: [CaseSummaryDto] }) cases!: CaseSummaryDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as pageToken for the next page; null on the last page.' })
  nextPageToken!: string | null;
}
