import { Controller, Get, HttpStatus, Inject, Module, Res, type DynamicModule, type InjectionToken } from '@nestjs/common';

type ModuleImports = NonNullable<DynamicModule['imports']>;
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from './access-metadata';

/** One dependency the service needs (Postgres, Kafka, Temporal…); `check` rejects when it is unusable. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

const CHECK_TIMEOUT_MS = 3000;

async function runCheck(c: HealthCheck): Promise<{ status: 'up' | 'down'; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      c.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', error: e instanceof Error ? e.message : String(e) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Runs every check (each bounded by a timeout); `ok` when all are up. */
export async function runHealthChecks(checks: HealthCheck[]): Promise<{ ok: boolean; results: Record<string, { status: 'up' | 'down'; error?: string }> }> {
  const results = await Promise.all(checks.map(async (c) => [c.name, await runCheck(c)] as const));
  return { ok: results.every(([, r]) => r.status === 'up'), results: Object.fromEntries(results) };
}

@ApiTags('health')
@PublicRoute()
@Controller('health')
class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  @Get()
  @ApiOkResponse({ description: 'Every dependency answers.' })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency is down; `checks` says which.' })
  async health(@Res() res: Response) {
    const { ok, results } = await runHealthChecks(this.checks);
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ok ? 'ok' : 'unavailable',
      checks: results,
    });
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
