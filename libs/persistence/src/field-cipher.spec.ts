import { FieldCipher } from './field-cipher';

describe('FieldCipher (personal data at rest)', () => {
  const cipher = new FieldCipher('a-test-key-of-sufficient-length');

  it('round-trips and never stores the plain text', () => {
    const stored = cipher.encryptJson({ name: '张三', phone: '13800138000' });
    expect(stored).not.toContain('13800138000');
    expect(stored.startsWith('v1.')).toBe(true);
    expect(cipher.decryptJson(stored)).toEqual({ name: '张三', phone: '13800138000' });
  });

  it('uses a fresh IV: the same value encrypts differently each time', () => {
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x'));
  });

  it('rejects a tampered value and a wrong key', () => {
    const stored = cipher.encrypt('secret');
    const parts = stored.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => new FieldCipher('another-key-of-sufficient-length').decrypt(stored)).toThrow();
  });

  it('refuses a short key', () => {
    expect(() => new FieldCipher('short')).toThrow(/at least 16/);
  });
});
