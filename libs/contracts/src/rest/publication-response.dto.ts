import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { RESPONSE_FORMS, type ResponseForm } from '../workflow/opinion-actions';
import { QueryInt } from './validation';

/** Channels publication has adapters for (回应渠道). */
export const PUBLICATION_CHANNELS = ['portal', 'weibo', 'wechat', 'sms'] as const;
export type PublicationChannel = (typeof PUBLICATION_CHANNELS)[number];

export const OUTBOUND_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/**
 * publishing: waiting for a first delivery; recording: delivered, being recorded in the case workflow (retried);
 * published: delivered and recorded; failed: no channel could deliver it (nothing published);
 * unrecorded: delivered but the case workflow refused it afterwards (e.g. closed meanwhile) — the reason is kept.
 */
export const RESPONSE_STATUSES = ['publishing', 'recording', 'published', 'failed', 'unrecorded'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** The poster a point-to-point reply (点对点回复) goes to. Personal data: encrypted at rest, masked in logs and answers. */
export class ResponseRecipientDto {
  @ApiPropertyOptional({ example: '张三', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'Needed for the sms channel.' })
  @IsOptional() @Matches(/^\+?[0-9][0-9-]{5,19}$/, { message: 'phone must be digits, optionally with +country code and dashes' })
  phone?: string;

  @ApiPropertyOptional({ example: '@东风街道居民', description: 'The poster\'s Weibo / WeChat account: needed for a point-to-point reply there.' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  account?: string;
}

/** POST /v1/cases/:id/responses — publish a response to an opinion case through one or more channels. */
export class CreateResponseDto {
  @ApiProperty({ enum: RESPONSE_FORMS, example: 'clarification_rebuttal', description: 'factual_release, clarification_rebuttal (澄清/辟谣), remedy_progress, press_conference, press_conference_notice, expert_interpretation, point_to_point_reply' })
  @IsIn(RESPONSE_FORMS, { message: `form must be one of: ${RESPONSE_FORMS.join(', ')}` })
  form!: ResponseForm;

  @ApiProperty({ enum: PUBLICATION_CHANNELS, isArray: true, example: ['portal', 'weibo'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(PUBLICATION_CHANNELS.length) @ArrayUnique()
  @IsIn(PUBLICATION_CHANNELS, { each: true, message: `each channel must be one of: ${PUBLICATION_CHANNELS.join(', ')}` })
  channels!: PublicationChannel[];

  @ApiPropertyOptional({ example: '关于东风街道某小区供暖问题的情况说明', maxLength: 200 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  title?: string;

  @ApiProperty({ example: '经核查，该小区供暖管道阀门故障，已于今日修复，室温已达标。', maxLength: 20000 })
  @IsString() @IsNotEmpty() @MaxLength(20000)
  content!: string;

  @ApiProperty({ example: '住建局 李四', description: 'Who publishes it (recorded on the response).' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  requestedBy!: string;

  @ApiPropertyOptional({ type: ResponseRecipientDto, description: 'For a point-to-point reply: the poster (reporter).' })
  @IsOptional() @ValidateNested() @Type(() => ResponseRecipientDto)
  recipient?: ResponseRecipientDto;
}

export class OutboundMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) responseId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: PUBLICATION_CHANNELS }) channel!: string;
  @ApiProperty({ enum: OUTBOUND_STATUSES }) status!: OutboundStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty() maxAttempts!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the next attempt is due (pending only).' }) nextAttemptAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The channel\'s reference of the delivered item.' }) externalRef!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) deliveredAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) failedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked recipient of a point-to-point reply.' }) recipient!: string | null;
  @ApiProperty({ type: Object, description: 'What the channel gets (no personal data).' }) payload!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
}

export class ResponseViewDto {
  @ApiProperty({ format: 'uuid', description: 'Also the publicationId recorded in the case workflow.' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: RESPONSE_FORMS }) form!: string;
  @ApiProperty({ enum: PUBLICATION_CHANNELS, isArray: true }) channels!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() content!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ enum: RESPONSE_STATUSES }) status!: ResponseStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'First delivery: the publication time the case workflow judges lateness on.' }) publishedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedChannel!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the case workflow recorded it.' }) recordedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) recordError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'What the workflow recorded: late, the clocks met.' }) workflowRecord!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked recipient of a point-to-point reply.' }) recipient!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [OutboundMessageDto] }) outbound!: OutboundMessageDto[];
}

export class ResponseListDto {
  @ApiProperty({ type: [ResponseViewDto] }) responses!: ResponseViewDto[];
}

/** GET /v1/outbound — ops view of the outbound queue, newest first. */
export class ListOutboundQueryDto {
  @ApiPropertyOptional({ enum: PUBLICATION_CHANNELS })
  @IsOptional() @IsIn(PUBLICATION_CHANNELS, { message: `channel must be one of: ${PUBLICATION_CHANNELS.join(', ')}` })
  channel?: PublicationChannel;

  @ApiPropertyOptional({ enum: OUTBOUND_STATUSES })
  @IsOptional() @IsIn(OUTBOUND_STATUSES, { message: `status must be one of: ${OUTBOUND_STATUSES.join(', ')}` })
  status?: OutboundStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional() @QueryInt(1, 500)
  limit?: number;
}

export class OutboundListDto {
  @ApiProperty({ type: [OutboundMessageDto] }) messages!: OutboundMessageDto[];
}
