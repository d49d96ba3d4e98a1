// gRPC IntakeService.SubmitDisclosureApplication against the running services (issue 6): the same validation and
// semantics as REST POST /v1/disclosure-applications — the case starts (seen through the ledger's CaseService),
// field errors as INVALID_ARGUMENT, and the idempotency key (client_ref or `idempotency-key` metadata) never opens a
// second application or case.
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { Client as PgClient } from 'pg';
import { GRPC_IDEMPOTENCY_KEY, type GrpcCase, type GrpcSubmitDisclosureApplicationResponse } from '@huiying/contracts';
import { decodeBadRequestStatus, FIELD_ERRORS_TRAILER } from '@huiying/platform';
import { grpcClients, grpcError, unary } from './grpc-support';
import { eventually, pg, postJson, shanghaiToday, urls } from './support';

// The pipeline may be busy with an earlier burst (the hotline tests): wait longer than the default minute.
const PIPELINE_WAIT_MS = 240000;

function application(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'post_signed',
    receipt: { signedForOn: '2026-11-16', reference: 'EMS1234567890CN' },
    applicant: {
      type: 'natural_person',
      name: '赵六',
      idDocument: { type: 'resident_id_card', number: '110101198805061234' },
      contact: { phone: '13611112222' },
    },
    informationDescription: '2026年城关区道路维修工程招标文件',
    purpose: '了解道路维修工程情况',
    deliveryForm: 'email',
    clientRef: `grpc-disclosure:${randomUUID()}`,
    ...overrides,
  };
}

