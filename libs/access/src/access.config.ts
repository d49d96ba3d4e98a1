import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

/** Settings of access control (read once at boot by loadConfig, like every service setting). */
export class AccessConfig extends BaseConfig {
  /**
   * How long a service keeps a looked-up API key (ms). A revoked key stops working in every service within this time
   * (at once in the ledger process that revoked it). At most 30 s.
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(30000)
  ACCESS_KEY_CACHE_MS = 30000;
}
