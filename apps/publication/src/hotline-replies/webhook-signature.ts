// The webhook's request signature (README → 12345 replies by webhook): HMAC-SHA256 with the shared secret over
// `<timestamp>.<body>`, the timestamp in unix seconds, so the receiver can refuse a replayed or altered request.
import { createHmac } from 'node:crypto';

export const WEBHOOK_HEADERS = {
  timestamp: 'x-huiying-timestamp',
  signature: 'x-huiying-signature',
  delivery: 'x-huiying-delivery',
} as const;

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** The headers of one attempt: signed at `now` (each attempt is signed afresh), keyed by the envelope id. */
export function webhookHeaders(secret: string, deliveryId: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: webhookSignature(secret, timestamp, body),
    [WEBHOOK_HEADERS.delivery]: deliveryId,
  };
}
