// Monthly statistics (月统计, seed 004 「实行月统计、季通报制度」): GET /v1/statistics/monthly on the ledger.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsCode } from './validation';

/** GET /v1/statistics/monthly?month=YYYY-MM[&jurisdiction=][&department=][&format=csv] */
export class MonthlyStatisticsQueryDto {
  @ApiProperty({ example: '2026-11', description: 'The month (Asia/Shanghai), YYYY-MM.' })
  @IsString() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month YYYY-MM, e.g. 2026-11' })
  month!: string;

  @ApiPropertyOptional({ example: 'seed-city', description: "Only cases of this jurisdiction (default: the caller's; all for a caller reaching every jurisdiction)." })
  @IsOptional() @IsCode()
  jurisdiction?: string;

  @ApiPropertyOptional({ example: 'housing_urban_rural', description: "Only this lead department's figures (a department caller: its own, the default)." })
  @IsOptional() @IsString() @Matches(/^[a-z0-9_.-]{1,100}$/, { message: 'department must be a department code, e.g. housing_urban_rural' })
  department?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: UTF-8 with BOM, Chinese headings, one row per department and case kind, totals (合计) last.' })
  @IsOptional() @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class ClockOutcomeDto {
  @ApiProperty({ description: 'Clocks met by their due time, counted in the month of the event that met them.' }) onTime!: number;
  @ApiProperty({ description: 'Clocks met after their due time, or still unmet (escalated) when the case was closed: in the month of that event.' }) late!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'onTime / (onTime + late); null when both are 0.' }) onTimeRate!: number | null;
}

export class DurationSummaryDto {
  @ApiProperty({ description: 'How many durations (one per case, in the month of the event that ends it).' }) count!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Median in whole seconds, nearest rank (the lower middle value when count is even); null when count is 0.' }) medianSeconds!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: '90th percentile in whole seconds, nearest rank: the smallest value with at least 90% of values at or below it.' }) p90Seconds!: number | null;
}

export class MonthlyFiguresDto {
  @ApiProperty({ description: "Cases received this month (the case's first event: collected / received)." }) received!: number;
  @ApiProperty({ type: Object, description: 'received by channel (来源渠道).' }) receivedByChannel!: Record<string, number>;
  @ApiProperty({ type: Object, description: 'received by category, as known at the end of the month (unknown when not routed yet).' }) receivedByCategory!: Record<string, number>;
  @ApiProperty({ type: Object, description: 'received by grade at the end of the month (ungraded: none yet; disclosure applications have none).' }) receivedByGrade!: Record<string, number>;
  @ApiProperty({ description: 'Closures this month: opinion 办结 (closed); disclosure 答复 (reply issued) or 视为放弃 (abandoned).' }) closed!: number;
  @ApiProperty({ type: Object, description: 'Per clock (opinion: claim, first_release, press_conference, response; disclosure: answer).' }) clocks!: Record<string, ClockOutcomeDto>;
  @ApiProperty({ type: ClockOutcomeDto, description: 'All clocks together.' }) allClocks!: ClockOutcomeDto;
  @ApiProperty({ type: DurationSummaryDto, description: 'Opinion: routing → first claim, in the month of the claim.' }) timeToClaim!: DurationSummaryDto;
  @ApiProperty({ type: DurationSummaryDto, description: 'Opinion: discovery → first response published; disclosure: receipt → reply issued; in the month of that event.' }) timeToRespond!: DurationSummaryDto;
  @ApiProperty({ description: 'Cases received by the end of the month and not ended (closed/evaluated, reply issued/abandoned/archived) at its end — for the month in progress, now.' }) openAtMonthEnd!: number;
  @ApiProperty({ description: 'Cases overdue (a clock escalated and unmet) at the end of the month — for the month in progress, now.' }) overdueAtMonthEnd!: number;
  @ApiProperty({ description: 'Escalations (督办) this month.' }) escalations!: number;
  @ApiProperty({ type: Object, description: 'escalations by level (1 = first 督办).' }) escalationsByLevel!: Record<string, number>;
}

export class DisclosureMonthlyFiguresDto extends MonthlyFiguresDto {
  @ApiProperty({ type: Object, description: 'Closures by result code (annual-report row: disclosed, withheld.*, other.*, …).' }) closedByResultCode!: Record<string, number>;
  @ApiProperty({ type: Object, description: 'Replies issued by reply type (none: abandoned).' }) closedByReplyType!: Record<string, number>;
  @ApiProperty({ description: 'Extensions (延期答复) approved this month.' }) extensions!: number;
  @ApiProperty({ description: 'Consultations (征求意见) opened this month.' }) consultations!: number;
  @ApiProperty({ description: 'Fee notices (收费通知) issued this month.' }) feeNotices!: number;
  @ApiProperty({ description: 'Sum of the fees noticed this month, 元.' }) feesNoticedYuan!: number;
  @ApiProperty({ description: 'Fees recorded paid this month.' }) feesPaid!: number;
  @ApiProperty({ description: 'Fees waived this month.' }) feesWaived!: number;
  @ApiProperty({ description: 'Correction requests (补正告知) this month.' }) correctionRequests!: number;
}

export class MonthlyDepartmentFiguresDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Lead department (主办) the figures are counted for.' }) department!: string | null;
  @ApiProperty({ type: MonthlyFiguresDto }) opinion!: MonthlyFiguresDto;
  @ApiProperty({ type: DisclosureMonthlyFiguresDto }) disclosure!: DisclosureMonthlyFiguresDto;
}

export class MonthlyStatisticsDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ description: 'Start of the month (inclusive).' }) from!: string;
  @ApiProperty({ description: 'End of the month (exclusive).' }) to!: string;
  @ApiProperty({ description: 'The instant open and overdue cases are read at: the end of the month, or now for the month in progress.' }) asOf!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The jurisdiction counted (null: every jurisdiction).' }) jurisdiction!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The department counted (null: every department).' }) department!: string | null;
  @ApiProperty({ type: MonthlyFiguresDto, description: 'Opinion cases (舆情), all counted departments together.' }) opinion!: MonthlyFiguresDto;
  @ApiProperty({ type: DisclosureMonthlyFiguresDto, description: 'Disclosure applications (依申请公开), all counted departments together.' }) disclosure!: DisclosureMonthlyFiguresDto;
  @ApiProperty({ type: [MonthlyDepartmentFiguresDto], description: 'The same figures per lead department, by department code.' }) departments!: MonthlyDepartmentFiguresDto[];
}
