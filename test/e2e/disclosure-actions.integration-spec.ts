// Disclosure action bodies on the real stack (routing POST /v1/disclosure-applications/:caseId/<action>): each action
// has its DTO in the OpenAPI document, a bad body is a 400 with the field errors before the case workflow is asked,
// and the workflow records nothing of it.
import { randomUUID } from 'node:crypto';
import type { Client, Connection } from '@temporalio/client';
import { eventually, getJson, postJson, shanghaiToday, temporal, urls } from './support';

describe('disclosure action bodies', () => {
  let t: { client: Client; connection: Connection };

  beforeAll(async () => {
    t = await temporal();
  });
  afterAll(async () => {
    await t?.connection.close();
  });

  it('are in routing\'s OpenAPI document, one schema per action', async () => {
    const doc = await getJson(`${urls.routing}/docs-json`);
    expect(doc.status).toBe(200);
    const schemas = (doc.body.components as { schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }> }).schemas;
    for (const name of ['DisclosureReviewDto', 'DisclosureDecisionDto', 'DisclosureExtensionDto', 'DisclosureReplyDto', 'DisclosureArchiveDto', 'DisclosureCorrectionRequestDto']) {
      expect(schemas[name]).toBeDefined();
    }
    expect(schemas.DisclosureExtensionDto.required).toEqual(expect.arrayContaining(['workingDays', 'reason', 'approverId']));
    // the approver is named by person id; a role or name claimed by the caller is not part of the body
    expect(Object.keys(schemas.DisclosureExtensionDto.properties)).not.toEqual(expect.arrayContaining(['approverRole']));
    expect(Object.keys(schemas.DisclosureExtensionDto.properties)).not.toEqual(expect.arrayContaining(['approvedBy']));
    const op = (doc.body.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { oneOf: { $ref: string }[] } }> }; responses: Record<string, unknown> }>>)[
      '/v1/disclosure-applications/{caseId}/{action}'
    ].post;
    expect(op.requestBody?.content['application/json'].schema.oneOf).toEqual(expect.arrayContaining([{ $ref: '#/components/schemas/DisclosureExtensionDto' }]));
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409', '422']));
  });

  it('a bad body is 400 with the field errors and changes nothing; the body is checked before the case is looked up', async () => {
    const applied = await postJson(`${urls.intake}/v1/disclosure-applications`, {
      channel: 'online',
      receipt: { confirmedOn: shanghaiToday(), confirmedVia: 'online_system' }, // online: the day both sides confirmed
      applicant: { type: 'natural_person', name: '孙八', idDocument: { type: 'resident_id_card', number: '110101199001011234' }, contact: { email: 'a@example.cn' } },
      informationDescription: '2026年城关区公园维护费用',
      purpose: '了解公园维护情况',
      deliveryForm: 'electronic',
      clientRef: `e2e-disclosure-actions:${randomUUID()}`,
    });
    expect(applied.status).toBe(202);
    const caseId = applied.body.caseId as string;
    const handle = t.client.workflow.getHandle(caseId);
    await eventually('the disclosure workflow started', async () => ((await handle.describe().catch(() => undefined)) ? true : undefined), 120000);

    const bad = await postJson(`${urls.routing}/v1/disclosure-applications/${caseId}/extension`, { workingDays: 'ten', approvedBy: '', reason: 5, note: 'x' });
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['approvedBy', 'approverId', 'note', 'reason', 'sentVia', 'workingDays']);
    expect((bad.body.errors as { field: string; messages: string[] }[]).find((e) => e.field === 'approvedBy')?.messages).toEqual([
      expect.stringMatching(/^approvedBy is no longer accepted: name the approver by approverId/),
    ]);
    const badDecision = await postJson(`${urls.routing}/v1/disclosure-applications/${caseId}/decision`, {
      replyType: 'perhaps',
      decidedBy: '王主任',
      withheldParts: [{ description: '某部分', resultCode: 'secret', reason: '' }],
    });
    expect(badDecision.status).toBe(400);
    expect((badDecision.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['replyType', 'withheldParts.0.reason', 'withheldParts.0.resultCode']);

    // the workflow was never asked: no update in its history
    const history = await handle.fetchHistory();
    const updates = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateAdmittedEventAttributes);
    expect(updates).toEqual([]);

    // the body is checked first: a bad body for a case that does not exist is still a 400; an unknown action a 404
    expect((await postJson(`${urls.routing}/v1/disclosure-applications/${randomUUID()}/review`, { outcome: 'fine' })).status).toBe(400);
    expect((await postJson(`${urls.routing}/v1/disclosure-applications/${caseId}/teleport`, {})).status).toBe(404);
  }, 180000);
});
