import { Global, Inject, Module, type DynamicModule, type InjectionToken, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { createLogger, GRPC_ENHANCERS, loadConfig, REFUSAL_AUDIT, type GrpcEnhancers } from '@huiying/platform';
import { AccessConfig } from './access.config';
import { AccessGuard } from './access.guard';
import { AccessRepository } from './access.repository';
import { ACCESS_LOGGER, ACCESS_SERVICE_NAME, AuditService } from './audit.service';
import { AuditInterceptor } from './audit.interceptor';
import { CASE_REACH, type CaseReachResolver } from './case-reach';
import { EarlyRefusalAudit } from './early-refusal-audit';
import { KeyAuthenticator } from './key-cache';
import { RoleGrantVerifier } from './role-grant-verifier';
import { TokenBuckets } from './token-bucket';

export const ACCESS_DB = Symbol('ACCESS_DB');

export interface AccessModuleOptions {
  /** The service name written in audit rows (intake, routing…). */
  service: string;
  /** How this service finds a case's lead / co-handlers / jurisdiction (omitted: limited callers are refused on case calls). */
  reach?: { inject: InjectionToken[]; useFactory: (...deps: never[]) => CaseReachResolver };
}

/**
 * Its own small pool: authentication and audit do not compete with the service's own queries. A pooled connection
 * that Postgres cuts (restart, failover) emits 'error' on the pool; without a listener that would kill the process
 * (issue 14). The pool drops that connection and opens a new one on the next query.
 */
export function accessPool(c: AccessConfig, service: string, logger: Logger): Pool {
  const connection = c.DATABASE_URL
    ? { connectionString: c.DATABASE_URL }
    : { host: c.PGHOST, port: Number(c.PGPORT), user: c.PGUSER, password: c.PGPASSWORD, database: c.PGDATABASE };
  const pool = new Pool({ ...connection, max: 4, application_name: `huiying-${service}-access`, connectionTimeoutMillis: 5000 });
  pool.on('error', (err) => logger.warn({ err }, 'access database connection lost; the pool reconnects on the next query'));
  return pool;
}

/**
 * Access control and audit for a service (README: Access control). Import once in the app module:
 * every REST route and gRPC method is then behind AccessGuard (key, rate limit, scope, reach) and AuditInterceptor, and
 * refusals before them (the platform's body stage) are audited by EarlyRefusalAudit.
 */
@Global()
@Module({})
export class AccessModule implements OnApplicationShutdown {
  constructor(@Inject(ACCESS_DB) private readonly pool: Pool) {}

  static forRoot(options: AccessModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: AccessConfig, useFactory: () => loadConfig(AccessConfig) },
      { provide: ACCESS_SERVICE_NAME, useValue: options.service },
      { provide: ACCESS_LOGGER, useFactory: (c: AccessConfig) => createLogger(options.service, c.LOG_LEVEL), inject: [AccessConfig] },
      { provide: ACCESS_DB, useFactory: (c: AccessConfig, logger: Logger) => accessPool(c, options.service, logger), inject: [AccessConfig, ACCESS_LOGGER] },
      { provide: AccessRepository, useFactory: (db: Pool) => new AccessRepository(db), inject: [ACCESS_DB] },
      { provide: KeyAuthenticator, useFactory: (r: AccessRepository, c: AccessConfig) => new KeyAuthenticator(r, c.ACCESS_KEY_CACHE_MS), inject: [AccessRepository, AccessConfig] },
      { provide: TokenBuckets, useFactory: () => new TokenBuckets() },
      { provide: RoleGrantVerifier, useFactory: (r: AccessRepository) => new RoleGrantVerifier(r), inject: [AccessRepository] },
      AuditService,
      AccessGuard,
      AuditInterceptor,
      EarlyRefusalAudit,
      // refusals of the platform's body stage (before any guard or controller) are audited here too
      { provide: REFUSAL_AUDIT, useExisting: EarlyRefusalAudit },
      { provide: APP_GUARD, useExisting: AccessGuard },
      { provide: APP_INTERCEPTOR, useExisting: AuditInterceptor },
      {
        provide: GRPC_ENHANCERS,
        useFactory: (guard: AccessGuard, interceptor: AuditInterceptor): GrpcEnhancers => ({ guards: [guard], interceptors: [interceptor] }),
        inject: [AccessGuard, AuditInterceptor],
      },
    ];
    if (options.reach) providers.push({ provide: CASE_REACH, useFactory: options.reach.useFactory as (...a: unknown[]) => CaseReachResolver, inject: options.reach.inject });
    return {
      module: AccessModule,
      providers,
      exports: [AccessRepository, KeyAuthenticator, RoleGrantVerifier, AuditService, GRPC_ENHANCERS, REFUSAL_AUDIT, ACCESS_DB],
    };
  }

  async onApplicationShutdown() {
    await this.pool.end();
  }
}
