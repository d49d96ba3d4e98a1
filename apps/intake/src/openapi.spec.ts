import { routeRules } from '@huiying/access';
import { openApiProblems, previewOpenApiDocument } from '@huiying/platform';
import { AppModule } from './app.module';

// The document intake serves at /docs-json names every status it gives (issue 14: schemathesis found undocumented
// ones): 400/401/403/429 on every operation that needs a key, 413/415 with a body, 404 with path parameters, each error
// with the error schema; public exactly where the access rules say.
describe('intake OpenAPI document', () => {
  it('documents every status the service gives, each error with a schema', async () => {
    const doc = await previewOpenApiDocument(AppModule);
    const open = routeRules(AppModule).routes.filter((r) => r.rule?.public).map((r) => `${r.controller}_${r.handler}`);
    expect(openApiProblems(doc, open)).toEqual([]);
    const reports = doc.paths['/v1/reports']?.post?.responses ?? {};
    expect(Object.keys(reports).sort()).toEqual(['200', '202', '400', '401', '403', '413', '415', '429', '503']);
    expect(reports['403']).toMatchObject({ description: expect.stringContaining('OUT_OF_REACH'), content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } });
    expect(doc.paths['/metrics']?.get?.security).toEqual([]);
    expect(doc.paths['/v1/hotline/work-orders/schema']?.get?.security).toEqual([]);
    expect(doc.paths['/health']?.get?.security).toEqual([]);
  });
});
