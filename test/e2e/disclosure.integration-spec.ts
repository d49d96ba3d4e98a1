// Disclosure applications (依申请公开) end to end on the real stack: intake (REST, Postgres + outbox) → Kafka →
// routing (starts disclosureApplicationWorkflow) → worker (deadline activity on policy.calendar_years) →
// cases.events.v1 → ledger; actions over routing's REST → Temporal updates.
import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import type { Client, Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '@huiying/contracts';
import { authHeaders, eventually, getJson, pg, postJson, shanghaiToday, temporal, urls } from './support';

// online: received on the day both sides confirm (条例第三十一条（三）); the portal confirmed it today, up front
function application(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'online',
    receipt: { confirmedOn: shanghaiToday(), confirmedVia: 'online_system' },
    applicant: {
      type: 'legal_person',
      organisationType: 'legal_services_organisation',
      name: '某某律师事务所',
      idDocument: { type: 'unified_social_credit_code', number: '91110000MA01ABCD2X' },
      contact: { phone: '13912345678', email: 'lawfirm@example.cn' },
    },
    informationDescription: '2025年城关区老旧小区改造项目资金使用明细',
    purpose: '代理委托人了解改造资金使用情况',
    deliveryForm: 'electronic',
    clientRef: `e2e-disclosure:${randomUUID()}`,
    ...overrides,
  };
}

async function act(caseId: string, action: string, body: Record<string, unknown>) {
  return postJson(`${urls.routing}/v1/disclosure-applications/${caseId}/${action}`, body);
}

