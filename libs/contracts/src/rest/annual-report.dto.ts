import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { QueryInt } from './validation';

export const ANNUAL_REPORT_FORMATS = ['json', 'csv'] as const;
export type AnnualReportFormat = (typeof ANNUAL_REPORT_FORMATS)[number];

/** GET /v1/annual-reports/disclosure?year=&format=&department= */
export class AnnualReportQueryDto {
  @ApiProperty({ example: 2026, description: 'calendar year of the report' })
  @QueryInt(2000, 2100)
  year!: number;

  @ApiPropertyOptional({ enum: ANNUAL_REPORT_FORMATS, description: 'csv: UTF-8 with BOM (also chosen by Accept: text/csv)' })
  @IsOptional()
  @IsIn(ANNUAL_REPORT_FORMATS, { message: `format must be one of: ${ANNUAL_REPORT_FORMATS.join(', ')}` })
  format?: AnnualReportFormat;

  @ApiPropertyOptional({ example: 'disclosure_office', description: 'only the applications this department answered (lead department)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;
}

export class AnnualReportRowDto {
  @ApiProperty({ example: 'withheld.third_party_rights' }) key!: string;
  @ApiProperty({ example: '三（三）4' }) row!: string;
  @ApiProperty({ example: '保护第三方合法权益' }) labelZh!: string;
  @ApiProperty({ description: 'a heading row groups the rows below it and has no counts' }) heading!: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: Object,
    example: { natural_person: 1, commercial_enterprise: 0, research_institution: 0, public_interest_organisation: 0, legal_services_organisation: 2, other: 0, total: 3 },
  })
  counts!: Record<string, number> | null;
}

export class AnnualReportCheckDto {
  @ApiProperty() newThisYear!: number;
  @ApiProperty() carriedOver!: number;
  @ApiProperty() resultsTotal!: number;
  @ApiProperty() carriedForward!: number;
  @ApiProperty({ description: '本年新收 + 上年结转 = 办理结果总计 + 结转下年度 in every column' }) balanced!: boolean;
}

/** 国办公开办函〔2021〕30号 table 三 "收到和处理政府信息公开申请情况". */
export class AnnualReportDto {
  @ApiProperty() year!: number;
  @ApiProperty() table!: string;
  @ApiProperty() format!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiProperty({ type: Object, isArray: true, example: [{ key: 'natural_person', group: '自然人', labelZh: '自然人' }] })
  columns!: { key: string; group: string; labelZh: string }[];
  @ApiProperty({ type: [AnnualReportRowDto] }) rows!: AnnualReportRowDto[];
  @ApiProperty({ type: AnnualReportCheckDto }) check!: AnnualReportCheckDto;
  @ApiProperty({ description: 'applications whose receipt the ledger has not seen (left out; should be 0)' }) incomplete!: number;
  @ApiProperty() generatedAt!: string;
}
