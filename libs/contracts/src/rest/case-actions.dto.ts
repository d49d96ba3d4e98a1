// REST bodies of the actions department staff and analysts take on an opinion case (routing: claim, transfer,
// co-handling; assessment: assessment, consultation, approval, verification) and what the assessment API answers.
// Each body maps onto a workflow update (@huiying/contracts/workflow); the workflow's validators have the last word.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DEPARTMENT_CODES } from '@huiying/policy';
import { GRADES, type Grade } from '../workflow/case';
import {
  CO_HANDLING_STATUSES,
  RISK_LEVELS,
  SUPERIOR_REPORT_MEANS,
  VERIFICATION_RESULTS,
  type CoHandlingStatus,
  type RiskLevel,
  type SuperiorReportMeans,
  type VerificationResult,
} from '../workflow/opinion-actions';
import { IsInstantWithOffset } from './validation';

/** A department code of the directory (GET /v1/departments on routing). */
function IsDepartment(field: string): PropertyDecorator {
  return IsIn(DEPARTMENT_CODES as readonly string[], { message: `${field} must be a department code of the directory (GET /v1/departments)` });
}

/** A required, non-blank person or text field. */
function Text(max: number): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    IsNotEmpty()(target, key);
    MaxLength(max)(target, key);
  };
}

// ------------------------------------------------------------------ routing: 认领, 转办, 主办/协办, 向上级报告

export class ClaimCaseDto {
  @ApiProperty({ example: 'housing_urban_rural', description: 'The department claiming; only the lead department can.' })
  @IsDepartment('department')
  department!: string;

  @ApiProperty({ example: '住建局 王科长', maxLength: 100 })
  @Text(100)
  claimedBy!: string;
}

export class TransferCaseDto {
  @ApiProperty({ example: 'market_regulation', description: 'The new lead department; it gets its own claim clock.' })
  @IsDepartment('toDepartment')
  toDepartment!: string;

  @ApiProperty({ example: '涉及燃气质量，属市场监管职责', maxLength: 1000 })
  @Text(1000)
  reason!: string;

  @ApiProperty({ example: '住建局 王科长', maxLength: 100 })
  @Text(100)
  transferredBy!: string;
}

/** 向上级报告: the lead department reported the matter to its superior (seed 003, alongside the first release). */
export class SuperiorReportDto {
  @ApiProperty({ example: '市人民政府总值班室', maxLength: 200, description: 'The superior body reported to.' })
  @Text(200)
  reportedTo!: string;

  @ApiProperty({ enum: SUPERIOR_REPORT_MEANS, example: 'phone', description: 'phone 电话 | written 书面 | system 系统报送 | in_person 当面' })
  @IsIn(SUPERIOR_REPORT_MEANS, { message: `means must be one of: ${SUPERIOR_REPORT_MEANS.join(', ')}` })
  means!: SuperiorReportMeans;

  @ApiProperty({ example: '2026-11-20T09:20:00+08:00', description: 'When it was reported (ISO 8601 with offset); lateness is judged on it. Not in the future, not before the matter was discovered (409 otherwise, like the publishedAt of a response).' })
  @IsInstantWithOffset()
  reportedAt!: string;

  @ApiProperty({ example: '住建局 王科长', maxLength: 100 })
  @Text(100)
  reportedBy!: string;

  @ApiProperty({ example: '东风街道某小区燃气爆炸，2人死亡，已组织救援，事实类信息正在发布', maxLength: 4000 })
  @Text(4000)
  summary!: string;
}

export class CoHandlerDto {
  @ApiProperty({ example: 'market_regulation' })
  @IsDepartment('department')
  department!: string;

  @ApiProperty({ example: '燃气质量抽检', maxLength: 500, description: 'The part of the handling it takes on.' })
  @Text(500)
  part!: string;
}

export class AddCoHandlersDto {
  @ApiProperty({ type: [CoHandlerDto], description: 'Co-departments (协办) beside the lead (主办), each with its part.' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20)
  @ValidateNested({ each: true }) @Type(() => CoHandlerDto)
  coHandlers!: CoHandlerDto[];

  @ApiProperty({ example: '政府办公室 李主任', maxLength: 100 })
  @Text(100)
  assignedBy!: string;
}

export class CoHandlingReportDto {
  @ApiProperty({ enum: CO_HANDLING_STATUSES.filter((s) => s !== 'assigned') })
  @IsIn(['in_progress', 'done'], { message: 'status must be one of: in_progress, done' })
  status!: Exclude<CoHandlingStatus, 'assigned'>;

  @ApiProperty({ example: '抽检 12 户燃气表，均合格', maxLength: 5000 })
  @Text(5000)
  summary!: string;

