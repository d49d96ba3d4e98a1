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
