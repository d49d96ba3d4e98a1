import { RequiredNested } from '../nested';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES } from '@huiying/policy';
import { CHANNELS, GRADES, type Channel, type Grade } from '../workflow/case';

export class ReportLocationV1 {
  @IsOptional() @IsString() @MaxLength(100) district?: string;
  @IsOptional() @IsString() @MaxLength(100) township?: string;
  @IsOptional() @IsString() @MaxLength(500) address?: string;
}

/** Why a report joined an existing case instead of opening one. */
export const GROUPING_REASONS = ['sourceRef', 'near_duplicate'] as const;
export type GroupingReason = (typeof GROUPING_REASONS)[number];

/** Present when the report joined an existing (open) case: the group grew. */
export class ReportGroupingV1 {
  @IsIn(GROUPING_REASONS) reason!: GroupingReason;
  /** Estimated Jaccard similarity of the texts (0–1) for 'near_duplicate'. */
  @IsOptional() @IsNumber() @Min(0) @Max(1) similarity?: number;
  /** The report of the case this one was found similar to. */
  @IsOptional() @IsUUID() groupedWithReportId?: string;
  /** Reports in the case, this one included. */
  @IsInt() @Min(2) groupSize!: number;
  /** The grade the whole group calls for (the automatic grading model over all its reports), when above general. */
  @IsOptional() @IsIn(GRADES) suggestedGrade?: Grade;
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
  @RequiredNested(() => ReportLocationV1) location!: ReportLocationV1;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @IsISO8601({ strict: true }) receivedAt!: string;
  /** When the channel or monitoring found the matter, when it said so; absent: the receipt time stands in. */
  @IsOptional() @IsISO8601({ strict: true }) discoveredAt?: string;
  /** The policy jurisdiction the report asked for; absent: routing's default jurisdiction. */
  @IsOptional() @IsString() @MaxLength(100) jurisdiction?: string;
  @IsOptional() @IsString() @MaxLength(200) sourceRef?: string;
  /** Absent for the report that opened the case; present when it joined an existing case. */
  @IsOptional() @ValidateNested() @Type(() => ReportGroupingV1) grouping?: ReportGroupingV1;
}
