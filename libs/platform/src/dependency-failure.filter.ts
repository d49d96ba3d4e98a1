import { Catch, HttpException, HttpStatus, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Logger } from 'pino';
import { isTransientFailure } from './dependency-failure';
import { maskText } from './masking';

/** How long a caller should wait before trying again after a 503 for a dependency that is down. */
export const DEPENDENCY_RETRY_AFTER_S = 5;

/**
 * The HTTP answer to an error no handler mapped: when it is a dependency that is down or busy (Postgres restarting,
 * Temporal unreachable, a deadlock — see isTransientFailure), `503 DEPENDENCY_UNAVAILABLE` with `Retry-After`, so a
 * caller knows to try again (a repeated call with the same sourceRef / Idempotency-Key is not stored twice); anything
 * else stays Nest's `500` (logged). During a Postgres outage intake answered 500 (the drill's first run).
 */
@Catch()
export class DependencyFailureFilter extends BaseExceptionFilter {
  constructor(
    applicationRef: ConstructorParameters<typeof BaseExceptionFilter>[0],
    private readonly logger: Logger,
  ) {
    super(applicationRef);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() === 'http' && !(exception instanceof HttpException) && isTransientFailure(exception)) {
      const ctx = host.switchToHttp();
      const res = ctx.getResponse<{ headersSent: boolean; setHeader(n: string, v: string): void; status(s: number): { json(b: unknown): void } }>();
      const req = ctx.getRequest<{ method?: string; path?: string }>();
      const message = exception instanceof Error ? exception.message : String(exception);
      this.logger.warn({ method: req.method, path: req.path, error: maskText(message) }, 'dependency unavailable: answered 503');
      if (!res.headersSent) {
        res.setHeader('Retry-After', String(DEPENDENCY_RETRY_AFTER_S));
        res.status(HttpStatus.SERVICE_UNAVAILABLE).json({
          statusCode: HttpStatus.SERVICE_UNAVAILABLE,
          error: 'Service Unavailable',
          code: 'DEPENDENCY_UNAVAILABLE',
          message: `a service this call needs (database, Temporal or Kafka) is unavailable; nothing was acknowledged — try again in ${DEPENDENCY_RETRY_AFTER_S} s`,
        });
      }
      return;
    }
    super.catch(exception, host);
  }
}
