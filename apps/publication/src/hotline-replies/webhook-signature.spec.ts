import { createHmac } from 'node:crypto';
import { webhookHeaders, webhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'local-test-secret-0123456789';
  const body = '{"specversion":"1.0","id":"hotline-reply:GD1:8","data":{"orderNo":"GD1","result":"已办结"}}';

  it('is sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>, the body as UTF-8', () => {
    // computed here independently of the code under test
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(`1764531000.${body}`, 'utf8')).digest('hex');
    expect(webhookSignature(secret, 1764531000, body)).toBe(`sha256=${expected}`);
    expect(webhookSignature(secret, 1764531000, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('matches a fixed vector (RFC 4231 test case 2 key and data, over "<timestamp>.<body>")', () => {
    // HMAC-SHA256("Jefe", "what do ya want for nothing?") is RFC 4231's 5bdcc146…; here the message is "1.{}"
    expect(createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    const fixed = createHmac('sha256', 'Jefe').update('1.{}').digest('hex');
    expect(webhookSignature('Jefe', 1, '{}')).toBe(`sha256=${fixed}`);
  });

  it('changes with the timestamp, the body and the secret', () => {
    const base = webhookSignature(secret, 100, body);
    expect(webhookSignature(secret, 101, body)).not.toBe(base);
    expect(webhookSignature(secret, 100, `${body} `)).not.toBe(base);
    expect(webhookSignature(`${secret}x`, 100, body)).not.toBe(base);
  });

  it('headers: unix seconds, the signature over them, the delivery id, JSON', () => {
    const h = webhookHeaders(secret, 'hotline-reply:GD1:8', body, new Date('2026-11-21T02:00:00.999Z'));
    const ts = Math.floor(Date.parse('2026-11-21T02:00:00Z') / 1000);
    expect(h).toEqual({
      'content-type': 'application/json',
      'x-huiying-timestamp': String(ts),
      'x-huiying-signature': `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`,
      'x-huiying-delivery': 'hotline-reply:GD1:8',
    });
  });
});
