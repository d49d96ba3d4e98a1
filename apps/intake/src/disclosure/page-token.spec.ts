import { decodePageToken, encodePageToken } from './page-token';

describe('the unconfirmed-receipt queue page token', () => {
  it('carries the exact keyset position (microseconds, offset) both ways', () => {
    const at = '2026-12-03 19:43:00.443127+08';
    const id = 'de609e77-466d-4be1-bb71-18b92a36336f';
    const token = encodePageToken(at, id);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token)).toEqual({ receivedAtKey: at, id });
    expect(decodePageToken(encodePageToken('2026-12-03 11:43:00+00', id))).toEqual({ receivedAtKey: '2026-12-03 11:43:00+00', id });
  });

  it('refuses anything this API did not issue (no SQL ever sees it)', () => {
    for (const token of ['', 'bm90LWEtdG9rZW4', Buffer.from('["x","y"]').toString('base64url'), encodePageToken("2026-12-03'; DROP TABLE x; --", 'de609e77-466d-4be1-bb71-18b92a36336f'), encodePageToken('2026-12-03 11:43:00+00', 'not-a-uuid')]) {
      expect(decodePageToken(token)).toBeNull();
    }
  });
});
