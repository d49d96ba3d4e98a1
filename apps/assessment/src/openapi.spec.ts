import { routeRules } from '@huiying/access';
import { openApiProblems, previewOpenApiDocument } from '@huiying/platform';
import { AppModule } from './app.module';

// The document assessment serves at /docs-json names every status it gives (issue 14: schemathesis found undocumented
// ones): 400/401/403/429 on every operation that needs a key, 413/415 with a body, 404 with path parameters, each error
// with the error schema; public exactly where the access rules say.
describe('assessment OpenAPI document', () => {
  it('documents every status the service gives, each error with a schema', async () => {
    const doc = await previewOpenApiDocument(AppModule);
    const open = routeRules(AppModule).routes.filter((r) => r.rule?.public).map((r) => `${r.controller}_${r.handler}`);
    expect(openApiProblems(doc, open)).toEqual([]);
    expect(Object.keys(doc.paths['/v1/cases/{caseId}/assessments']?.get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404', '429', '503']);
    expect(doc.paths['/health']?.get?.security).toEqual([]);
  });
});
