/**
 * The keyset position of the unconfirmed-receipt queue in a page token: received_at exactly as Postgres prints it
 * (microseconds kept) and the application id, as base64url JSON. Pure.
 */
export function encodePageToken(receivedAtKey: string, id: string): string {
  return Buffer.from(JSON.stringify([receivedAtKey, id]), 'utf8').toString('base64url');
}

/** The position in a token this API issued, or null for anything else. */
export function decodePageToken(token: string): { receivedAtKey: string; id: string } | null {
  try {
    const [receivedAtKey, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof receivedAtKey === 'string' &&
      typeof id === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(receivedAtKey)
    ) {
      return { receivedAtKey, id };
    }
  } catch {
    // not ours
  }
  return null;
}
