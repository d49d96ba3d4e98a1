// The OpenAPI document of every service (issue 14: schemathesis found statuses the documents did not name). Handlers
// document what is theirs (200/201/202, the 404 of their resource, 409, 422, 503); the statuses that come from the
// shared layers are added here, once, by each operation's traits, with the shared error schema (ErrorResponse):
//   every operation                       400  (parameter and body validation; the body stage, request-refusals.ts)
//   every operation that needs a key      401, 403, 429 (AccessGuard); public ones (@PublicRoute / @Public) get security: []
//   every operation that takes a body     413, 415 (the body stage)
//   every operation with path parameters  404
// and an error response a handler declared without a body gets the error schema.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject, type ResponseObject, type SchemaObject } from '@nestjs/swagger';

/** Marks an operation open without a key (set by @PublicRoute / @Public); replaced by `security: []` in the document. */
export const OPENAPI_PUBLIC = 'x-huiying-public';
export const ERROR_SCHEMA = 'ErrorResponse';
const ERROR_REF = { $ref: `#/components/schemas/${ERROR_SCHEMA}` };

const SCHEMAS: Record<string, SchemaObject> = {
  FieldError: {
    type: 'object',
    required: ['field', 'messages'],
    properties: { field: { type: 'string', example: 'location.district' }, messages: { type: 'array', items: { type: 'string' } } },
  },
  [ERROR_SCHEMA]: {
    type: 'object',
    description: 'Every refusal: the status, a reason in `message`, a machine-readable `code` where there is one, and field errors for a malformed request. Some codes carry more (RATE_LIMITED: limitPerMinute, retryAfterSeconds).',
    required: ['statusCode', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      error: { type: 'string', example: 'Bad Request' },
      message: { type: 'string', example: 'Validation failed' },
      code: { type: 'string', example: 'MISSING_CREDENTIALS', description: 'e.g. MISSING_CREDENTIALS, SCOPE_MISSING, OUT_OF_REACH, RATE_LIMITED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, MALFORMED_JSON, UNSAFE_TEXT, CASE_NOT_FOUND' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' }, description: 'The fields at fault (400, some 422).' },
    },
    additionalProperties: true,
  },
};

const integerHeader = (description: string) => ({ description, schema: { type: 'integer' as const } });

/** The standard responses, by status: what they mean on every operation that has them. */
export const STANDARD_RESPONSES: Record<'400' | '401' | '403' | '404' | '413' | '415' | '429' | '503', ResponseObject> = {
  '400': {
    description:
      'The request is malformed — a parameter or the body fails validation (`errors: [{field, messages}]`), or the body is not JSON that can be stored (MALFORMED_JSON, INVALID_UTF8, UNSAFE_TEXT with field errors, BODY_TOO_DEEP). Nothing changed.',
  },
  '401': { description: 'No API key (MISSING_CREDENTIALS), or one that is unknown, revoked, expired or of a disabled system (INVALID_CREDENTIALS).' },
  '403': { description: 'The calling system lacks the scope this operation needs (SCOPE_MISSING), or the case is outside its reach (OUT_OF_REACH).' },
  '404': { description: 'No such resource (`code` names what is missing).' },
  '413': { description: 'The request body is larger than this service takes (PAYLOAD_TOO_LARGE). Nothing changed.' },
  '415': { description: 'The request body is not JSON (UNSUPPORTED_MEDIA_TYPE): send `content-type: application/json`. Nothing changed.' },
  '429': {
    description: "The calling system's rate limit is used up on this service instance (RATE_LIMITED); retry after Retry-After seconds.",
    headers: { 'Retry-After': integerHeader('Seconds until a request is allowed again.'), 'RateLimit-Limit': integerHeader('Requests per minute.'), 'RateLimit-Remaining': integerHeader('Requests left now.') },
  },
  '503': {
    description:
      'A service this call needs is down — Postgres restarting, Temporal unreachable (DEPENDENCY_UNAVAILABLE), or no worker runs the case (…_WORKFLOW_UNAVAILABLE). Nothing was acknowledged; retry after Retry-After seconds (the same sourceRef / Idempotency-Key is never stored twice).',
    headers: { 'Retry-After': integerHeader('Seconds to wait before trying again.') },
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** Every operation of a document with its method and path. */
export function operationsOf(doc: OpenAPIObject): { method: string; path: string; op: OperationObject }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path, op: item[m] as OperationObject })));
}

