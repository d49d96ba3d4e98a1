import { RequiredNested } from '../nested';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CATEGORIES } from '@huiying/policy';
import { IsInstantWithOffset, NoReplacementCharacter, NotInFuture } from './validation';

/** 诉求类型: 咨询 consultation, 求助 help, 投诉 complaint, 举报 report (of wrongdoing), 建议 suggestion. */
export const APPEAL_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

/** 紧急程度: 一般 normal, 紧急 urgent, 特急 very urgent. */
export const URGENCIES = ['normal', 'urgent', 'very_urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** At most this many work orders per POST /v1/hotline/work-orders:batch. */
export const HOTLINE_BATCH_MAX = 1000;

/** The prefix of a work order's report sourceRef: `12345:<orderNo>`. */
export const HOTLINE_SOURCE_PREFIX = '12345:';

export const WORK_ORDER_EXAMPLE = {
  orderNo: 'GD20261120000123',
  callTime: '2026-11-20T09:15:00+08:00',
  appealType: 'complaint',
  title: '小区供暖温度不达标',
  content: '来电人反映东风街道幸福小区 3 号楼入冬以来室温不足 16 度，物业多次推诿。',
  location: { district: '城关区', township: '东风街道', address: '幸福小区 3 号楼' },
  caller: { name: '张三', phone: '13800138000' },
  handlingUnit: '城关区住建局',
  urgency: 'normal',
  revision: 1,
  category: 'housing',
};

/**
 * A work order's place: LocationDto's fields and rules, and none of them may hold U+FFFD (the same rule as the order's
 * other text; reports keep LocationDto as it is). Its own class, not a subclass: class-validator drops a parent's
 * validators of a property the subclass decorates again.
 */
export class WorkOrderLocationDto {
  @ApiPropertyOptional({ example: '城关区', description: 'District (区/县) where the matter happened: decides the territory (属地).' })
  @IsOptional() @IsString() @MaxLength(100) @NoReplacementCharacter()
  district?: string;

  @ApiPropertyOptional({ example: '东风街道', description: 'Township or street office (乡镇/街道).' })
  @IsOptional() @IsString() @MaxLength(100) @NoReplacementCharacter()
  township?: string;

  @ApiPropertyOptional({ example: '幸福小区 3 号楼' })
  @IsOptional() @IsString() @MaxLength(500) @NoReplacementCharacter()
  address?: string;
}

export class CallerDto {
  @ApiPropertyOptional({ example: '张三', description: 'Personal data: encrypted at rest, masked in logs, never on Kafka.' })
  @IsOptional() @IsString() @MaxLength(100) @NoReplacementCharacter()
  name?: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'Mainland mobile or landline. Personal data.' })
  @IsOptional() @Matches(/^\+?[0-9][0-9-]{5,19}$/, { message: 'caller.phone must be digits, optionally with +country code and dashes' })
  phone?: string;
}

/**
 * A 12345 hotline work order (工单). The order number is the idempotency key: the same number never opens a second
 * report or case, whichever way it arrives (Kafka hotline.work-orders.v1, the batch endpoint, the import CLI); a higher
 * revision updates the stored work order and its report and is kept as a revision. No text field may hold U+FFFD
 * (text decoded with the wrong encoding somewhere upstream). JSON Schema:
 * libs/contracts/schemas/hotline-work-order.v1.schema.json.
 */
export class HotlineWorkOrderDto {
  @ApiProperty({ example: 'GD20261120000123', description: '工单编号: 1–64 characters of A–Z, a–z, 0–9, "-", "_".' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'orderNo must be 1–64 characters of A–Z, a–z, 0–9, "-", "_"' })
  orderNo!: string;

  @ApiProperty({ example: '2026-11-20T09:15:00+08:00', description: 'Time of the call (来电时间), ISO 8601 with offset.' })
  @IsInstantWithOffset() @NotInFuture()
  callTime!: string;

  @ApiProperty({ enum: APPEAL_TYPES, example: 'complaint', description: '诉求类型' })
  @IsIn(APPEAL_TYPES, { message: `appealType must be one of: ${APPEAL_TYPES.join(', ')}` })
  appealType!: AppealType;

  @ApiProperty({ example: '小区供暖温度不达标', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200) @NoReplacementCharacter()
  title!: string;

  @ApiProperty({ example: '来电人反映……', maxLength: 20000 })
  @IsString() @IsNotEmpty() @MaxLength(20000) @NoReplacementCharacter()
  content!: string;

  @ApiProperty({ type: WorkOrderLocationDto })
  @RequiredNested(() => WorkOrderLocationDto)
  location!: WorkOrderLocationDto;

  @ApiPropertyOptional({ type: CallerDto })
  @IsOptional() @ValidateNested() @Type(() => CallerDto)
  caller?: CallerDto;

  @ApiPropertyOptional({ example: '城关区住建局', description: '承办单位 assigned by the hotline platform.' })
  @IsOptional() @IsString() @MaxLength(200) @NoReplacementCharacter()
  handlingUnit?: string;

  @ApiPropertyOptional({ enum: URGENCIES, default: 'normal' })
  @IsOptional() @IsIn(URGENCIES, { message: `urgency must be one of: ${URGENCIES.join(', ')}` })
  urgency?: Urgency;

  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'A higher revision of the same orderNo updates it.' })
  @IsOptional() @IsInt() @Min(1) @Max(1000000)
  revision?: number;

  @ApiPropertyOptional({ enum: CATEGORIES, example: 'housing', description: 'Routing category when the platform knows it; "other" otherwise.' })
  @IsOptional() @IsIn(CATEGORIES as readonly string[], { message: `category must be one of: ${CATEGORIES.join(', ')}` })
  category?: string;
}

