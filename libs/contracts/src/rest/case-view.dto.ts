import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CaseHistoryItemDto {
  @ApiProperty() sequence!: number;
  @ApiPropertyOptional({ description: 'What the event was: stage (a stage change), reminder, escalation, transfer, assessment, response, …' }) change?: string;
  @ApiProperty() stage!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) previousStage!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: Object }) detail!: Record<string, unknown>;
}

export class CaseSupervisionDto {
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [String] }) overdueClocks!: string[];
  @ApiProperty() escalationLevel!: number;
  @ApiProperty() escalationCount!: number;
  @ApiProperty() reminderCount!: number;
  @ApiProperty() responseCount!: number;
  @ApiProperty() lateResponseCount!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) firstResponseAt!: string | null;
  @ApiProperty() reportCount!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) channel!: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Every channel the case\'s reports came through, first-heard order.' }) channels?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) category!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) territory!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the matter was discovered: the channel\'s discoveredAt, else the receipt time.' }) discoveredAt!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['channel', 'receipt'], description: 'channel: the channel said when it found the matter; receipt: it did not, the receipt time stands in (null: cases from before reports could say).' })
  discoveredAtSource!: 'channel' | 'receipt' | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt!: string | null;
}

export class CaseEvaluationDto {
  @ApiProperty() lessons!: string;
  @ApiProperty() handlingCapacity!: string;
  @ApiProperty() evaluatedBy!: string;
  @ApiProperty() evaluatedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) grade!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
}

/**
 * A 通报 entry: a published bulletin (季通报/月报) named the case — escalated (督办) in its period or overdue at its end —
 * with the department it named and how late the clock was. From ledger.bulletin_notices, written with the bulletin.
 */
export class CaseBulletinNoticeDto {
  @ApiProperty({ format: 'uuid', description: 'The bulletin: GET /v1/bulletins/:id (supervisor and system keys; a bulletin covers a whole jurisdiction).' }) bulletinId!: string;
  @ApiProperty({ enum: ['monthly', 'quarterly'], description: 'monthly 月报, quarterly 季通报' }) kind!: 'monthly' | 'quarterly';
  @ApiProperty({ example: '2026-Q4', description: 'YYYY-MM (monthly) or YYYY-Qn (quarterly), Asia/Shanghai.' }) period!: string;
  @ApiProperty({ description: 'The revision of the period’s bulletin that named the case (a later revision with changed figures names it again).' }) revision!: number;
  @ApiProperty({ description: 'The jurisdiction the bulletin reports on.' }) jurisdiction!: string;
  @ApiProperty({ example: '2026年第四季度政务舆情回应和依申请公开办理情况通报' }) title!: string;
  @ApiProperty({ example: 'response', description: 'The clock the case was named for (claim, first_release, press_conference, response, …; disclosure: answer).' }) clock!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'How late, in seconds: met late — by how much; overdue at the period’s end — until then; null when not known.' }) lateSeconds!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The department the bulletin named (the lead department then).' }) department!: string | null;
  @ApiProperty({ description: 'When the bulletin was stored and published.' }) publishedAt!: string;
}

export class CaseViewDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ['opinion', 'disclosure'] }) kind!: string;
  @ApiProperty() stage!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiProperty({ type: [String], description: 'Departments copied (抄送): they may read the case.' }) ccDepartments!: string[];
  @ApiProperty({ type: [String], description: 'Co-handling departments (协办): they read the case and act on their part.' }) coDepartments!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) grade!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jurisdiction!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [CaseHistoryItemDto], description: 'Stage changes (reminders, escalations and other events are listed apart).' }) history!: CaseHistoryItemDto[];
  @ApiPropertyOptional({ type: [CaseHistoryItemDto], description: 'Reminders before a deadline (to the handling department).' }) reminders?: CaseHistoryItemDto[];
  @ApiPropertyOptional({ type: [CaseHistoryItemDto], description: 'Escalations after a deadline (督办, to the supervising offices).' }) escalations?: CaseHistoryItemDto[];
  @ApiPropertyOptional({ type: [CaseHistoryItemDto], description: 'Other events that left the stage as it was: claim after transfer, transfer, assessment, response, follow-up, grouped report, …' }) activity?: CaseHistoryItemDto[];
  @ApiPropertyOptional({ type: Object, description: 'Supervision: overdue, the clocks past due, escalation level, counts.' }) supervision?: CaseSupervisionDto;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'The evaluation record (总结评估) of a major case.' }) evaluation?: CaseEvaluationDto | null;
  @ApiProperty({ type: [CaseBulletinNoticeDto], description: 'The 通报 entries of the case: every published bulletin (revision) that named it, oldest first.' }) notices!: CaseBulletinNoticeDto[];
}
