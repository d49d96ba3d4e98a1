import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class LedgerConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  LEDGER_PORT = 3005;

  /** gRPC (huiying.v1.CaseService + health + reflection). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  GRPC_LEDGER_PORT = 50052;

  @IsString()
  LEDGER_CONSUMER_GROUP = 'huiying-ledger';

  /** How often the ledger outbox (ledger.bulletins.published.v1) is polled when idle; a stored bulletin nudges it at once. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  OUTBOX_POLL_MS = 500;

  /** An OTF/TTF font with Simplified Chinese glyphs for the bulletin PDF; default: Noto Sans Hans from @embedpdf/fonts-sc. */
  @IsOptional() @IsString()
  BULLETIN_FONT_PATH?: string;
}
