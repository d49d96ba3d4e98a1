// Ledger (台账) REST bodies: closing, following up and evaluating an opinion case (routed to its workflow), and the
// daily log (舆情日志 / 日报告表).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RESPONSE_CHANNELS, type ResponseChannel } from '../workflow/opinion-actions';
import { DateField, IsInstantWithOffset } from './validation';

/** POST /v1/cases/:id/close — 办结 with the resolution. */
export class CloseCaseDto {
  @ApiProperty({ example: '供暖阀门已修复，室温达标，住户确认。', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  resolution!: string;

  @ApiProperty({ example: '住建局 王科长' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  closedBy!: string;
}

/** POST /v1/cases/:id/follow-ups — 动态管理: a continuing update after the response. */
export class FollowUpCaseDto {
  @ApiProperty({ example: '回访住户，反映温度稳定；网上讨论已平息。', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  summary!: string;

  @ApiProperty({ example: '住建局 李四' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  updatedBy!: string;

  @ApiPropertyOptional({ enum: RESPONSE_CHANNELS, description: 'Where the update was published, if it was.' })
  @IsOptional() @IsIn(RESPONSE_CHANNELS, { message: `channel must be one of: ${RESPONSE_CHANNELS.join(', ')}` })
  channel?: ResponseChannel;

  @ApiPropertyOptional({ example: '2026-11-21T10:00:00+08:00', description: 'When it was published (default: now).' })
  @IsOptional() @IsInstantWithOffset()
  publishedAt?: string;
}

/** POST /v1/cases/:id/evaluation — 总结评估 of a major case after it is closed. */
export class EvaluateCaseDto {
  @ApiProperty({ example: '首发信息及时；专家解读滞后，下次同步准备。', maxLength: 20000, description: 'Lessons learned (总结经验教训).' })
  @IsString() @IsNotEmpty() @MaxLength(20000)
  lessons!: string;

  @ApiProperty({ example: '责任单位研判准确、处置有力；新闻发布能力需加强。', maxLength: 20000, description: 'Handling-capacity assessment of the responsible department (能力评估).' })
  @IsString() @IsNotEmpty() @MaxLength(20000)
  handlingCapacity!: string;

  @ApiProperty({ example: '政府办公室 舆情工作领导小组' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  evaluatedBy!: string;
}

/** GET /v1/daily-log?date=YYYY-MM-DD[&format=csv] */
export class DailyLogQueryDto {
  @DateField('The day (Asia/Shanghai).', '2026-11-20')
  date!: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: UTF-8 with BOM, one row per case, a totals row last.' })
  @IsOptional() @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class DailyLogEntryDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) discoveredAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) channel!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) category!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) territory!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) grade!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Stage at the end of the day.' }) stage!: string | null;
  @ApiProperty({ description: 'Collected (first discovered) this day.' }) collected!: boolean;
  @ApiProperty({ description: 'Further reports of the same matter this day.' }) groupedReports!: number;
  @ApiProperty() responses!: number;
  @ApiProperty({ type: [String] }) responseForms!: string[];
  @ApiProperty({ type: [String] }) responseChannels!: string[];
  @ApiProperty() lateResponses!: number;
  @ApiProperty() followUps!: number;
  @ApiProperty() reminders!: number;
  @ApiProperty() escalations!: number;
  @ApiProperty({ description: 'Highest escalation level reached by the end of the day.' }) escalationLevel!: number;
  @ApiProperty({ description: 'Overdue at the end of the day.' }) overdue!: boolean;
  @ApiProperty() closed!: boolean;
}

export class DailyLogSummaryDto {
  @ApiProperty({ description: 'Cases collected (first discovered) this day.' }) collected!: number;
  @ApiProperty({ type: Object }) collectedByChannel!: Record<string, number>;
  @ApiProperty({ type: Object }) collectedByCategory!: Record<string, number>;
  @ApiProperty({ type: Object }) collectedByDepartment!: Record<string, number>;
  @ApiProperty({ type: Object }) collectedByGrade!: Record<string, number>;
  @ApiProperty() groupedReports!: number;
  @ApiProperty() responses!: number;
  @ApiProperty({ type: Object }) responsesByForm!: Record<string, number>;
  @ApiProperty() lateResponses!: number;
  @ApiProperty() followUps!: number;
  @ApiProperty() reminders!: number;
  @ApiProperty() escalations!: number;
  @ApiProperty({ type: Object }) escalationsByDepartment!: Record<string, number>;
  @ApiProperty({ description: 'Cases overdue at the end of the day.' }) overdueAtEndOfDay!: number;
  @ApiProperty() closed!: number;
}

export class DailyLogDto {
  @ApiProperty({ example: '2026-11-20' }) date!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ description: 'Start of the day (inclusive).' }) from!: string;
  @ApiProperty({ description: 'End of the day (exclusive).' }) to!: string;
  @ApiProperty({ type: DailyLogSummaryDto }) summary!: DailyLogSummaryDto;
  @ApiProperty({ type: [DailyLogEntryDto], description: 'Every opinion case collected, acted on, escalated or overdue this day.' }) entries!: DailyLogEntryDto[];
}
