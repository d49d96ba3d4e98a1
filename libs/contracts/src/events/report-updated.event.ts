import { RequiredNested } from '../nested';
import { ArrayMaxSize, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { CATEGORIES } from '@huiying/policy';
import { CHANNELS, type Channel } from '../workflow/case';
import { ReportLocationV1 } from './report-received.event';
import { URGENCIES, type Urgency } from '../rest/hotline.dto';

/**
 * intake.reports.updated.v1 — a stored report changed: a 12345 work order arrived again with a later revision (same
 * order number). Keyed by case id; the envelope id `report-updated:<reportId>:<revision>` makes consumers idempotent,
 * and a consumer applies a revision only over an older one. Carries the report's current non-personal fields (what
 * the report-received event carries) and the names of the fields that changed; the caller's contact never leaves
 * intake's encrypted store ('caller' in changedFields says only that it changed).
 */
export class ReportUpdatedV1 {
  @IsUUID() reportId!: string;
  @IsUUID() caseId!: string;
  /** The source's revision of the report (the work order's revision). */
  @IsInt() @Min(1) revision!: number;
  /** The revision this one replaces. */
  @IsInt() @Min(1) previousRevision!: number;
  /** Names of the source fields that changed (e.g. content, urgency, location, caller). */
  @IsString({ each: true }) @Matches(/^[A-Za-z][A-Za-z0-9_.]*$/, { each: true }) @ArrayMaxSize(50) changedFields!: string[];
  @IsIn(CHANNELS) channel!: Channel;
  @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @IsString() @IsNotEmpty() @MaxLength(20000) content!: string;
  @IsIn(CATEGORIES as readonly string[]) category!: string;
  @RequiredNested(() => ReportLocationV1) location!: ReportLocationV1;
  @IsISO8601({ strict: true }) occurredAt!: string;
  /** Work orders: normal | urgent | very_urgent (紧急程度). */
  @IsOptional() @IsIn(URGENCIES) urgency?: Urgency;
  @IsOptional() @IsString() @MaxLength(200) sourceRef?: string;
  @IsISO8601({ strict: true }) updatedAt!: string;
}
