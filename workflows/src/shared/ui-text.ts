// Text for the Temporal UI (user metadata): what a case is and what it waits for, so ops staff read it on the workflow
// page without opening the history. Pure and deterministic; times are shown in China Standard Time (UTC+8, no DST).

const CST_OFFSET_MS = 8 * 3600_000;

/** `2026-12-04 15:00` in UTC+8, from an ISO instant or epoch milliseconds. */
export function cstMinute(at: string | number): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return String(at);
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A duration in minutes as the rules state it: `1 h`, `48 h`, `30 min`, `1 h 30 min`. */
export function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** One line for a list or title: no line breaks, at most `max` characters. */
export function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Markdown lines `**label** value`, skipping empty values (the UI renders the details as Markdown). */
export function detailLines(rows: [string, string | null | undefined][]): string {
  return rows
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `**${k}** ${v}`)
    .join('  \n');
}
