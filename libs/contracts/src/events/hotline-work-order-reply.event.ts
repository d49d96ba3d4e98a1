import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

/** What a reply reports: the case was responded to (回应) or closed (办结). */
export const HOTLINE_REPLY_KINDS = ['response', 'closure'] as const;
export type HotlineReplyKind = (typeof HOTLINE_REPLY_KINDS)[number];

/**
 * hotline.work-order-replies.v1 — a reply to the 12345 platform (工单回复/办结反馈) for one work order, produced by the
 * ledger through its outbox when the order's case is responded to and when it is closed; every 12345 order in the
 * case (a grouped case holds several) gets its own. Keyed and `subject` = orderNo; envelope id
 * `hotline-reply:<orderNo>:<sequence>`, where `sequence` is the case event replied to — the reply's idempotency key
 * (the same order and sequence is the same reply, however often it is delivered). No personal data.
 */
export class HotlineWorkOrderReplyV1 {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/) orderNo!: string;
  /** The case event this reply answers (its sequence in the case's history). */
  @IsInt() @Min(1) sequence!: number;
  @IsIn(HOTLINE_REPLY_KINDS) kind!: HotlineReplyKind;
  @IsUUID() caseId!: string;
  @IsUUID() reportId!: string;
  /** The case's stage after the event (responded, closed, or the stage a later response left unchanged). */
  @IsString() @IsNotEmpty() stage!: string;
  /** The handling unit: the case's lead department (主办) when it replied. */
  @IsOptional() @IsString() handlingUnit!: string | null;
  /** The result in words: the resolution on closure (办结情况); on a response, what was published where and when. */
  @IsString() @IsNotEmpty() @MaxLength(20000) result!: string;
  /** When it happened (the case event's time). */
  @IsISO8601({ strict: true }) repliedAt!: string;
}
