import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class LedgerConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  LEDGER_PORT = 3005;

  @IsString()
  LEDGER_CONSUMER_GROUP = 'huiying-ledger';
}
