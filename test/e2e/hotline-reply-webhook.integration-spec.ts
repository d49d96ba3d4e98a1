// The 12345 reply webhook on the real stack (issue 15): a reply on hotline.work-order-replies.v1 is POSTed by
// publication to the webhook configured for the local stack (deploy/local/env.sh: HOTLINE_REPLY_WEBHOOK_URL → the
// receiver this test runs on its port, with the development secret), signed; refused once, then delivered; every attempt
// recorded. A reply the receiver keeps refusing ends failed, is listed as failed, and ops' resend delivers it.
// The replies are produced here, as the ledger would (the consumer only needs the topic), each with its own order number.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Producer } from 'kafkajs';
import { EVENT_TYPES, makeEnvelope, TOPICS, type EventEnvelope, type HotlineWorkOrderReplyV1 } from '@huiying/contracts';
import { eventually, getJson, kafka, postJson, urls } from './support';

const WEBHOOK_URL = new URL(process.env.HOTLINE_REPLY_WEBHOOK_URL || 'http://127.0.0.1:3099/hotline/replies');
const SECRET = process.env.HOTLINE_REPLY_WEBHOOK_SECRET || 'local-development-webhook-secret';

jest.setTimeout(120_000);

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Delivery {
  id: string;
  orderNo: string;
  sequence: number;
  deliveryId: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  resends: number;
  envelope: Record<string, unknown>;
  attemptLog: { attempt: number; httpStatus: number | null; error: string | null; outcome: string; durationMs: number }[];
}

