// The key-case ledger (重点舆情台账), accountability talks (约谈) and special reports (舆情专报) on the ledger's REST
// API: the action bodies (each maps onto a workflow update; the workflow's validators have the last word) and views.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { DEPARTMENT_CODES } from '@huiying/policy';
import {
  ACCOUNTABILITY_TALK_ROLES,
  KEY_CASE_STATUSES,
  RESOLUTION_DECISIONS,
  type AccountabilityTalkRole,
  type KeyCaseStatus,
  type ResolutionDecision,
} from '../workflow/key-case';
import { DateField } from './validation';

const Text = (max: number): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  IsNotEmpty()(target, key);
  MaxLength(max)(target, key);
};

/** POST /v1/cases/:id/key-case — 列为重点舆情 (supervisor or system keys; not department keys). */
export class MarkKeyCaseDto {
  @ApiProperty({ example: '涉及 300 户供暖，网上持续发酵，媒体已介入', maxLength: 2000 })
  @Text(2000)
  reason!: string;

  @ApiProperty({ example: '网信办 研判员 陈某', maxLength: 200, description: 'The analyst or supervisor who marks it.' })
  @Text(200)
  markedBy!: string;
}

/** POST /v1/cases/:id/key-case/entries — 台账跟踪记录. */
export class KeyCaseEntryDto {
  @DateField('The day it was done (Asia/Shanghai): not in the future, not before the matter was discovered.', '2026-11-22')
  date!: string;

  @ApiProperty({ example: '入户回访 12 户，更换老旧阀门', maxLength: 5000, description: '工作开展情况: what was done.' })
  @Text(5000)
  action!: string;

  @ApiProperty({ example: '网上讨论明显减少，个别住户仍有投诉', maxLength: 5000, description: '舆论反应: the public reaction observed.' })
  @Text(5000)
  publicReaction!: string;

  @ApiProperty({ example: '住建局 李四', maxLength: 200 })
  @Text(200)
  recordedBy!: string;
}

/** POST /v1/cases/:id/key-case/resolution — 问题解决情况, to be verified by a supervisor. */
export class KeyCaseResolutionDto {
  @ApiProperty({ example: '管网改造完成，室温达标，住户确认', maxLength: 10000 })
  @Text(10000)
  summary!: string;

  @ApiProperty({ example: '住建局 王科长', maxLength: 200 })
  @Text(200)
  recordedBy!: string;
}

/** POST /v1/cases/:id/key-case/resolution/verification — 核验 by a supervisor (not department keys; not the recorder). */
export class VerifyKeyCaseResolutionDto {
  @ApiProperty({ enum: RESOLUTION_DECISIONS, description: 'confirmed: fully resolved (问题完全解决), the case may close; returned: not yet, record a new resolution' })
  @IsIn(RESOLUTION_DECISIONS, { message: `decision must be one of: ${RESOLUTION_DECISIONS.join(', ')}` })
  decision!: ResolutionDecision;

  @ApiProperty({ example: '经现场核验，问题完全解决', maxLength: 5000 })
  @Text(5000)
  opinion!: string;

  @ApiProperty({ example: '市督查室 李某', maxLength: 200, description: 'A different person from the one who recorded the resolution (422 otherwise).' })
  @Text(200)
  verifiedBy!: string;
}

/** POST /v1/cases/:id/accountability-talks — 约谈 on an escalated case (supervisor or system keys). */
export class AccountabilityTalkDto {
  @DateField('The day of the talk (Asia/Shanghai).', '2026-11-24')
  date!: string;

  @ApiProperty({ example: 'housing_urban_rural', description: 'The department talked to (a department code).' })
  @IsIn(DEPARTMENT_CODES as readonly string[], { message: 'department must be a department code of the directory (GET /v1/departments)' })
  department!: string;

  @ApiProperty({ enum: ACCOUNTABILITY_TALK_ROLES, description: 'The role of the person talked to, never a name: 主要负责人 principal_head, 分管负责人 deputy_head_in_charge, 科室负责人 section_head, 经办人员 handling_staff' })
  @IsIn(ACCOUNTABILITY_TALK_ROLES, { message: `personRole must be one of: ${ACCOUNTABILITY_TALK_ROLES.join(', ')}` })
  personRole!: AccountabilityTalkRole;

  @ApiProperty({ example: '市政府办公室', maxLength: 200, description: 'The office that held the talk.' })
  @Text(200)
  heldBy!: string;

  @ApiProperty({ example: '责令三日内完成整改并书面报告', maxLength: 5000, description: '约谈结果' })
  @Text(5000)
  outcome!: string;