const hasPathParameters = (op: OperationObject) => (op.parameters ?? []).some((p) => 'in' in p && p.in === 'path');
const isPublic = (op: OperationObject) => (op as unknown as Record<string, unknown>)[OPENAPI_PUBLIC] === true || (Array.isArray(op.security) && op.security.length === 0);
const errorContent = () => ({ 'application/json': { schema: { ...ERROR_REF } } });

/** The statuses an operation gives by its traits (see the top of this file). */
export function standardStatusesOf(op: OperationObject): (keyof typeof STANDARD_RESPONSES)[] {
  return [
    '400',
    // every keyed call reads the key from Postgres: 503 when a dependency is down
    ...(isPublic(op) ? [] : (['401', '403', '429', '503'] as const)),
    ...(op.requestBody ? (['413', '415'] as const) : []),
    ...(hasPathParameters(op) ? (['404'] as const) : []),
  ];
}

/**
 * Adds the standard responses to every operation (keeping a handler's own description of a status), the error schema
 * to every error response that has no body, and `security: []` to public operations. Mutates and returns `doc`.
 */
export function withStandardResponses(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...SCHEMAS } };
  for (const { op } of operationsOf(doc)) {
    const marker = op as unknown as Record<string, unknown>;
    if (marker[OPENAPI_PUBLIC] === true) {
      op.security = [];
      delete marker[OPENAPI_PUBLIC];
    }
    for (const status of standardStatusesOf(op)) {
      const own = op.responses[status] as ResponseObject | undefined;
      op.responses[status] = own ? { ...STANDARD_RESPONSES[status], ...own } : { ...STANDARD_RESPONSES[status] };
    }
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) >= 400 && response && !('$ref' in response) && !response.content) response.content = errorContent();
    }
  }
  return doc;
}

/** The document a service serves at /docs-json: its handlers' documentation plus the standard responses. */
export function buildOpenApiDocument(app: INestApplication, info: { title: string; description: string }): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(info.title)
      .setDescription(info.description)
      .setVersion('v1')
      // every route but /health, /metrics and published schemas needs a calling system's key (README: Access control)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'hy_<prefix>_<secret>', description: 'API key of the calling system' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  return withStandardResponses(doc);
}

/**
 * The document a service's app module would serve, built without starting it: Nest's preview mode scans the modules
 * and creates no provider (no database, broker or Temporal connection). For tests and exports.
 */
export async function previewOpenApiDocument(module: unknown, info: { title: string; description: string } = { title: 'preview', description: '' }): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module as never, { preview: true, logger: false });
  try {
    return buildOpenApiDocument(app, info);
  } finally {
    await app.close();
  }
}

/**
 * What a document fails to say (empty when complete): per operation, a standard status it lacks, an error response
 * without a schema, no success status at all. `publicOperations`: the operation ids that need no key (from the
 * access rules), which must be exactly those with `security: []`.
 */
export function openApiProblems(doc: OpenAPIObject, publicOperations?: string[]): string[] {
  const problems: string[] = [];
  for (const { method, path, op } of operationsOf(doc)) {
    const at = `${method} ${path}`;
    const open = Array.isArray(op.security) && op.security.length === 0;
    if (publicOperations && open !== publicOperations.includes(op.operationId ?? '')) problems.push(`${at}: ${open ? 'documented as public, but needs a key' : 'needs no key, but documented as needing one'}`);
    for (const status of standardStatusesOf(op)) if (!op.responses[status]) problems.push(`${at}: ${status} not documented`);
    if (!Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))) problems.push(`${at}: no success status documented`);
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 400 || !response || '$ref' in response) continue;
      const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
      if (!schemas.length || schemas.some((s) => !s)) problems.push(`${at}: ${status} has no schema`);
    }
  }
  return problems;
}
