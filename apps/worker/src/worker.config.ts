import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, Min, ValidateIf } from 'class-validator';
import { BaseConfig } from '@huiying/platform';

export class WorkerConfig extends BaseConfig {
  /** Small HTTP endpoint for liveness/readiness probes (GET /health). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  WORKER_HEALTH_PORT = 3006;

  /**
   * Port of the Temporal SDK runtime's own Prometheus exporter (task latency, slots, sticky cache, polls), bound to
   * 127.0.0.1 only: GET /metrics on WORKER_HEALTH_PORT serves its families together with the process's (README → Metrics).
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  WORKER_SDK_METRICS_PORT = 9464;

  /** A prebuilt workflow bundle (npm run bundle:workflows); without it the worker bundles from sources at start. */
  @IsOptional() @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1)
  WORKER_MAX_CONCURRENT_ACTIVITIES = 50;

  /**
   * Workflow tasks run at once. A task's 10 s timeout counts from when the worker takes it, so taking more than the
   * workflow threads can run means queueing inside the worker: after an outage, when hundreds of cases' timers come
   * due together, the SDK default (40) made every task wait past its timeout on 2 cores, each retry timed out again
   * and the worker never caught up. Taken a few at a time, they run in well under a second each.
   */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1)
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS = 8;

  /** Routing, the one source of the official calendar (GET /v1/calendar/official-years) for the deadline activity. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  ROUTING_URL = 'http://127.0.0.1:3002';

  /** The worker's API key for routing (a calling system with scope read), or WORKER_API_KEY_FILE: one is required. */
  @ValidateIf((c: WorkerConfig) => !c.WORKER_API_KEY_FILE) @IsString() @IsNotEmpty({ message: 'WORKER_API_KEY or WORKER_API_KEY_FILE must be set (an API key with scope read on routing)' })
  WORKER_API_KEY?: string;

  /** A file holding the key (mode 600), e.g. the local stack's .huiying/worker.key. */
  @IsOptional() @IsString()
  WORKER_API_KEY_FILE?: string;
}