  @ApiProperty({ example: '市督查室 李某', maxLength: 200 })
  @Text(200)
  recordedBy!: string;
}

/** GET /v1/key-cases */
export class KeyCaseListQueryDto {
  @ApiPropertyOptional({ enum: KEY_CASE_STATUSES, description: 'open 跟踪中, resolution_recorded 待核验, resolved 已解决' })
  @IsOptional() @IsIn(KEY_CASE_STATUSES, { message: `status must be one of: ${KEY_CASE_STATUSES.join(', ')}` })
  status?: KeyCaseStatus;

  @ApiPropertyOptional({ example: 'housing_urban_rural', description: 'Lead department.' })
  @IsOptional() @IsIn(DEPARTMENT_CODES as readonly string[], { message: 'department must be a department code of the directory (GET /v1/departments)' })
  department?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: UTF-8 with BOM, Chinese headings, one row per follow-up entry.' })
  @IsOptional() @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class KeyCaseEntryViewDto {
  @ApiProperty() number!: number;
  @ApiProperty({ example: '2026-11-22' }) date!: string;
  @ApiProperty() action!: string;
  @ApiProperty() publicReaction!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
}

export class ResolutionVerificationViewDto {
  @ApiProperty({ enum: RESOLUTION_DECISIONS }) decision!: ResolutionDecision;
  @ApiProperty() opinion!: string;
  @ApiProperty() verifiedBy!: string;
  @ApiProperty() verifiedAt!: string;
}

export class KeyCaseResolutionViewDto {
  @ApiProperty() number!: number;
  @ApiProperty() summary!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
  @ApiPropertyOptional({ type: ResolutionVerificationViewDto, nullable: true }) verification!: ResolutionVerificationViewDto | null;
}

export class AccountabilityTalkViewDto {
  @ApiProperty({ example: '2026-11-24' }) date!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ enum: ACCOUNTABILITY_TALK_ROLES }) personRole!: AccountabilityTalkRole;
  @ApiProperty() heldBy!: string;
  @ApiProperty() outcome!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
}

export class KeyCaseLedgerDto {
  @ApiProperty({ enum: KEY_CASE_STATUSES }) status!: KeyCaseStatus;
  @ApiProperty() reason!: string;
  @ApiProperty() markedBy!: string;
  @ApiProperty() markedAt!: string;
  @ApiProperty({ type: [KeyCaseEntryViewDto], description: 'Follow-up entries, in the order recorded.' }) entries!: KeyCaseEntryViewDto[];
  @ApiProperty({ type: [KeyCaseResolutionViewDto], description: 'Every resolution recorded, oldest first; the last is current.' }) resolutions!: KeyCaseResolutionViewDto[];
}

export class KeyCaseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() stage!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jurisdiction!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) category!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) territory!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) grade!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ description: 'Highest escalation level reached (督办).' }) escalationLevel!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: KeyCaseLedgerDto }) keyCase!: KeyCaseLedgerDto;
  @ApiProperty({ type: [AccountabilityTalkViewDto] }) accountabilityTalks!: AccountabilityTalkViewDto[];
}

export class KeyCaseListDto {
  @ApiProperty({ type: [KeyCaseDto], description: 'Key cases within the caller’s reach, most recently marked first.' }) keyCases!: KeyCaseDto[];
  @ApiProperty() count!: number;
}

/** One stored version of a special report (舆情专报). */
export class SpecialReportVersionDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: '1, 2, … per case; each generation stores a new version.' }) version!: number;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ description: "The calling system that asked for it, or 'automatic': the ledger generated it by itself (see triggers)." }) generatedBy!: string;
  @ApiProperty({ description: 'The case event sequence the report was built up to.' }) lastSequence!: number;
  @ApiProperty() sha256Html!: string;
  @ApiProperty() sha256Pdf!: string;
  @ApiProperty() pdfBytes!: number;
  @ApiProperty({ example: '/v1/cases/…/special-reports/1.html' }) htmlUrl!: string;
  @ApiProperty({ example: '/v1/cases/…/special-reports/1.pdf' }) pdfUrl!: string;
  @ApiProperty({
    type: [String], enum: ['major', 'closed'], example: ['major'],
    description: 'Why the ledger generated this version by itself: major — the case was graded major or especially major; closed — such a case was closed (both: it was closed before its first automatic version). Empty for a version asked for.',
  })
  triggers!: ('major' | 'closed')[];
}

export class SpecialReportListDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: [SpecialReportVersionDto], description: 'Oldest first.' }) versions!: SpecialReportVersionDto[];
}
