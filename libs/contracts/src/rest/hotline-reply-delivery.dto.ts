import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { QueryInt } from './validation';

/**
 * A reply's delivery to the 12345 platform's webhook: pending (waiting for its next attempt) → delivered (a 2xx) |
 * failed (every attempt of the round refused or unanswered). Ops can resend a failed or delivered one (→ pending).
 */
export const HOTLINE_REPLY_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type HotlineReplyDeliveryStatus = (typeof HOTLINE_REPLY_DELIVERY_STATUSES)[number];

/** One POST to the webhook. */
export class HotlineReplyDeliveryAttemptDto {
  @ApiProperty({ description: 'Counted over the delivery\'s whole life (a resend goes on counting).' }) attempt!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ description: 'How long the request took, in milliseconds.' }) durationMs!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The receiver\'s HTTP status; null when it gave none (refused, timed out).' }) httpStatus!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why it was not delivered (no response bodies are kept).' }) error!: string | null;
  @ApiProperty({ enum: ['delivered', 'retry', 'failed'] }) outcome!: 'delivered' | 'retry' | 'failed';
}

export class HotlineReplyDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'GD20261120000123' }) orderNo!: string;
  @ApiProperty({ description: 'The reply sequence (the case event replied to).' }) sequence!: number;
  @ApiProperty({ example: 'hotline-reply:GD20261120000123:8', description: 'The envelope id, sent as x-huiying-delivery: the receiver\'s idempotency key.' }) deliveryId!: string;
  @ApiProperty({ enum: HOTLINE_REPLY_DELIVERY_STATUSES }) status!: HotlineReplyDeliveryStatus;
  @ApiProperty({ description: 'Attempts over the delivery\'s whole life.' }) attempts!: number;
  @ApiProperty({ description: 'Attempts allowed per round (the first sending, each resend).' }) maxAttempts!: number;
  @ApiProperty({ description: 'How often ops resent it.' }) resends!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the next attempt is due (pending only).' }) nextAttemptAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) deliveredAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) failedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: Object, description: 'The envelope as POSTed (hotline.work-order-replies.v1; no personal data).' }) envelope!: Record<string, unknown>;
  @ApiProperty({ type: [HotlineReplyDeliveryAttemptDto] }) attemptLog!: HotlineReplyDeliveryAttemptDto[];
}

/** GET /v1/hotline/reply-deliveries (publication) — ops view of the webhook deliveries, newest first. */
export class ListHotlineReplyDeliveriesQueryDto {
  @ApiPropertyOptional({ enum: HOTLINE_REPLY_DELIVERY_STATUSES })
  @IsOptional() @IsIn(HOTLINE_REPLY_DELIVERY_STATUSES, { message: `status must be one of: ${HOTLINE_REPLY_DELIVERY_STATUSES.join(', ')}` })
  status?: HotlineReplyDeliveryStatus;

  @ApiPropertyOptional({ example: 'GD20261120000123' })
  @IsOptional() @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'orderNo must be 1–64 characters of A–Z, a–z, 0–9, "-", "_"' })
  orderNo?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional() @QueryInt(1, 500)
  limit?: number;
}

export class HotlineReplyDeliveryListDto {
  @ApiProperty({ description: 'Whether a webhook is configured (HOTLINE_REPLY_WEBHOOK_URL); without one nothing is stored.' }) webhookConfigured!: boolean;
  @ApiProperty({ type: [HotlineReplyDeliveryDto] }) deliveries!: HotlineReplyDeliveryDto[];
}
