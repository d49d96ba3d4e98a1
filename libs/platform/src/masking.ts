// Personal data (names, ID numbers, phone numbers, e-mail) never reaches a log line unmasked.
// Two layers: keys known to hold personal data are masked whatever their value, and any string
// is scanned for phone / ID-card / e-mail patterns.

const PERSONAL_KEYS = new Set([
  'name', 'reportername', 'callername', 'applicantname', 'fullname',
  'phone', 'mobile', 'telephone', 'tel', 'callerphone', 'contactphone',
  'idnumber', 'idcard', 'identitynumber', 'identitydocument', 'documentnumber',
  'email', 'address', 'contact',
]);
const PERSONAL_CONTAINERS = new Set(['reporter', 'caller', 'applicant']);

const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const ID_CARD = /(?<![0-9A-Za-z])(\d{3})\d{11,14}(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** Masks phone numbers, ID-card numbers and e-mail addresses inside free text. */
export function maskText(text: string): string {
  return text
    .replace(ID_CARD, (_m, a: string, b: string) => `${a}${'*'.repeat(8)}${b}`)
    .replace(MOBILE, (_m, a: string, b: string) => `${a}****${b}`)
    .replace(EMAIL, (_m, a: string, domain: string) => `${a}***@${domain}`);
}

/** Masks a whole value: a Chinese or Latin name keeps its first character, anything else keeps its shape only. */
export function maskValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const s = String(value);
  if (s.length <= 1) return '*';
  const masked = maskText(s);
  if (masked !== s) return masked;
  return s[0] + '*'.repeat(Math.min(s.length - 1, 6));
}

/** Deep copy of `input` with personal data masked; safe on cycles and Errors. */
export function maskPersonalData(input: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof input === 'string') return maskText(input);
  if (input === null || typeof input !== 'object') return input;
  if (seen.has(input)) return '[Circular]';
  seen.add(input);
  if (input instanceof Error) {
    return { name: input.name, message: maskText(input.message), stack: input.stack ? maskText(input.stack) : undefined };
  }
  if (Array.isArray(input)) return input.map((v) => maskPersonalData(v, seen));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const k = key.toLowerCase();
    if (PERSONAL_CONTAINERS.has(k) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([ik, iv]) => [ik, maskValue(iv)]));
    } else if (PERSONAL_KEYS.has(k) && (typeof value === 'string' || typeof value === 'number')) {
      out[key] = maskValue(value);
    } else {
      out[key] = maskPersonalData(value, seen);
    }
  }
  return out;
}
