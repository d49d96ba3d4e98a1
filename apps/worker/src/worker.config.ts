import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class WorkerConfig extends BaseConfig {
  /** Small HTTP endpoint for liveness/readiness probes (GET /health). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  WORKER_HEALTH_PORT = 3006;

  /** A prebuilt workflow bundle (npm run bundle:workflows); without it the worker bundles from sources at start. */
  @IsOptional() @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1)
  WORKER_MAX_CONCURRENT_ACTIVITIES = 50;
}