describe('12345 reply webhook, end to end', () => {
  let server: Server;
  let producer: Producer;
  /** What the receiver got, per order number (other suites' replies reach it too: answered 200, not kept). */
  const received = new Map<string, Received[]>();
  /** How the receiver answers an order's n-th request (0-based); orders not named here get 200. */
  const answers = new Map<string, (n: number) => number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let orderNo = '';
        try {
          orderNo = String((JSON.parse(body) as { subject?: unknown }).subject ?? '');
        } catch {
          // not JSON: answered 400 below
        }
        const answer = answers.get(orderNo);
        if (!answer) return void res.writeHead(orderNo ? 200 : 400).end();
        const seen = received.get(orderNo) ?? [];
        seen.push({ path: req.url ?? '', headers: req.headers, body });
        received.set(orderNo, seen);
        res.writeHead(answer(seen.length - 1), { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) => reject(new Error(`the test receiver cannot listen on ${WEBHOOK_URL.host} (HOTLINE_REPLY_WEBHOOK_URL): ${String(e)}`)));
      server.listen(Number(WEBHOOK_URL.port), WEBHOOK_URL.hostname, resolve);
    });
    producer = kafka(`e2e-reply-webhook-${randomUUID().slice(0, 8)}`).producer();
    await producer.connect();
    // the stack must run with the webhook configured (deploy/local/env.sh does it by default)
    const list = await getJson(`${urls.publication}/v1/hotline/reply-deliveries?limit=1`);
    expect(list.status).toBe(200);
    if (list.body.webhookConfigured !== true) throw new Error('publication runs without HOTLINE_REPLY_WEBHOOK_URL: start the stack with deploy/local/env.sh\'s defaults');
  });

  afterAll(async () => {
    await producer?.disconnect();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  const newOrderNo = (tag: string) => `E2EWH${tag}${Date.now().toString(36)}${randomUUID().slice(0, 6)}`.toUpperCase();

  const reply = (orderNo: string, sequence: number): EventEnvelope<HotlineWorkOrderReplyV1> => {
    const repliedAt = new Date().toISOString();
    return makeEnvelope({
      id: `hotline-reply:${orderNo}:${sequence}`,
      type: EVENT_TYPES.hotlineWorkOrderReply,
      source: '/huiying/ledger',
      time: repliedAt,
      subject: orderNo,
      data: {
        orderNo, sequence, kind: 'closure', caseId: randomUUID(), reportId: randomUUID(), stage: 'closed',
        handlingUnit: 'housing_urban_rural', result: '经核查，已协调物业恢复供暖，住户确认室温达标。', repliedAt,
      },
    });
  };

  const produce = (...envelopes: EventEnvelope<HotlineWorkOrderReplyV1>[]) =>
    producer.send({ topic: TOPICS.hotlineWorkOrderReplies, messages: envelopes.map((e) => ({ key: e.subject, value: JSON.stringify(e) })) });

  const deliveriesOf = async (orderNo: string, status?: string): Promise<Delivery[]> => {
    const r = await getJson(`${urls.publication}/v1/hotline/reply-deliveries?orderNo=${orderNo}${status ? `&status=${status}` : ''}`);
    expect(r.status).toBe(200);
    return r.body.deliveries as Delivery[];
  };

  const deliveryWhen = (orderNo: string, ok: (d: Delivery) => boolean, what: string) =>
    eventually(what, async () => (await deliveriesOf(orderNo)).find(ok), 45_000);

  const verifySigned = (r: Received, envelope: EventEnvelope<HotlineWorkOrderReplyV1>) => {
    expect(r.path).toBe(WEBHOOK_URL.pathname);
    expect(r.headers['content-type']).toBe('application/json');
    const ts = String(r.headers['x-huiying-timestamp']);
    expect(ts).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(300);
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${r.body}`, 'utf8').digest('hex')}`;
    expect(r.headers['x-huiying-signature']).toBe(expected);
    expect(r.headers['x-huiying-delivery']).toBe(envelope.id);
    expect(JSON.parse(r.body)).toEqual(envelope);
  };

  let first: { orderNo: string; envelope: EventEnvelope<HotlineWorkOrderReplyV1> };

  it('POSTs the reply signed; refused once (500), delivered on the retry (200), both attempts recorded; a redelivered reply is not sent again', async () => {
    const orderNo = newOrderNo('A');
    const envelope = reply(orderNo, 3);
    first = { orderNo, envelope };
    answers.set(orderNo, (n) => (n === 0 ? 500 : 200));
    await produce(envelope, envelope); // the same reply twice (a redelivery): one delivery

    const delivered = await deliveryWhen(orderNo, (d) => d.status === 'delivered', `the reply to ${orderNo} delivered`);
    expect(delivered).toMatchObject({ orderNo, sequence: 3, deliveryId: envelope.id, attempts: 2, resends: 0 });
    expect(delivered.envelope).toEqual(envelope);
    expect(delivered.attemptLog.map((a) => [a.attempt, a.httpStatus, a.outcome])).toEqual([[1, 500, 'retry'], [2, 200, 'delivered']]);
    expect(delivered.attemptLog.every((a) => a.durationMs >= 0)).toBe(true);

    const got = received.get(orderNo) ?? [];
    expect(got).toHaveLength(2);
    for (const r of got) verifySigned(r, envelope);
    expect(got[0]?.body).toBe(got[1]?.body); // the same bytes, the same idempotency key
    expect(await deliveriesOf(orderNo)).toHaveLength(1);
  });

  it('a reply the receiver keeps refusing ends failed, is listed as failed, and ops\' resend delivers it with its attempts kept', async () => {
    const orderNo = newOrderNo('B');
    const envelope = reply(orderNo, 5);
    let refuse = true;
    answers.set(orderNo, () => (refuse ? 500 : 200));
    await produce(envelope);

    const failed = await deliveryWhen(orderNo, (d) => d.status === 'failed', `the reply to ${orderNo} failed`);
    expect(failed.attempts).toBe(failed.maxAttempts);
    expect(failed.attemptLog.map((a) => a.httpStatus)).toEqual(Array.from({ length: failed.maxAttempts }, () => 500));
    expect(failed.attemptLog.at(-1)?.outcome).toBe('failed');
    expect((received.get(orderNo) ?? []).length).toBe(failed.maxAttempts);
    expect((await deliveriesOf(orderNo, 'failed')).map((d) => d.id)).toEqual([failed.id]);
    const allFailed = await getJson(`${urls.publication}/v1/hotline/reply-deliveries?status=failed&limit=500`);
    expect((allFailed.body.deliveries as Delivery[]).some((d) => d.id === failed.id)).toBe(true);

    refuse = false;
    const resent = await postJson(`${urls.publication}/v1/hotline/reply-deliveries/${failed.id}/resend`, {});
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: failed.id, resends: 1, attempts: failed.maxAttempts });
    expect(['pending', 'delivered']).toContain(resent.body.status); // the worker may be quicker than the answer
    expect((resent.body.attemptLog as unknown[]).length).toBeGreaterThanOrEqual(failed.maxAttempts);

    const delivered = await deliveryWhen(orderNo, (d) => d.status === 'delivered', `the resent reply to ${orderNo} delivered`);
    expect(delivered).toMatchObject({ id: failed.id, attempts: failed.maxAttempts + 1, resends: 1 });
    expect(delivered.attemptLog.at(-1)).toMatchObject({ attempt: failed.maxAttempts + 1, httpStatus: 200, outcome: 'delivered' });
    const got = received.get(orderNo) ?? [];
    expect(got).toHaveLength(failed.maxAttempts + 1);
    for (const r of got) verifySigned(r, envelope);
  });

  it('resend: an unknown delivery is 404; the first reply was still sent only twice', async () => {
    const unknown = await postJson(`${urls.publication}/v1/hotline/reply-deliveries/${randomUUID()}/resend`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('HOTLINE_REPLY_DELIVERY_NOT_FOUND');
    expect(received.get(first.orderNo)).toHaveLength(2);
    expect(await deliveriesOf(first.orderNo)).toHaveLength(1);
  });
});