describe('disclosure applications on the real stack', () => {
  let db: PgClient;
  let t: { client: Client; connection: Connection };

  beforeAll(async () => {
    db = await pg();
    t = await temporal();
  });
  afterAll(async () => {
    await t?.connection.close();
    await db?.end();
  });

  it('application via REST → workflow in Temporal and case in the ledger → actions → reply issued → archived', async () => {
    const body = application();
    const res = await postJson(`${urls.intake}/v1/disclosure-applications`, body);
    expect(res.status).toBe(202);
    const caseId = res.body.caseId as string;
    const receivedOn = res.body.receivedOn as string;
    expect(res.body.receiptStatus).toBe('received');
    expect(receivedOn).toBe(body.receipt.confirmedOn); // the confirmation day is the receipt day

    // stored with its outbox row; personal data encrypted
    const stored = await db.query('SELECT applicant_encrypted, applicant_type, organisation_type FROM intake.disclosure_applications WHERE case_id = $1', [caseId]);
    expect(stored.rows[0]).toMatchObject({ applicant_type: 'legal_person', organisation_type: 'legal_services_organisation' });
    expect(stored.rows[0].applicant_encrypted).not.toContain('91110000MA01ABCD2X');
    expect(stored.rows[0].applicant_encrypted).not.toContain('13912345678');

    const registered = await eventually('case registered in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === 'registered' ? r.body : undefined;
    });
    expect(registered).toMatchObject({ kind: 'disclosure', department: 'disclosure_office', jurisdiction: 'cn' });

    const handle = t.client.workflow.getHandle(caseId);
    // the registered event can reach the ledger before the workflow has set its deadline search attributes
    const description = await eventually('the answer deadline in the search attributes', async () => {
      const d = await handle.describe();
      return d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.DueAt) ? d : undefined;
    });
    expect(description.type).toBe('disclosureApplicationWorkflow');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.CaseKind)).toBe('disclosure');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Department)).toBe('disclosure_office');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.Jurisdiction)).toBe('cn');
    const state = await getJson(`${urls.routing}/v1/disclosure-applications/${caseId}`);
    const due = (state.body.deadlines as { answer: { due: string; dueAt: string } }).answer;
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.DueAt)?.toISOString()).toBe(due.dueAt);
    const found = await eventually('the case in a visibility query', async () => {
      const ids: string[] = [];
      for await (const wf of t.client.workflow.list({ query: `WorkflowId = '${caseId}' AND CaseKind = 'disclosure' AND CaseStage = 'registered'` })) ids.push(wf.workflowId);
      return ids.length ? ids : undefined;
    });
    expect(found).toEqual([caseId]);

    // the extension's approver is a person holding head_of_disclosure_office for the case's jurisdiction (access role grant)
    const head = await postJson(`${urls.ledger}/v1/access/role-grants`, {
      personId: `e2e-disclosure-head-${caseId.slice(0, 8)}`, personName: '王主任', role: 'head_of_disclosure_office', jurisdiction: 'cn',
      office: '某市人民政府办公室（政务公开办）', validFrom: '2020-01-01', grantedBy: '市政府办公室主任 赵某',
    });
    expect(head.status).toBe(201);
    const approverId = head.body.personId as string;

    // a wrong action is refused with its reason
    const wrongApprover = await act(caseId, 'extension', { workingDays: 10, reason: '需要调档', approverId: `e2e-disclosure-clerk-${caseId.slice(0, 8)}`, sentVia: 'email' });
    expect(wrongApprover.status).toBe(422);
    expect(wrongApprover.body.message).toContain('has no active grant of head_of_disclosure_office for cn');
    expect((wrongApprover.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['approverId']);
    const tooEarly = await act(caseId, 'reply', { issuedBy: '经办人', deliveredVia: 'email' });
    expect(tooEarly.status).toBe(409);
    expect((await act(randomUUID(), 'review', { reviewedBy: 'x', outcome: 'cleared' })).status).toBe(404);

    expect((await act(caseId, 'review', { reviewedBy: '保密员', outcome: 'cleared' })).body.stage).toBe('confidentiality_review');
    const extended = await act(caseId, 'extension', { workingDays: 10, reason: '需要调档', approverId, sentVia: 'email' });
    expect(extended.status).toBe(200);
    expect((extended.body.extension as { dueBefore: string }).dueBefore).toBe(due.due);
    // the applicant is told: a 延期答复告知书 with its delivery record
    expect(extended.body.notices).toEqual([expect.objectContaining({ id: 'n1', kind: 'extension_notice', addressee: 'applicant', sentVia: 'email', receivedOn: null })]);
    const second = await act(caseId, 'extension', { workingDays: 5, reason: '再延', approverId, sentVia: 'email' });
    expect(second.status).toBe(409);
    const decided = await act(caseId, 'decision', {
      replyType: 'partly_disclosed',
      decidedBy: '王主任',
      withheldParts: [{ description: '个人银行账户信息', resultCode: 'withheld.third_party_rights', reason: '涉及个人隐私' }],
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({ replyType: 'partly_disclosed', resultCode: 'partly_disclosed' });
    expect((await act(caseId, 'reply', { issuedBy: '经办人', deliveredVia: 'email', letterRef: 'e2e' })).body.stage).toBe('reply_issued');
    expect((await act(caseId, 'archive', { archivedBy: '档案员' })).body.stage).toBe('archived');

    const ledger = await eventually('case archived in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${caseId}`);
      return r.status === 200 && r.body.stage === 'archived' ? r.body : undefined;
    });
    const stages = (ledger.history as { stage: string }[]).map((h) => h.stage);
    expect(stages).toEqual(expect.arrayContaining(['received', 'registered', 'confidentiality_review', 'decided', 'reply_issued', 'archived']));
    const decision = (ledger.history as { stage: string; detail: Record<string, unknown> }[]).find((h) => h.stage === 'decided');
    expect(decision?.detail).toMatchObject({ resultCode: 'partly_disclosed', resultRow: '（二）' });
    await eventually('workflow completed', async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined));
  });

  it('the same clientRef (or Idempotency-Key) twice returns the same application and opens nothing new', async () => {
    const body = application();
    const first = await postJson(`${urls.intake}/v1/disclosure-applications`, body);
    const [second, third] = await Promise.all([postJson(`${urls.intake}/v1/disclosure-applications`, body), postJson(`${urls.intake}/v1/disclosure-applications`, body)]);
    expect(first.status).toBe(202);
    for (const dup of [second, third]) {
      expect(dup.status).toBe(200);
      expect(dup.body).toMatchObject({ caseId: first.body.caseId, applicationId: first.body.applicationId, duplicate: true });
    }
    const rows = await db.query('SELECT count(*)::int AS n FROM intake.disclosure_applications WHERE client_ref = $1', [body.clientRef]);
    expect(rows.rows[0].n).toBe(1);

    const key = `e2e-key:${randomUUID()}`;
    const withKey = { ...application(), clientRef: undefined };
    const send = () =>
      fetch(`${urls.intake}/v1/disclosure-applications`, { method: 'POST', headers: authHeaders({ 'content-type': 'application/json', 'idempotency-key': key }), body: JSON.stringify(withKey) }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
      );
    const a = await send();
    const b = await send();
    expect([a.status, b.status]).toEqual([202, 200]);
    expect(b.body.caseId).toBe(a.body.caseId);
  });

  it('an invalid body is refused with field-level errors and nothing is stored', async () => {
    const clientRef = `e2e-invalid:${randomUUID()}`;
    const bad = await postJson(`${urls.intake}/v1/disclosure-applications`, application({ channel: 'carrier_pigeon', clientRef, applicant: { type: 'alien' } }));
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['channel']));
    const noEvidence = await postJson(`${urls.intake}/v1/disclosure-applications`, application({ channel: 'post_signed', clientRef }));
    expect(noEvidence.status).toBe(400);
    expect((noEvidence.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['receipt.signedForOn']);
    const rows = await db.query('SELECT count(*)::int AS n FROM intake.disclosure_applications WHERE client_ref = $1', [clientRef]);
    expect(rows.rows[0].n).toBe(0);
  });

  it('a complaint filed as an application is answered with the right channel and becomes an opinion case with one call', async () => {
    const res = await postJson(`${urls.intake}/v1/disclosure-applications`, application({ filedAs: 'complaint', channel: 'in_person', receipt: { handedInOn: '2026-11-20' } }));
    expect(res.status).toBe(202);
    expect(res.body.receivedOn).toBe('2026-11-20');
    expect(res.body.notADisclosureApplication).toMatchObject({ filedAs: 'complaint', rightChannel: expect.stringContaining('12345') });
    const applicationId = res.body.applicationId as string;

    const converted = await postJson(`${urls.intake}/v1/disclosure-applications/${applicationId}/convert-to-opinion-case`, { convertedBy: '政务公开办', category: 'housing' });
    expect(converted.status).toBe(200);
    expect(converted.body.duplicate).toBe(false);
    const again = await postJson(`${urls.intake}/v1/disclosure-applications/${applicationId}/convert-to-opinion-case`, { convertedBy: '政务公开办' });
    expect(again.body).toMatchObject({ opinionCaseId: converted.body.opinionCaseId, duplicate: true });
    const opinion = await eventually('the opinion case routed in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${converted.body.opinionCaseId as string}`);
      return r.status === 200 && r.body.kind === 'opinion' ? r.body : undefined;
    });
    expect(opinion.department).toBe('housing_urban_rural');
    const row = await db.query('SELECT converted_case_id FROM intake.disclosure_applications WHERE id = $1', [applicationId]);
    expect(row.rows[0].converted_case_id).toBe(converted.body.opinionCaseId);

    // the disclosure case itself is decided as not a disclosure application (annual report: 不予处理 — 信访举报投诉类)
    const decided = await eventually('the disclosure case decided', async () => {
      const r = await getJson(`${urls.routing}/v1/disclosure-applications/${res.body.caseId as string}`);
      return r.status === 200 && r.body.stage === 'decided' ? r.body : undefined;
    });
    expect(decided.decision).toMatchObject({ replyType: 'not_disclosure_application', resultCode: 'not_processed.complaint_petition_report' });

    const notConvertible = await postJson(`${urls.intake}/v1/disclosure-applications/${(await postJson(`${urls.intake}/v1/disclosure-applications`, application())).body.applicationId as string}/convert-to-opinion-case`, {
      convertedBy: 'x',
    });
    expect(notConvertible.status).toBe(409);
  });
});
