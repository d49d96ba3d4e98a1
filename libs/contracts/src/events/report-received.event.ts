import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES } from '@huiying/policy';
import { CHANNELS, type Channel } from '../workflow/case';

export class ReportLocationV1 {
  @IsOptional() @IsString() @MaxLength(100) district?: string;
  @IsOptional() @IsString() @MaxLength(100) township?: string;
  @IsOptional() @IsString() @MaxLength(500) address?: string;
}

/**
 * intake.reports.received.v1 — a report was durably stored and belongs to a case.
 * Carries no personal data: the reporter's contact stays in intake's (encrypted) store.
 */
export class ReportReceivedV1 {
  @IsUUID() reportId!: string;
  @IsUUID() caseId!: string;
  @IsIn(CHANNELS) channel!: Channel;
  @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @IsString() @IsNotEmpty() @MaxLength(20000) content!: string;
  @IsIn(CATEGORIES as readonly string[]) category!: string;
  @ValidateNested() @Type(() => ReportLocationV1) location!: ReportLocationV1;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @IsISO8601({ strict: true }) receivedAt!: string;
  @IsOptional() @IsString() @MaxLength(200) sourceRef?: string;
}
