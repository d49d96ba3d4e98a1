import { Controller, Get, HttpStatus, Inject, Module, Res, type DynamicModule, type InjectionToken } from '@nestjs/common';

type ModuleImports = NonNullable<DynamicModule['imports']>;
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from './access-metadata';

/**
 * One dependency or part of the service (Postgres, Kafka, Temporal, a consumer…); `check` rejects when it is unusable.
 * `critical` (default true): without it the service cannot do its main job, so /health answers 503 and the instance
 * is taken out of rotation. A non-critical part that is down (a Kafka consumer, Kafka behind an outbox) makes the
 * service `degraded`: /health still answers 200 and names what does not work, because the rest still does.
 */
export interface HealthCheck {
  name: string;
  critical?: boolean;
  check(): Promise<void>;
}

export type HealthStatus = 'ok' | 'degraded' | 'unavailable';
export interface HealthCheckResult {
  status: 'up' | 'down';
  critical: boolean;
  error?: string;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

const CHECK_TIMEOUT_MS = 3000;

async function runCheck(c: HealthCheck): Promise<HealthCheckResult> {
  const critical = c.critical !== false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      c.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', critical };
  } catch (e) {
    return { status: 'down', critical, error: e instanceof Error ? e.message : String(e) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * Runs every check (each bounded by a timeout). `ok` (serving) unless a critical check is down; `status` says
 * whether everything is up (ok), only non-critical parts are down (degraded), or a critical one is (unavailable).
 */
export async function runHealthChecks(checks: HealthCheck[]): Promise<{ ok: boolean; status: HealthStatus; results: Record<string, HealthCheckResult> }> {
  const results = await Promise.all(checks.map(async (c) => [c.name, await runCheck(c)] as const));
  const down = results.filter(([, r]) => r.status === 'down');
  const status: HealthStatus = down.some(([, r]) => r.critical) ? 'unavailable' : down.length ? 'degraded' : 'ok';
  return { ok: status !== 'unavailable', status, results: Object.fromEntries(results) };
}

/** The body of GET /health, whatever its status (the 503 is this, not an error body). */
const HEALTH_SCHEMA = {
  type: 'object' as const,
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string' as const, enum: ['ok', 'degraded', 'unavailable'] },
    checks: {
      type: 'object' as const,
      description: 'Each check by name.',
      additionalProperties: {
        type: 'object' as const,
        required: ['status', 'critical'],
        properties: { status: { type: 'string' as const, enum: ['up', 'down'] }, critical: { type: 'boolean' as const }, error: { type: 'string' as const } },
      },
    },
  },
};

@ApiTags('health')
@PublicRoute()
@Controller('health')
class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  /** Readiness: can this instance serve? (k8s readinessProbe, `npm run status`.) */
  @Get()
  @ApiOkResponse({ description: 'Serving: every critical dependency answers. `status` is `ok`, or `degraded` with the non-critical parts that are down named in `checks` (e.g. a Kafka consumer).', schema: HEALTH_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'A critical dependency is down (`status: unavailable`); `checks` says which.', schema: HEALTH_SCHEMA })
  async health(@Res() res: Response) {
    const { ok, status, results } = await runHealthChecks(this.checks);
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status, checks: results });
  }

  /** Liveness: the process answers. A dependency being down is never a reason to restart it (k8s livenessProbe). */
  @Get('live')
  @ApiOkResponse({ description: 'The process is alive and its event loop answers.', schema: { type: 'object', properties: { status: { type: 'string', enum: ['alive'] } } } })
  live() {
    return { status: 'alive' };
  }
}

@Module({})
export class HealthModule {
  /** The service's dependency checks, built by a factory from injected providers. */
  static register(options: {
    imports?: ModuleImports;
    inject: InjectionToken[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    useFactory: (...args: any[]) => HealthCheck[];
  }): DynamicModule {
    return {
      module: HealthModule,
      imports: options.imports ?? [],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_CHECKS, inject: options.inject, useFactory: options.useFactory }],
    };
  }
}