/** POST /v1/hotline/work-orders:batch. Items are validated one by one: a bad item is rejected, the others go on. */
export class HotlineBatchRequestDto {
  @ApiProperty({ type: [HotlineWorkOrderDto], maxItems: HOTLINE_BATCH_MAX, minItems: 1, example: [WORK_ORDER_EXAMPLE] })
  @IsArray() @ArrayMinSize(1)
  items!: unknown[];
}

export const WORK_ORDER_RESULTS = ['accepted', 'duplicate', 'updated', 'rejected', 'failed'] as const;
export type WorkOrderResult = (typeof WORK_ORDER_RESULTS)[number];

export class WorkOrderFieldErrorDto {
  @ApiProperty({ example: 'appealType' }) field!: string;
  @ApiProperty({ type: [String] }) messages!: string[];
}

export class WorkOrderItemResultDto {
  @ApiProperty({ description: 'Position in items.' }) index!: number;
  @ApiPropertyOptional({ type: String }) orderNo?: string;
  @ApiProperty({ enum: WORK_ORDER_RESULTS, description: 'accepted: new report and case; duplicate: already received (same or older revision), nothing stored; updated: a later revision was stored; rejected: see errors, nothing stored; failed: not stored because of an error on our side (e.g. the database was unavailable), send it again.' })
  result!: WorkOrderResult;
  @ApiPropertyOptional({ format: 'uuid' }) caseId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) reportId?: string;
  @ApiPropertyOptional({ description: 'The revision now stored.' }) revision?: number;
  @ApiPropertyOptional({ type: [WorkOrderFieldErrorDto] }) errors?: WorkOrderFieldErrorDto[];
}

export class WorkOrderBatchSummaryDto {
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicate!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ description: 'Not stored because of an error on our side: send these items again.' }) failed!: number;
}

export class HotlineBatchResponseDto {
  @ApiProperty({ type: [WorkOrderItemResultDto] }) results!: WorkOrderItemResultDto[];
  @ApiProperty({ type: WorkOrderBatchSummaryDto }) summary!: WorkOrderBatchSummaryDto;
}

/** At most this many order numbers per GET /v1/hotline/work-orders (the ledger's status by order number). */
export const HOTLINE_STATUS_MAX = 500;

/** ?orderNo=a&orderNo=b,c → ['a', 'b', 'c'] (blank parts dropped); anything else is left for the validators to refuse. */
function orderNumbers(value: unknown): unknown {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : null;
  if (!list || !list.every((v): v is string => typeof v === 'string')) return value;
  return list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** GET /v1/hotline/work-orders?orderNo=…&orderNo=… (ledger): where each order is now. */
export class HotlineOrderStatusQueryDto {
  @ApiProperty({ type: [String], description: `The order numbers (1–${HOTLINE_STATUS_MAX}; repeat the parameter, or separate with commas).`, example: ['GD20261120000123'] })
  @Transform(({ value }: { value: unknown }) => orderNumbers(value))
  @IsArray({ message: 'orderNo must be given, e.g. ?orderNo=GD20261120000123' })
  @ArrayMinSize(1, { message: 'orderNo must be given, e.g. ?orderNo=GD20261120000123' })
  @ArrayMaxSize(HOTLINE_STATUS_MAX, { message: `orderNo: at most ${HOTLINE_STATUS_MAX} order numbers per request` })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { each: true, message: 'each orderNo must be 1–64 characters of A–Z, a–z, 0–9, "-", "_"' })
  orderNo!: string[];
}

export class HotlineOrderLastReplyDto {
  @ApiProperty({ enum: ['response', 'closure'] }) kind!: string;
  @ApiProperty({ description: 'The case event replied to (the reply\'s sequence).' }) sequence!: number;
  @ApiProperty() stage!: string;
  @ApiProperty({ description: 'What the reply said.' }) result!: string;
  @ApiProperty() repliedAt!: string;
}

export class HotlineOrderStatusDto {
  @ApiProperty({ example: 'GD20261120000123' }) orderNo!: string;
  @ApiProperty({ description: 'false: no report of this order has reached the ledger (not sent, rejected, or not yet folded), or its case is out of the caller\'s reach.' }) found!: boolean;
  @ApiPropertyOptional({ nullable: true, format: 'uuid', type: String }) caseId!: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid', type: String, description: 'The report the order became.' }) reportId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The case\'s stage (null while the case is not in the ledger yet).' }) stage!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Lead department (主办).' }) leadDepartment!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jurisdiction!: string | null;
  @ApiProperty({ description: 'Other reports are in the same case (grouped: the same matter reported again).' }) reportsInCase!: number;
  @ApiProperty({ type: [String], description: 'Due times of the case\'s clocks still running, soonest first (ISO instants).' }) dueTimes!: string[];
  @ApiProperty({ description: 'A deadline is past and not met (督办).' }) overdue!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the case was closed (办结), else null.' }) closedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When intake received the order.' }) receivedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: HotlineOrderLastReplyDto, description: 'The last reply sent to the platform for this order (hotline.work-order-replies.v1), null before the first.' })
  lastReply!: HotlineOrderLastReplyDto | null;
}

export class HotlineOrderStatusListDto {
  @ApiProperty({ type: [HotlineOrderStatusDto], description: 'One item per order number asked, in the order asked (each once).' }) items!: HotlineOrderStatusDto[];
}
