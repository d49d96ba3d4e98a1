// Input that is merely hostile gets a 400 naming the field, never a 500 (issue 14): a body that is not valid UTF-8,
// text with a NUL character or an unpaired surrogate (neither can be stored as Postgres text nor is it Unicode), JSON
// nested deeper than any of our contracts. Checked for every request body before guards, pipes and handlers.
import type { FieldError } from './validation';

/** Deeper than any contract of ours (the deepest is 3 levels); a bound, not a style rule. */
export const MAX_BODY_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the bytes are valid UTF-8 (a lenient decoder would turn them into U+FFFD and store garbage). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a parsed body: field errors for unsafe text, or `tooDeep` past MAX_BODY_DEPTH. */
export function unsafeInput(value: unknown): { errors: FieldError[]; tooDeep: boolean } {
  const errors: FieldError[] = [];
  // iterative, so a hostile depth cannot overflow the stack here
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop() as { v: unknown; path: string; depth: number };
    if (typeof v === 'string') {
      const messages: string[] = [];
      if (v.includes('\u0000')) messages.push(`${path || 'value'} contains a NUL character`);
      if (LONE_SURROGATE.test(v)) messages.push(`${path || 'value'} contains an unpaired surrogate (not valid Unicode text)`);
      if (messages.length) errors.push({ field: path, messages });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { errors, tooDeep: true };
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries) {
      const field = path ? `${path}.${k}` : k;
      if (k.includes('\u0000') || LONE_SURROGATE.test(k)) errors.push({ field, messages: [`the field name ${JSON.stringify(k)} is not valid text`] });
      stack.push({ v: x, path: field, depth: depth + 1 });
    }
  }
  return { errors: errors.sort((a, b) => a.field.localeCompare(b.field)), tooDeep: false };
}
