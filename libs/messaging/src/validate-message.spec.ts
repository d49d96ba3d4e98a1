import { EVENT_TYPES, makeEnvelope, TOPICS, WORK_ORDER_EXAMPLE } from '@huiying/contracts';
import { parseMessage, PoisonMessageError } from './validate-message';

const caseId = '3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f';
const valid = makeEnvelope({
  id: 'report:1',
  type: EVENT_TYPES.reportReceived,
  source: '/huiying/intake',
  time: '2026-11-21T01:00:00.000Z',
  subject: caseId,
  data: {
    reportId: '9b2e7f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    caseId,
    channel: 'weibo',
    title: '供暖不热',
    content: '暖气温度不达标',
    category: 'housing',
    location: { district: '城关区' },
    occurredAt: '2026-11-20T00:30:00.000Z',
    receivedAt: '2026-11-21T01:00:00.000Z',
  },
});

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PoisonMessageError) return e.reason;
    throw e;
  }
  throw new Error('expected a PoisonMessageError');
}

describe('parseMessage (validation of every consumed message)', () => {
  it('accepts a valid envelope and returns the typed payload', async () => {
    const env = await parseMessage(TOPICS.reportReceived, caseId, buf(valid));
    expect(env.data.caseId).toBe(caseId);
    expect(env.data.constructor.name).toBe('ReportReceivedV1');
  });

  it('rejects a value that is not JSON', async () => {
    expect(await reason(parseMessage(TOPICS.reportReceived, caseId, buf('{oops')))).toMatch(/not JSON/);
  });

  it('rejects an empty value and a JSON array', async () => {
    expect(await reason(parseMessage(TOPICS.reportReceived, caseId, null))).toMatch(/empty/);
    expect(await reason(parseMessage(TOPICS.reportReceived, caseId, buf([1, 2])))).toMatch(/not a JSON object/);
  });

  it('names every invalid envelope attribute and payload field', async () => {
    const bad = { ...valid, specversion: '0.3', time: 'yesterday', data: { ...valid.data, channel: 'fax', caseId: 'x' } };
    const r = await reason(parseMessage(TOPICS.reportReceived, 'x', buf(bad)));
    expect(r).toMatch(/specversion/);
    expect(r).toMatch(/time/);
    expect(r).toMatch(/data\.channel/);
    expect(r).toMatch(/data\.caseId/);
  });

  it('drops payload fields it does not know (a newer producer of the same version) before the handler sees them', async () => {
    const parsed = await parseMessage(TOPICS.reportReceived, caseId, buf({ ...valid, data: { ...valid.data, reporterPhone: '13800138000', addedLater: { x: 1 } } }));
    expect(parsed.data).not.toHaveProperty('reporterPhone');
    expect(parsed.data).not.toHaveProperty('addedLater');
    expect(JSON.stringify(parsed)).not.toContain('13800138000');
    expect(parsed.data.caseId).toBe(valid.data.caseId);
  });

  it('still rejects a known field with the wrong type next to unknown ones', async () => {
    const r = await reason(parseMessage(TOPICS.reportReceived, caseId, buf({ ...valid, data: { ...valid.data, caseId: 42, addedLater: true } })));
    expect(r).toMatch(/data\.caseId/);
  });

  it('rejects a message whose key is not its subject (keyed by case id)', async () => {
    expect(await reason(parseMessage(TOPICS.reportReceived, 'other-key', buf(valid)))).toMatch(/differs from envelope subject/);
  });

  it('dead-letters a 12345 work order whose text is not UTF-8 (GBK bytes become U+FFFD), naming the field and not the text', async () => {
    const order = makeEnvelope({
      id: 'GD1:1',
      type: EVENT_TYPES.hotlineWorkOrder,
      source: '/12345',
      time: '2026-11-21T01:00:00.000Z',
      subject: 'GD1',
      data: { ...WORK_ORDER_EXAMPLE, orderNo: 'GD1', title: '@TITLE@', caller: { name: '@NAME@' } },
    });
    const [before, middle, after] = JSON.stringify(order).split(/@TITLE@|@NAME@/);
    // "供暖" and "张三" in GBK, as a producer that does not write UTF-8 would send them
    const gbk = Buffer.concat([Buffer.from(before), Buffer.from([0xb9, 0xa9, 0xc5, 0xaf]), Buffer.from(middle), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(after)]);
    const r = await reason(parseMessage(TOPICS.hotlineWorkOrders, 'GD1', gbk));
    expect(r).toMatch(/data\.title: title contains U\+FFFD \(the replacement character\)/);
    expect(r).toMatch(/data\.caller\.name: name contains U\+FFFD/);
    expect(r).not.toContain('\uFFFD');
    // the same order in UTF-8 passes
    expect((await parseMessage(TOPICS.hotlineWorkOrders, 'GD1', buf({ ...order, data: { ...order.data, title: '供暖', caller: { name: '张三' } } }))).data.title).toBe('供暖');
  });
});
