import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { createLogger, JsonNestLogger } from './logger';
import { createValidationPipe } from './validation';

export interface HttpAppOptions {
  service: string;
  title: string;
  description: string;
  port: number;
  host?: string;
  logLevel?: string;
}

/**
 * Starts a service's HTTP side the same way everywhere: JSON logs with masking, request ids,
 * the global validation pipe, OpenAPI at /docs (JSON at /docs-json), graceful shutdown.
 */
export async function bootstrapHttpApp(
  module: unknown,
  opts: HttpAppOptions,
): Promise<{ app: INestApplication; logger: Logger }> {
  const logger = createLogger(opts.service, opts.logLevel);
  const app = await NestFactory.create(module as never, { logger: new JsonNestLogger(logger), bufferLogs: true });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (req.path === '/health') return;
      logger.info(
        { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'http request',
      );
    });
    next();
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(opts.title).setDescription(opts.description).setVersion('v1').build(),
  );
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs-json' });
  await app.listen(opts.port, opts.host ?? '0.0.0.0');
  logger.info({ port: opts.port }, `${opts.service} listening; OpenAPI at /docs`);
  return { app, logger };
}
