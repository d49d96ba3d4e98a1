import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CASE_KINDS } from '../workflow/case';
import { QueryInt } from './validation';

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
  @ApiProperty({ type: [String] }) ccDepartments!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) grade!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jurisdiction!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class CaseListDto {
  @ApiProperty({ type: [CaseSummaryDto] }) cases!: CaseSummaryDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as pageToken for the next page; null on the last page.' })
  nextPageToken!: string | null;
}
