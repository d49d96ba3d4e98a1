import { IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { CASE_KINDS, GRADES, WORKFLOW_CASE_CHANGES, type CaseChange, type CaseKind, type CaseStageChange, type Grade } from '../workflow/case';

/**
 * cases.events.v1 — a case changed stage, or something else happened to it (`change`: escalation, reminder, transfer,
 * new grade, …; then `stage` equals `previousStage`). Keyed by case id; id = `${caseId}:${sequence}`.
 */
export class CaseStageChangedV1 implements CaseStageChange {
  @IsUUID() caseId!: string;
  @IsIn(CASE_KINDS) kind!: CaseKind;
  @IsInt() @Min(1) sequence!: number;
  @IsString() @IsNotEmpty() stage!: string;
  @IsOptional() @IsString() previousStage!: string | null;
  @IsOptional() @IsString() department!: string | null;
  @IsArray() @IsString({ each: true }) ccDepartments!: string[];
  /** Co-handling departments (协办) at the time of the event; absent on events emitted before it was carried. */
  @IsOptional() @IsArray() @IsString({ each: true }) coDepartments?: string[];
  @IsOptional() @IsIn(GRADES) grade!: Grade | null;
  @IsOptional() @IsString() jurisdiction!: string | null;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @IsObject() detail!: Record<string, unknown>;
  /** Never `bulletin_notice` here: the ledger builds those for its gRPC stream, they are no workflow event. */
  @IsOptional() @IsIn(WORKFLOW_CASE_CHANGES) change?: CaseChange;
}
