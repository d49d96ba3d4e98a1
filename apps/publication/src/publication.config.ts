import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class PublicationConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  PUBLICATION_PORT = 3004;

  /** Key for personal data at rest (the reporter a point-to-point reply goes to). Set a real secret outside local development. */
  @IsString() @MinLength(16)
  HUIYING_DATA_KEY = 'local-development-key-not-for-production';

  /** How often the outbound table is polled for messages due (new responses also nudge it at once). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  DELIVERY_POLL_MS = 500;

  /** Attempts per outbound message before it is marked failed. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(50)
  DELIVERY_MAX_ATTEMPTS = 6;

  /** Backoff between attempts: base × 2^(attempt−1), capped. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  DELIVERY_BACKOFF_BASE_MS = 2000;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  DELIVERY_BACKOFF_MAX_MS = 300000;

  /** How long a claimed message is leased to one worker; a crashed worker's lease runs out and another retries it. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1000)
  DELIVERY_LEASE_MS = 60000;

  /** Fault drill, e.g. "weibo:2": the first 2 attempts of every Weibo message fail as an outage would. Empty: none. */
  @IsString() @Matches(/^((portal|weibo|wechat|sms):\d{1,2})?(,(portal|weibo|wechat|sms):\d{1,2})*$/, { message: 'PUBLICATION_CHANNEL_FAULTS must look like weibo:2,sms:1' })
  PUBLICATION_CHANNEL_FAULTS = '';

  /** Consumer group of the reply-letter consumer (publication.requested.v1); the webhook's reply consumer is `<it>-hotline-replies`. */
  @IsString()
  PUBLICATION_CONSUMER_GROUP = 'huiying-publication';

  /**
   * The 12345 platform's webhook for replies (hotline.work-order-replies.v1): each reply is POSTed there, signed
   * (README → 12345 replies by webhook). Unset or empty: no webhook — the replies are not consumed here, nothing is stored.
   */
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'HOTLINE_REPLY_WEBHOOK_URL must be an http(s) URL' })
  HOTLINE_REPLY_WEBHOOK_URL?: string;

  /** The HMAC-SHA256 key the webhook's requests are signed with, shared with the platform. Required with the URL. */
  @ValidateIf((c: PublicationConfig) => !!c.HOTLINE_REPLY_WEBHOOK_URL)
  @IsString({ message: 'HOTLINE_REPLY_WEBHOOK_SECRET is required when HOTLINE_REPLY_WEBHOOK_URL is set (the key the webhook requests are signed with)' })
  @MinLength(16, { message: 'HOTLINE_REPLY_WEBHOOK_SECRET must be at least 16 characters' })
  HOTLINE_REPLY_WEBHOOK_SECRET?: string;

  /** Attempts per (re)send of a reply before its delivery is marked failed (ops may resend it). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(50)
  HOTLINE_REPLY_WEBHOOK_MAX_ATTEMPTS = 8;

  /** Back-off between attempts: base × 2^(attempt−1), capped at the max, plus up to 25 % jitter. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  HOTLINE_REPLY_WEBHOOK_BACKOFF_MS = 5000;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  HOTLINE_REPLY_WEBHOOK_BACKOFF_MAX_MS = 600000;

  /** Per request: a receiver that has not answered by then counts as a failed attempt. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(100) @Max(120000)
  HOTLINE_REPLY_WEBHOOK_TIMEOUT_MS = 10000;

  /** Reply letters and notices: the agency as it signs (答复机关). */
  @IsString() @MinLength(1)
  LETTER_AGENCY_NAME = '市人民政府';

  /** Reply letters: where the applicant may apply for administrative reconsideration (行政复议机关). */
  @IsString() @MinLength(1)
  LETTER_RECONSIDERATION_BODY = '本级人民政府';

  /** Reply letters: the court for administrative litigation (行政诉讼). */
  @IsString() @MinLength(1)
  LETTER_COURT = '有管辖权的人民法院';

  /** 收费通知书: how the fee is paid (缴纳方式), one sentence as the office states it (account, payment system, counter). */
  @IsString() @MinLength(1)
  LETTER_FEE_PAYMENT = '请持本通知到本机关政府信息公开工作机构办理缴费手续，或者按本机关另行告知的非税收入缴款方式缴纳';

  /**
   * 收费通知书: how an applicant in hardship asks for a waiver (减免), one sentence as the office states it. The default
   * describes this system's process (a waiver approved by a holder of the head_of_disclosure_office grant); 国办函〔2020〕
   * 109号's own waiver wording was not verified — have the sentence reviewed.
   */
  @IsString() @MinLength(1)
  LETTER_FEE_WAIVER_ROUTE = '如确有经济困难，可以在缴费期限内向本机关政府信息公开工作机构书面申请减免，经政府信息公开工作机构负责人审核同意后减免。';

  /** An OTF/TTF font with Simplified Chinese glyphs for the PDF; default: Noto Sans Hans from @embedpdf/fonts-sc. */
  @IsOptional() @IsString()
  LETTER_FONT_PATH?: string;
}
