import { hasScope, parseScopes } from './scope';

describe('scopes', () => {
  it('grant what they name, and admin grants every scope', () => {
    expect(hasScope(['read'], 'read')).toBe(true);
    expect(hasScope(['read'], 'act')).toBe(false);
    expect(hasScope(['submit', 'read'], 'admin')).toBe(false);
    for (const s of ['submit', 'read', 'act', 'admin'] as const) expect(hasScope(['admin'], s)).toBe(true);
    expect(hasScope([], 'read')).toBe(false);
  });

  it('are parsed from a comma-separated list, refusing unknown ones', () => {
    expect(parseScopes('read, act,read')).toEqual(['read', 'act']);
    expect(() => parseScopes('read,write')).toThrow(/unknown scope\(s\): write/);
    expect(() => parseScopes(' , ')).toThrow(/at least one/);
  });
});
