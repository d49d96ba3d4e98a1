import { SCOPES, type Scope } from './access.types';

/** Whether the granted scopes allow `required` (admin implies every scope). */
export function hasScope(granted: readonly string[], required: Scope): boolean {
  return granted.includes(required) || granted.includes('admin');
}

export function isScope(s: string): s is Scope {
  return (SCOPES as readonly string[]).includes(s);
}

/** Parses a comma-separated scope list; throws naming the unknown ones. */
export function parseScopes(list: string): Scope[] {
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((s) => !isScope(s));
  if (unknown.length) throw new Error(`unknown scope(s): ${unknown.join(', ')} (known: ${SCOPES.join(', ')})`);
  if (!items.length) throw new Error('at least one scope is needed');
  return [...new Set(items)] as Scope[];
}
