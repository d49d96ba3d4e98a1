import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class LedgerConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  LEDGER_PORT = 3005;

  /** gRPC (huiying.v1.CaseService + health + reflection). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  GRPC_LEDGER_PORT = 50052;

  @IsString()
  LEDGER_CONSUMER_GROUP = 'huiying-ledger';

  /** An OTF/TTF font with Simplified Chinese glyphs for special-report PDFs; default: Noto Sans Hans from @embedpdf/fonts-sc. */
  @IsOptional() @IsString()
  SPECIAL_REPORT_FONT_PATH?: string;

  /**
   * on: the ledger generates special reports (舆情专报) by itself — a version when an opinion case becomes major or
   * especially major, another when it is closed; off: only on request (the owed versions are still recorded and are
   * generated once it is on again).
   */
  @IsIn(['on', 'off'])
  SPECIAL_REPORTS_AUTOMATIC: 'on' | 'off' = 'on';

  /** How often the automatic special-report sweep looks for owed versions when it found none. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(100)
  SPECIAL_REPORTS_AUTOMATIC_POLL_MS = 2000;

  /** How often the ledger outbox (ledger.bulletins.published.v1) is polled when idle; a stored bulletin nudges it at once. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  OUTBOX_POLL_MS = 500;

  /** The jurisdictions the bulletin schedules report on, comma-separated (default: the seed jurisdiction of the stack). */
  @Matches(/^[a-z0-9][a-z0-9._-]{0,99}(,[a-z0-9][a-z0-9._-]{0,99})*$/, { message: 'BULLETIN_JURISDICTIONS must be comma-separated jurisdiction codes, e.g. seed-city' })
  BULLETIN_JURISDICTIONS = 'seed-city';

  /** on: create the bulletin schedules and serve the bulletin activity (task queue huiying-ledger-bulletins); off: neither. */
  @IsIn(['on', 'off'])
  BULLETIN_SCHEDULES: 'on' | 'off' = 'on';

  /** An OTF/TTF font with Simplified Chinese glyphs for the bulletin PDF; default: Noto Sans Hans from @embedpdf/fonts-sc. */
  @IsOptional() @IsString()
  BULLETIN_FONT_PATH?: string;
}