  @ApiProperty({ example: '市场监管局 赵工', maxLength: 100 })
  @Text(100)
  reportedBy!: string;
}

// ------------------------------------------------------------------ assessment: 研判, 会商, 报审, 核查

export class AssessmentFlagsDto {
  @ApiPropertyOptional({ description: '造成重大人员伤亡' }) @IsOptional() @IsBoolean() heavyCasualties?: boolean;
  @ApiPropertyOptional({ description: '社会影响较大' }) @IsOptional() @IsBoolean() largeSocialImpact?: boolean;
}

export class AnalystAssessmentDto {
  @ApiProperty({ enum: GRADES, description: '一般 general, 较大 significant, 重大 major, 特别重大 especially major' })
  @IsIn(GRADES, { message: `grade must be one of: ${GRADES.join(', ')}` })
  grade!: Grade;

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS, { message: `riskLevel must be one of: ${RISK_LEVELS.join(', ')}` })
  riskLevel!: RiskLevel;

  @ApiProperty({ description: 'Response value (回应价值): does the case need a public response?' })
  @IsBoolean()
  needsResponse!: boolean;

  @ApiPropertyOptional({ description: 'Sensitive cases go to joint consultation (会商) whatever their grade.' })
  @IsOptional() @IsBoolean()
  sensitive?: boolean;

  @ApiPropertyOptional({ type: AssessmentFlagsDto })
  @IsOptional() @ValidateNested() @Type(() => AssessmentFlagsDto)
  flags?: AssessmentFlagsDto;

  @ApiProperty({ example: '研判员 陈某', maxLength: 100 })
  @Text(100)
  assessedBy!: string;

  @ApiPropertyOptional({ example: '多家媒体转载，涉及燃气安全', maxLength: 2000, description: 'Required when the grade differs from the automatic one.' })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}

export class ConsultationDto {
  @ApiProperty({ type: [String], example: ['网信办', '政务公开办', '住建局'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ArrayUnique()
  @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(100, { each: true })
  participants!: string[];

  @ApiProperty({ example: '先行发布事实信息，24 小时内召开发布会', maxLength: 5000, description: 'The disposal opinion (预控处置意见).' })
  @Text(5000)
  opinion!: string;

  @ApiProperty({ example: '政府办公室 李主任', maxLength: 100 })
  @Text(100)
  convenedBy!: string;
}

export class ApprovalDto {
  @ApiProperty({ enum: ['approved', 'returned'], description: 'returned: back to another consultation round' })
  @IsIn(['approved', 'returned'], { message: 'decision must be one of: approved, returned' })
  decision!: 'approved' | 'returned';

  @ApiProperty({ example: '分管副市长 孙某', maxLength: 100 })
  @Text(100)
  approvedBy!: string;

  @ApiProperty({ example: '同意处置意见', maxLength: 5000 })
  @Text(5000)
  opinion!: string;
}

export class VerificationDto {
  @ApiProperty({ enum: VERIFICATION_RESULTS, description: '属实 true, 部分属实 partly_true, 不属实 untrue' })
  @IsIn(VERIFICATION_RESULTS, { message: `result must be one of: ${VERIFICATION_RESULTS.join(', ')}` })
  result!: VerificationResult;

  @ApiProperty({ example: '现场核实：3 栋供暖温度 14℃，低于标准', maxLength: 10000 })
  @Text(10000)
  findings!: string;

  @ApiProperty({ example: '住建局 王科长', maxLength: 100 })
  @Text(100)
  verifiedBy!: string;
}

/** One assessment on record (GET /v1/cases/:id/assessments). */
export class AssessmentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['automatic', 'analyst'] }) source!: 'automatic' | 'analyst';
  @ApiProperty({ enum: GRADES }) grade!: Grade;
  @ApiProperty({ enum: GRADES, description: "The case's grade after it (an automatic grade never lowers an analyst's)." }) effectiveGrade!: Grade;
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel!: RiskLevel;
  @ApiProperty() needsResponse!: boolean;
  @ApiProperty() sensitive!: boolean;
  @ApiProperty({ type: Object, example: { heavyCasualties: false, largeSocialImpact: false } }) flags!: Record<string, boolean>;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Automatic: the total score.' }) score!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'Automatic: each part of the score (reports, channels, growth, media, sensitive, casualties, territory).' })
  scoreParts!: Record<string, number> | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'Automatic: the case features it was computed from.' }) features!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) modelVersion!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lexiconVersion!: string | null;
  @ApiProperty() assessedBy!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Analyst: the automatic assessment it overrides (kept on record).' })
  overrides!: string | null;
  @ApiProperty({ description: 'The workflow event sequence that recorded it.' }) workflowSequence!: number;
  @ApiProperty() assessedAt!: string;
}

export class AssessmentHistoryDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiPropertyOptional({ enum: GRADES, nullable: true, description: 'The effective grade after the newest assessment.' }) grade!: Grade | null;
  @ApiProperty({ type: [AssessmentViewDto], description: 'Oldest first.' }) assessments!: AssessmentViewDto[];
}
