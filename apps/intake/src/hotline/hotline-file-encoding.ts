// The text of a 12345 import file from its bytes (issue 14: a GBK CSV — what Excel on Chinese Windows saves — was read
// as UTF-8 and U+FFFD stored in place of its Chinese text). Strict decoders only: bytes that are not text in the
// encoding refuse the file, naming where; nothing is ever replaced. Pure: no I/O.
import { ImportFileError } from './hotline-file';

/** `auto`: UTF-8 (with or without BOM) when the bytes are UTF-8, else GB18030 (a superset of GBK) when they are that. */
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'gbk'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export interface DecodedImportFile {
  text: string;
  /** The encoding the text was read with. */
  encoding: Exclude<ImportEncoding, 'auto'>;
  /** True when it was detected, false when --encoding named it. */
  detected: boolean;
  /** The file began with a UTF-8 byte order mark (dropped from the text). */
  bom: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function decodes(bytes: Uint8Array, encoding: string, length: number, stream: boolean): boolean {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the first character that cannot be read in `encoding` begins (a byte offset), or null when every byte reads.
 * Only called for a file already refused: the longest prefix that reads (an unfinished character at its end allowed),
 * then back to the start of that character.
 */
export function firstUnreadableByte(bytes: Uint8Array, encoding: string): number | null {
  if (decodes(bytes, encoding, bytes.length, false)) return null;
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodes(bytes, encoding, mid, true)) lo = mid;
    else hi = mid - 1;
  }
  let start = lo;
  while (start > 0 && lo - start < 4 && !decodes(bytes, encoding, start, false)) start--;
  return start;
}

/** "byte offset 1234 (line 5, byte 0xFF)"; the end of the file when a character is cut short there. */
function where(bytes: Uint8Array, offset: number): string {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  const byte = bytes[offset];
  return `byte offset ${offset} (line ${line}, ${byte === undefined ? 'the end of the file' : `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`})`;
}

function utf16Hint(bytes: Uint8Array): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return utf16 ? ' — it begins with a UTF-16 byte order mark ("Unicode text"): save it as "CSV UTF-8" or plain CSV instead' : '';
}

function strict(bytes: Uint8Array, encoding: Exclude<ImportEncoding, 'auto'>): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes an import file. `auto` tries strict UTF-8 (a BOM is dropped), then strict GB18030; a named encoding is
 * decoded strictly too. Throws ImportFileError naming the byte offset and line of the first byte that cannot be read.
 */
export function decodeImportFile(bytes: Uint8Array, encoding: ImportEncoding = 'auto'): DecodedImportFile {
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const candidates: Exclude<ImportEncoding, 'auto'>[] = encoding === 'auto' ? ['utf-8', 'gb18030'] : [encoding];
  for (const candidate of candidates) {
    const text = strict(bytes, candidate);
    if (text !== null) return { text, encoding: candidate, detected: encoding === 'auto', bom: bom && candidate === 'utf-8' };
  }
  const problems = candidates.map((c) => `not ${c === 'utf-8' ? 'UTF-8' : c.toUpperCase()} at ${where(bytes, firstUnreadableByte(bytes, c) as number)}`);
  const advice = encoding === 'auto' ? 'save it as UTF-8 ("CSV UTF-8") or GBK, or name its encoding with --encoding' : 'name its real encoding with --encoding (or auto)';
  throw new ImportFileError(`the file is ${problems.join(' and ')}${utf16Hint(bytes)}; nothing was sent: ${advice}`);
}
