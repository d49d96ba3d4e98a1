// The 12345 integration contract (docs/integration/12345.md) as written: its example message, produced with Kafka's
// own console producer exactly as the page shows it (only the order number made unique to this run), is taken in —
// the order, its report and its case exist, and the ledger has the case (issue 15).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TOPICS } from '@huiying/contracts';
import { eventually, getJson, urls } from './support';
import { consoleProduce } from './hotline-support';

jest.setTimeout(5 * 60_000);

/** The page's example line (key|envelope) between its contract-example markers. */
function exampleLine(): string {
  const page = readFileSync(path.resolve(__dirname, '../../docs/integration/12345.md'), 'utf8');
  const block = page.slice(page.indexOf('<!-- contract-example'), page.indexOf('<!-- /contract-example -->'));
  const line = /```\n(.+)\n```/.exec(block)?.[1];
  if (!line) throw new Error('docs/integration/12345.md has no contract example between its markers');
  return line;
}

describe('the 12345 integration contract, as documented', () => {
  it("the page's example message, produced with Kafka's console producer, becomes an order, a report and a case", async () => {
    const documented = exampleLine();
    const [key, value] = [documented.slice(0, documented.indexOf('|')), documented.slice(documented.indexOf('|') + 1)];
    const envelope = JSON.parse(value) as { subject: string; type: string; data: { orderNo: string; location: Record<string, string> } };
    // the page is self-consistent: key = subject = orderNo, the documented type
    expect({ key, subject: envelope.subject, orderNo: envelope.data.orderNo, type: envelope.type }).toEqual({
      key: 'GD20261120000123', subject: 'GD20261120000123', orderNo: 'GD20261120000123', type: 'huiying.hotline.work-order.v1',
    });

    // unique to this run: the order number, and the township (intake groups near-duplicates of one place)
    const orderNo = `GDC${randomUUID().slice(0, 8).toUpperCase()}`;
    const line = documented.replaceAll('GD20261120000123', orderNo).replace('"township":"东风街道"', `"township":"东风街道${orderNo}"`);
    expect(await consoleProduce(TOPICS.hotlineWorkOrders, [line])).toBe(0);

    const order = await eventually('the documented order taken in', async () => {
      const r = await getJson(`${urls.intake}/v1/hotline/work-orders/${orderNo}`);
      return r.status === 200 ? r.body : undefined;
    }, 120_000);
    expect(order).toMatchObject({ orderNo, revision: 1, appealType: 'complaint', urgency: 'normal', handlingUnit: '城关区住建局' });
    const kase = await eventually('its case in the ledger', async () => {
      const r = await getJson(`${urls.ledger}/v1/cases/${order.caseId as string}`);
      return r.status === 200 ? r.body : undefined;
    }, 180_000);
    expect(kase).toMatchObject({ caseId: order.caseId, kind: 'opinion' });
  });
});
