import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class IntakeConfig extends BaseConfig {
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  INTAKE_PORT = 3001;

  /** gRPC (huiying.v1.IntakeService + health + reflection). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  GRPC_PORT = 50051;

  /**
   * Key for personal data at rest (reporter contact, applicant) and, derived from it, the key of the applicant key that
   * counts an applicant's applications per month. Set a real secret outside local development; changing it restarts
   * every applicant's monthly count.
   */
  @IsString() @MinLength(16)
  HUIYING_DATA_KEY = 'local-development-key-not-for-production';

  @Transform(({ value }) => Number(value)) @IsInt() @Min(10)
  OUTBOX_POLL_MS = 200;

  /** Consumer group of the 12345 feed (hotline.work-orders.v1); its lag is on GET /metrics. */
  @IsString() @MinLength(1)
  HOTLINE_CONSUMER_GROUP = 'huiying-intake-hotline';

  /** Work orders of one batch processed in parallel (each is one transaction). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(32)
  HOTLINE_BATCH_CONCURRENCY = 4;

  /**
   * Near-duplicate grouping: a report joins an open case when its text is a near-duplicate of one of the case's
   * reports at the same place received at most this many hours earlier (policy default 72).
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(24 * 30)
  NEAR_DUPLICATE_WINDOW_HOURS = 72;

  /** Consumer group of cases.events.v1 in intake (closed cases stop taking near-duplicates). */
  @IsString() @MinLength(1)
  INTAKE_CASES_CONSUMER_GROUP = 'huiying-intake-cases';

  /** Largest JSON body (a batch of 1,000 work orders is about 1 MB); larger bodies get 413. */
  @IsString() @Matches(/^\d+(kb|mb)$/, { message: 'HTTP_JSON_LIMIT must look like 512kb or 8mb' })
  HTTP_JSON_LIMIT = '8mb';
}
