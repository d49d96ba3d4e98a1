import { isValidUtf8, MAX_BODY_DEPTH, unsafeInput } from './input-safety';

describe('input safety', () => {
  it('names every field with a NUL character or an unpaired surrogate, nested ones by path', () => {
    expect(unsafeInput({ title: 'a\u0000b', content: 'ok', location: { township: 'x\ud800' }, tags: ['fine', '\udc00'] })).toEqual({
      tooDeep: false,
      errors: [
        { field: 'location.township', messages: ['location.township contains an unpaired surrogate (not valid Unicode text)'] },
        { field: 'tags.1', messages: ['tags.1 contains an unpaired surrogate (not valid Unicode text)'] },
        { field: 'title', messages: ['title contains a NUL character'] },
      ],
    });
  });

  it('accepts ordinary Chinese text, emoji (paired surrogates) and numbers', () => {
    expect(unsafeInput({ title: '小区供暖不热 🔥', n: 3, ok: true, none: null })).toEqual({ tooDeep: false, errors: [] });
  });

  it('stops at the depth bound without recursion (10,000 levels)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(unsafeInput(deep).tooDeep).toBe(true);
    let fine: unknown = 1;
    for (let i = 0; i < MAX_BODY_DEPTH - 1; i++) fine = { a: fine };
    expect(unsafeInput(fine).tooDeep).toBe(false);
  });

  it('tells valid UTF-8 from bytes a lenient decoder would turn into U+FFFD', () => {
    expect(isValidUtf8(Buffer.from('{"title":"供暖"}'))).toBe(true);
    expect(isValidUtf8(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toBe(false);
    expect(isValidUtf8(Buffer.from([0xb9, 0xa9]))).toBe(false); // GBK 供 read as UTF-8
  });
});
