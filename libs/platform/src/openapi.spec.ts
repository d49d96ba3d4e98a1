import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_SCHEMA, OPENAPI_PUBLIC, openApiProblems, withStandardResponses } from './openapi';

const ERROR = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } };

/** A document as @nestjs/swagger scans it: an action with a body and a case id, a list, a public health check. */
function scanned(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: 'v1' },
    security: [{ bearer: [] }],
    paths: {
      '/v1/cases/{caseId}/claim': {
        post: {
          operationId: 'CaseController_claim',
          parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { '200': { description: 'claimed' }, '404': { description: 'No such case.' }, '409': { description: 'Claimed already.' } },
        },
      },
      '/v1/cases': { get: { operationId: 'CaseController_list', responses: { '200': { description: 'cases' } } } },
      '/health': {
        get: {
          operationId: 'HealthController_health',
          [OPENAPI_PUBLIC]: true,
          responses: { '200': { description: 'ok' }, '503': { description: 'down', content: { 'application/json': { schema: { type: 'object' } } } } },
        } as never,
      },
    },
  };
}

describe('the standard responses of every operation', () => {
  it('by traits: 400/401/403/429/503 for an operation that needs a key, 413/415 with a body, 404 with path parameters — each with the error schema', () => {
    const doc = withStandardResponses(scanned());
    const claim = doc.paths['/v1/cases/{caseId}/claim']?.post?.responses ?? {};
    expect(Object.keys(claim).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '429', '503']);
    expect(claim['401']).toMatchObject({ description: expect.stringContaining('MISSING_CREDENTIALS'), content: ERROR });
    expect(claim['429']).toMatchObject({ headers: { 'Retry-After': expect.any(Object) }, content: ERROR });
    // the handler's own words are kept; its error responses get the error schema
    expect(claim['404']).toEqual({ description: 'No such case.', content: ERROR });
    expect(claim['409']).toEqual({ description: 'Claimed already.', content: ERROR });
    expect(Object.keys(doc.paths['/v1/cases']?.get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '429', '503']);
    expect(doc.components?.schemas?.[ERROR_SCHEMA]).toMatchObject({ required: ['statusCode', 'message'] });
  });

  it('a public operation needs no key: security [] and no 401/403/429; a body of its own (the health 503) is kept', () => {
    const health = withStandardResponses(scanned()).paths['/health']?.get;
    expect(health?.security).toEqual([]);
    expect(health && OPENAPI_PUBLIC in health).toBe(false);
    expect(Object.keys(health?.responses ?? {}).sort()).toEqual(['200', '400', '503']);
    expect(health?.responses['503']).toEqual({ description: 'down', content: { 'application/json': { schema: { type: 'object' } } } });
  });

  it('names what a document fails to say', () => {
    const doc = scanned();
    expect(openApiProblems(doc)).toEqual(
      expect.arrayContaining(['POST /v1/cases/{caseId}/claim: 413 not documented', 'POST /v1/cases/{caseId}/claim: 409 has no schema', 'GET /v1/cases: 401 not documented']),
    );
    withStandardResponses(doc);
    expect(openApiProblems(doc, ['HealthController_health'])).toEqual([]);
    expect(openApiProblems(doc, [])).toEqual(['GET /health: documented as public, but needs a key']);
    delete doc.paths['/v1/cases']?.get?.responses['200'];
    expect(openApiProblems(doc, ['HealthController_health'])).toEqual(['GET /v1/cases: no success status documented']);
  });
});