describe('gRPC SubmitDisclosureApplication on the running services', () => {
  const c = grpcClients();
  let db: PgClient;

  beforeAll(async () => {
    db = await pg();
  });
  afterAll(async () => {
    c.intake.close();
    c.cases.close();
    await db?.end();
  });

  it('stores the application encrypted and starts its case (ledger GetCase); the same client_ref returns the same application', async () => {
    const req = application();
    const first = await unary<GrpcSubmitDisclosureApplicationResponse>(c.intake, 'SubmitDisclosureApplication', req);
    expect(first.duplicate).toBeFalsy(); // proto3 leaves false off the wire
    expect(first.caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.receivedOn).toBe('2026-11-16'); // post: the day it was signed for

    expect(first.receiptStatus).toBe('received');

    const again = await unary<GrpcSubmitDisclosureApplicationResponse>(c.intake, 'SubmitDisclosureApplication', { ...req, purpose: '重发' });
    expect(again).toEqual({ applicationId: first.applicationId, caseId: first.caseId, receivedOn: '2026-11-16', receiptStatus: 'received', duplicate: true });

    const stored = await db.query('SELECT case_id, applicant_encrypted, applicant_type, channel FROM intake.disclosure_applications WHERE client_ref = $1', [req.clientRef]);
    expect(stored.rowCount).toBe(1);
    expect(stored.rows[0]).toMatchObject({ case_id: first.caseId, applicant_type: 'natural_person', channel: 'post_signed' });
    for (const secret of ['赵六', '110101198805061234', '13611112222']) expect(stored.rows[0].applicant_encrypted).not.toContain(secret);
    const outbox = await db.query('SELECT payload::text AS payload FROM intake.outbox WHERE message_key = $1', [first.caseId]);
    expect(outbox.rowCount).toBe(1);
    for (const secret of ['赵六', '110101198805061234', '13611112222']) expect(outbox.rows[0].payload).not.toContain(secret);

    const registered = await eventually(
      'the disclosure case registered in the ledger',
      async () => {
        const got = await unary<GrpcCase>(c.cases, 'GetCase', { caseId: first.caseId }).catch(() => undefined);
        return got?.stage === 'registered' ? got : undefined;
      },
      PIPELINE_WAIT_MS,
    );
    expect(registered).toMatchObject({ caseId: first.caseId, kind: 'disclosure', department: 'disclosure_office' });
    const cases = await db.query('SELECT count(*)::int AS n FROM ledger.cases WHERE case_id = $1', [first.caseId]);
    expect(cases.rows[0].n).toBe(1);
  }, 2 * PIPELINE_WAIT_MS);

  it('the idempotency-key metadata is the REST Idempotency-Key: a re-send gets the same application and no second case', async () => {
    const key = `grpc-idem:${randomUUID()}`;
    const metadata = () => {
      const m = new grpc.Metadata();
      m.set(GRPC_IDEMPOTENCY_KEY, key);
      return m;
    };
    const confirmedOn = shanghaiToday();
    const req = application({ clientRef: undefined, channel: 'online', receipt: { confirmedOn, confirmedVia: 'online_system' } });
    const first = await unary<GrpcSubmitDisclosureApplicationResponse>(c.intake, 'SubmitDisclosureApplication', req, metadata());
    expect(first.duplicate).toBeFalsy();
    expect(first).toMatchObject({ receiptStatus: 'received', receivedOn: confirmedOn }); // online: the day both sides confirmed
    const again = await unary<GrpcSubmitDisclosureApplicationResponse>(c.intake, 'SubmitDisclosureApplication', req, metadata());
    expect(again).toMatchObject({ applicationId: first.applicationId, caseId: first.caseId, duplicate: true });
    const stored = await db.query('SELECT count(*)::int AS n FROM intake.disclosure_applications WHERE client_ref = $1', [key]);
    expect(stored.rows[0].n).toBe(1);
    const events = await db.query('SELECT count(*)::int AS n FROM intake.outbox WHERE message_key = $1', [first.caseId]);
    expect(events.rows[0].n).toBe(1);
  });

  it('follows the receipt rules of REST: an unconfirmed ordinary letter is stored awaiting confirmation, without a receipt date or a case, until staff confirm it', async () => {
    const req = application({ channel: 'ordinary_letter', receipt: { receivedOn: shanghaiToday(1), reference: 'letter-grpc' } });
    const first = await unary<GrpcSubmitDisclosureApplicationResponse>(c.intake, 'SubmitDisclosureApplication', req);
    expect(first.receiptStatus).toBe('awaiting_receipt_confirmation');
    expect(first.receivedOn).toBeUndefined();
    const events = await db.query('SELECT count(*)::int AS n FROM intake.outbox WHERE message_key = $1', [first.caseId]);
    expect(events.rows[0].n).toBe(0);
    const again = await unary<GrpcSubmitDisclosureApplicationResponse>(c.intake, 'SubmitDisclosureApplication', req);
    expect(again).toEqual({ applicationId: first.applicationId, caseId: first.caseId, receiptStatus: 'awaiting_receipt_confirmation', duplicate: true });

    const confirmedOn = shanghaiToday();
    const confirmed = await postJson(`${urls.intake}/v1/disclosure-applications/${first.applicationId}/receipt-confirmation`, { confirmedOn, confirmedBy: '政务公开办', via: 'phone' });
    expect(confirmed.status).toBe(200);
    // a re-send after the confirmation answers with the receipt date
    expect(await unary<GrpcSubmitDisclosureApplicationResponse>(c.intake, 'SubmitDisclosureApplication', req)).toMatchObject({ receiptStatus: 'received', receivedOn: confirmedOn, duplicate: true });
    const registered = await eventually(
      'the confirmed application registered in the ledger',
      async () => {
        const got = await unary<GrpcCase>(c.cases, 'GetCase', { caseId: first.caseId }).catch(() => undefined);
        return got?.stage === 'registered' ? got : undefined;
      },
      PIPELINE_WAIT_MS,
    );
    expect(registered).toMatchObject({ caseId: first.caseId, kind: 'disclosure' });
  }, 2 * PIPELINE_WAIT_MS);

  it('an invalid application is INVALID_ARGUMENT with the field errors (rich status and JSON trailer) and stores nothing', async () => {
    const clientRef = `grpc-disclosure-bad:${randomUUID()}`;
    const err = await grpcError(
      unary(c.intake, 'SubmitDisclosureApplication', {
        channel: 'pigeon',
        applicant: { type: 'robot', name: '', idDocument: { type: 'resident_id_card', number: '?' }, contact: { phone: 'abc' } },
        purpose: '',
        deliveryForm: 'telepathy',
        clientRef,
      }),
    );
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
    const fields = (JSON.parse(String(err.metadata.get(FIELD_ERRORS_TRAILER)[0])) as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['channel', 'applicant.type', 'applicant.name', 'applicant.idDocument.number', 'applicant.contact.phone', 'informationDescription', 'purpose', 'deliveryForm']),
    );
    const rich = decodeBadRequestStatus(err.metadata.get('grpc-status-details-bin')[0] as Buffer);
    expect(rich.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(rich.fieldViolations.map((v) => v.field)).toEqual(expect.arrayContaining(['channel', 'applicant.type', 'deliveryForm']));
    // Parts that do not fit together are field errors too (as the REST 400): post without the signed-for date,
    // a legal person without its organisation type.
    const mismatched = await grpcError(
      unary(c.intake, 'SubmitDisclosureApplication', application({ clientRef, receipt: {}, applicant: { ...application().applicant, type: 'legal_person' } })),
    );
    // a confirmation up front: how it was confirmed is one of the known ways, and it is not after today
    const fieldsOf = (e: grpc.ServiceError) => (JSON.parse(String(e.metadata.get(FIELD_ERRORS_TRAILER)[0])) as { field: string }[]).map((x) => x.field);
    const badVia = await grpcError(unary(c.intake, 'SubmitDisclosureApplication', application({ clientRef, channel: 'fax', receipt: { confirmedOn: shanghaiToday(), confirmedVia: 'carrier_pigeon' } })));
    expect(badVia.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(fieldsOf(badVia)).toEqual(['receipt.confirmedVia']);
    const future = await grpcError(unary(c.intake, 'SubmitDisclosureApplication', application({ clientRef, channel: 'fax', receipt: { confirmedOn: shanghaiToday(-2) } })));
    expect(future.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(fieldsOf(future)).toEqual(['receipt.confirmedOn']);
    expect(mismatched.code).toBe(grpc.status.INVALID_ARGUMENT);
    const mismatchedFields = (JSON.parse(String(mismatched.metadata.get(FIELD_ERRORS_TRAILER)[0])) as { field: string }[]).map((e) => e.field);
    expect(mismatchedFields).toEqual(expect.arrayContaining(['receipt.signedForOn', 'applicant.organisationType']));
    const stored = await db.query('SELECT count(*)::int AS n FROM intake.disclosure_applications WHERE client_ref = $1', [clientRef]);
    expect(stored.rows[0].n).toBe(0);
  });

  it('a complaint filed as an application is answered as not a disclosure application, with the right channel', async () => {
    const res = await unary<GrpcSubmitDisclosureApplicationResponse>(c.intake, 'SubmitDisclosureApplication', application({ filedAs: 'complaint' }));
    expect(res.notADisclosureApplication).toMatchObject({ filedAs: 'complaint', rightChannel: expect.stringContaining('12345') });
  });
});
