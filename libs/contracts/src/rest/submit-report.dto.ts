import { RequiredNested } from '../nested';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES } from '@huiying/policy';
import { CHANNELS, GRADES, type Channel, type Grade } from '../workflow/case';
import { IsCode, IsDiscoveredAt, NotInFuture } from './validation';

export class LocationDto {
  @ApiPropertyOptional({ example: '城关区', description: 'District (区/县) where the matter happened: decides the territory (属地).' })
  @IsOptional() @IsString() @MaxLength(100)
  district?: string;

  @ApiPropertyOptional({ example: '东风街道', description: 'Township or street office (乡镇/街道).' })
  @IsOptional() @IsString() @MaxLength(100)
  township?: string;

  @ApiPropertyOptional({ example: '东风路 12 号' })
  @IsOptional() @IsString() @MaxLength(500)
  address?: string;
}

export class ReporterContactDto {
  @ApiPropertyOptional({ example: '张三', description: 'Personal data: encrypted at rest, masked in logs.' })
  @IsOptional() @IsString() @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'Mainland mobile or landline. Personal data.' })
  @IsOptional() @Matches(/^\+?[0-9][0-9-]{5,19}$/, { message: 'phone must be digits, optionally with +country code and dashes' })
  phone?: string;

  @ApiPropertyOptional({ example: 'zhangsan@example.cn' })
  @IsOptional() @IsEmail()
  email?: string;
}

/** POST /v1/reports — a public-opinion report from a channel (portal, Weibo, 12345, …). */
export class SubmitReportDto {
  @ApiProperty({ enum: CHANNELS, example: 'weibo' })
  @IsIn(CHANNELS, { message: `channel must be one of: ${CHANNELS.join(', ')}` })
  channel!: Channel;

  @ApiProperty({ example: '某小区供暖不热', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '网友反映东风街道某小区入冬以来暖气温度不达标……', maxLength: 20000 })
  @IsString() @IsNotEmpty() @MaxLength(20000)
  content!: string;

  @ApiProperty({ example: '2026-11-20T08:30:00+08:00', description: 'When the matter happened or was posted (ISO 8601 with offset).' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'occurredAt must be an ISO 8601 date-time, e.g. 2026-11-20T08:30:00+08:00' })
  @NotInFuture()
  occurredAt!: string;

  @ApiPropertyOptional({
    example: '2026-11-20T08:45:00+08:00',
    description:
      'When the channel or monitoring found the matter (ISO 8601 with offset): not in the future (5 minutes of clock skew allowed), not before occurredAt. ' +
      'Clocks that count from discovery (e.g. the national 5 h release) start here; without it the receipt time is used, and the case says which (discoveredAtSource channel | receipt).',
  })
  @IsOptional() @IsDiscoveredAt()
  discoveredAt?: string;

  @ApiProperty({ type: LocationDto })
  @RequiredNested(() => LocationDto)
  location!: LocationDto;

  @ApiPropertyOptional({
    example: 'seed-city',
    description:
      "The policy jurisdiction whose routing table and deadlines apply (a code of GET /v1/policies on routing, e.g. 'seed-city'). Default: the calling system's own jurisdiction, else the deployment's default. A system bound to one jurisdiction may not submit for another (403).",
  })
  @IsOptional() @IsCode()
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: CATEGORIES, example: 'housing', description: 'Routing category; "other" (→ 政府办公室) when absent.' })
  @IsOptional() @IsIn(CATEGORIES as readonly string[], { message: `category must be one of: ${CATEGORIES.join(', ')}` })
  category?: string;

  @ApiPropertyOptional({ type: ReporterContactDto })
  @IsOptional() @ValidateNested() @Type(() => ReporterContactDto)
  reporter?: ReporterContactDto;

  @ApiPropertyOptional({ example: 'weibo:4987654321', description: 'The source system\'s own id: the same sourceRef always maps to the same case.' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  sourceRef?: string;
}

export class ReportGroupingDto {
  @ApiProperty({ enum: ['sourceRef', 'near_duplicate'], description: 'sourceRef: this report was already received (nothing stored); near_duplicate: a new report of a matter already open at the same place.' })
  reason!: 'sourceRef' | 'near_duplicate';
  @ApiPropertyOptional({ example: 0.62, description: 'Estimated text similarity (0–1) to the report it was grouped with (near_duplicate).' })
  similarity?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'The report of the case it was found similar to (near_duplicate).' })
  groupedWithReportId?: string;
  @ApiPropertyOptional({ example: 2, description: 'Reports in the case, this one included (near_duplicate).' })
  groupSize?: number;
  @ApiPropertyOptional({ enum: GRADES, description: 'The grade the grown group calls for (automatic grading over all its reports), when above general; the case\'s grade is raised to it, never lowered.' })
  suggestedGrade?: Grade;
}

export class SubmitReportResponseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ description: 'true when this sourceRef was already received: nothing new was stored.' }) duplicate!: boolean;
  @ApiPropertyOptional({ type: ReportGroupingDto, description: 'Present when the report belongs to a case opened by an earlier report.' })
  grouping?: ReportGroupingDto;
}
