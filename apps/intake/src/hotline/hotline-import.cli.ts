#!/usr/bin/env node
// npm run hotline:import -- <file.jsonl|file.csv> [--encoding auto|utf-8|gb18030|gbk] [--url http://127.0.0.1:3001]
//                            [--batch-size 500] [--concurrency 2] [--json] [--rejects rejects.jsonl]
//                            [--api-key <key>]   (or HUIYING_API_KEY; scope submit)
// Bulk (re-)send of 12345 work orders: reads the file (UTF-8 or GBK/GB18030, detected unless --encoding names it),
// posts batches to POST /v1/hotline/work-orders:batch, shows a progress bar and prints a summary with every rejected
// row and its reason. Re-running it is safe: the order number is the idempotency key, so what was already received
// comes back as "duplicate". Exit codes: EXIT_CODES.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { IsOptional, IsString } from 'class-validator';
import { loadConfig } from '@huiying/platform';
import { HOTLINE_BATCH_MAX, type HotlineBatchResponseDto, type WorkOrderItemResultDto } from '@huiying/contracts';
import { formatOf, ImportFileError, parseImportFile, type ImportFormat, type ImportRow } from './hotline-file';
import { decodeImportFile, IMPORT_ENCODINGS, type DecodedImportFile, type ImportEncoding } from './hotline-file-encoding';

/** How the import ended (README → The 12345 hotline feed). */
export const EXIT_CODES = {
  /** Every row was accepted, a duplicate or an update. */
  ok: 0,
  /** Usage, or a file that cannot be read (format, encoding, CSV header) or written (--rejects). Nothing was sent, except when --rejects could not be written. */
  usageOrFile: 1,
  /** The import ran to the end and at least one row was rejected (the summary and --rejects list them): nothing stored for those rows. */
  rejected: 2,
  /** The import stopped before every row was sent (intake unreachable, or work orders it still could not store after retries): what was sent is stored; re-run. */
  stopped: 3,
} as const;

export interface Options {
  file: string;
  /** auto: UTF-8 (with or without BOM), else GB18030/GBK. */
  encoding: ImportEncoding;
  url: string;
  batchSize: number;
  concurrency: number;
  json: boolean;
  rejects?: string;
  /** The calling system's API key (scope submit): --api-key, else HUIYING_API_KEY. */
  apiKey?: string;
}

/** The environment the CLI reads (through loadConfig, like the services). */
class ImportCliConfig {
  @IsOptional() @IsString() HUIYING_API_KEY?: string;
}

export interface ImportReject {
  line: number;
  orderNo?: string;
  errors: { field: string; messages: string[] }[];
}

export interface ImportSummary {
  file: string;
  format: string;
  /** The encoding the file was read with, and whether it was detected (else --encoding named it). */
  encoding: string;
  encodingDetected: boolean;
  rows: number;
  accepted: number;
  duplicate: number;
  updated: number;
  rejected: number;
  rejects: ImportReject[];
  seconds: number;
}

const USAGE = [
  'usage: npm run hotline:import -- <file.jsonl|file.csv> [--encoding auto|utf-8|gb18030|gbk] [--url http://127.0.0.1:3001] [--batch-size 500] [--concurrency 2] [--json] [--rejects rejects.jsonl] [--api-key <key> (default: HUIYING_API_KEY)]',
  `exit codes: ${EXIT_CODES.ok} every row stored or already there; ${EXIT_CODES.usageOrFile} usage or file error (nothing sent); ${EXIT_CODES.rejected} rows rejected; ${EXIT_CODES.stopped} stopped before the end (re-run)`,
].join('\n');

/** --help: the usage on stdout and exit 0. */
class HelpRequested extends Error {}

function parseArgs(argv: string[]): Options {
  const opts: Partial<Options> = { encoding: 'auto', url: 'http://127.0.0.1:3001', batchSize: 500, concurrency: 2, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--url') opts.url = value().replace(/\/+$/, '');
    else if (a === '--encoding') {
      const encoding = value().toLowerCase();
      if (!(IMPORT_ENCODINGS as readonly string[]).includes(encoding)) throw new Error(`--encoding must be one of ${IMPORT_ENCODINGS.join(', ')}`);
      opts.encoding = encoding as ImportEncoding;
    }
    else if (a === '--batch-size') opts.batchSize = Number(value());
    else if (a === '--concurrency') opts.concurrency = Number(value());
    else if (a === '--json') opts.json = true;
    else if (a === '--rejects') opts.rejects = value();
    else if (a === '--api-key') opts.apiKey = value();
    else if (a === '--help' || a === '-h') throw new HelpRequested(USAGE);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else if (!opts.file) opts.file = a;
    else throw new Error(`one file at a time\n${USAGE}`);
  }
  if (!opts.file) throw new Error(USAGE);
  opts.apiKey ??= loadConfig(ImportCliConfig).HUIYING_API_KEY;
  if (!Number.isInteger(opts.batchSize) || (opts.batchSize as number) < 1 || (opts.batchSize as number) > HOTLINE_BATCH_MAX) {
    throw new Error(`--batch-size must be 1–${HOTLINE_BATCH_MAX}`);
  }
  if (!Number.isInteger(opts.concurrency) || (opts.concurrency as number) < 1 || (opts.concurrency as number) > 16) throw new Error('--concurrency must be 1–16');
  return opts as Options;
}

class Progress {
  private done = 0;
  private lastPct = -1;
  private readonly started = Date.now();
  constructor(private readonly total: number) {}

  add(n: number) {
    this.done += n;
    const pct = this.total ? Math.floor((this.done / this.total) * 100) : 100;
    const rate = Math.round(this.done / Math.max(0.001, (Date.now() - this.started) / 1000));
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${this.done}/${this.total} rows  ${rate}/s `);
      if (this.done >= this.total) process.stderr.write('\n');
    } else if (pct >= this.lastPct + 10 || this.done >= this.total) {
      this.lastPct = pct - (pct % 10);
      process.stderr.write(`${pct}% ${this.done}/${this.total} rows (${rate}/s)\n`);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts one batch; retries what may succeed later (network, 5xx, 429) and splits a batch the server finds too large. */
async function postBatch(url: string, items: Record<string, unknown>[], apiKey?: string): Promise<WorkOrderItemResultDto[]> {
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let text = '';
    let retryAfter = 0;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
      const res = await fetch(`${url}/v1/hotline/work-orders:batch`, { method: 'POST', headers, body: JSON.stringify({ items }) });
      status = res.status;
      retryAfter = Number(res.headers.get('retry-after') ?? 0) || 0;
      text = await res.text();
    } catch (e) {
      text = (e as Error).message;
    }
    if (status === 200) return (JSON.parse(text) as HotlineBatchResponseDto).results;
    if (status === 413 && items.length > 1) {
      const half = Math.ceil(items.length / 2);
      const first = await postBatch(url, items.slice(0, half), apiKey);
      const second = await postBatch(url, items.slice(half), apiKey);
      return [...first, ...second.map((r) => ({ ...r, index: r.index + half }))];
    }
    const retriable = status === 0 || status === 429 || status >= 500;
    if (!retriable || attempt >= 6) throw new Error(`POST ${url}/v1/hotline/work-orders:batch failed (${status || 'no answer'}): ${text.slice(0, 500)}`);
    // 429: as long as the server asks (Retry-After), else exponential back-off
    await sleep(Math.max(retryAfter * 1000, 500 * 2 ** (attempt - 1)));
  }
}

/** Posts one batch until every item has a final result: items the server could not store (`failed`, an error on its side) are sent again after a pause. */
async function postBatchUntilStored(url: string, items: Record<string, unknown>[], apiKey?: string): Promise<WorkOrderItemResultDto[]> {
  const results = await postBatch(url, items, apiKey);
  for (let attempt = 1; ; attempt++) {
    const failed = results.filter((r) => r.result === 'failed');
    if (!failed.length) return results;
    if (attempt >= 6) throw new Error(`${failed.length} work orders could not be stored after ${attempt} tries (first: ${failed[0]?.orderNo ?? 'without an order number'})`);
    await sleep(500 * 2 ** (attempt - 1));
    const again = await postBatch(url, failed.map((r) => items[r.index] as Record<string, unknown>), apiKey);
    failed.forEach((r, i) => (results[r.index] = { ...(again[i] as WorkOrderItemResultDto), index: r.index }));
  }
}

export interface ImportFile extends Omit<DecodedImportFile, 'text'> {
  format: ImportFormat;
  rows: ImportRow[];
}

/** Reads, decodes and parses an import file; ImportFileError when it cannot be (then nothing of it is sent). */
export function readImportFile(file: string, encoding: ImportEncoding): ImportFile {
  const format = formatOf(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new ImportFileError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const { text, ...decoded } = decodeImportFile(bytes, encoding);
  try {
    return { ...decoded, format, rows: parseImportFile(text, format) };
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError(`${file} is not valid ${format.toUpperCase()}: ${(e as Error).message}`);
  }
}

/** What the import says about the encoding it read the file with. */
function encodingNote(f: Pick<ImportFile, 'encoding' | 'detected' | 'bom'>): string {
  return `${f.encoding}${f.bom ? ' with BOM' : ''}, ${f.detected ? 'detected' : 'from --encoding'}`;
}

/** Sends the rows of a file that was read; throws when the import cannot go on (intake unreachable, or still failing). */
export async function sendImportFile(opts: Options, file: ImportFile): Promise<ImportSummary> {
  const started = Date.now();
  const { rows } = file;
  const summary: ImportSummary = {
    file: opts.file, format: file.format, encoding: file.encoding, encodingDetected: file.detected,
    rows: rows.length, accepted: 0, duplicate: 0, updated: 0, rejected: 0, rejects: [], seconds: 0,
  };
  const progress = new Progress(rows.length);
  // not sent: rows that could not be read, and rows whose text holds U+FFFD
  const unreadable = rows.filter((r) => !r.item);
  for (const r of unreadable) summary.rejects.push({ line: r.line, orderNo: r.orderNo, errors: r.fieldErrors ?? [{ field: '', messages: [r.error as string] }] });
  if (unreadable.length) progress.add(unreadable.length);

  const readable = rows.filter((r) => r.item);
  const batches: ImportRow[][] = [];
  for (let i = 0; i < readable.length; i += opts.batchSize) batches.push(readable.slice(i, i + opts.batchSize));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const results = await postBatchUntilStored(opts.url, batch.map((r) => r.item as Record<string, unknown>), opts.apiKey);
      results.forEach((res) => {
        const row = batch[res.index];
        if (res.result === 'rejected') summary.rejects.push({ line: row.line, orderNo: res.orderNo, errors: res.errors ?? [] });
        else if (res.result !== 'failed') summary[res.result]++; // never failed here: postBatchUntilStored sent them again
      });
      progress.add(batch.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, batches.length) }, worker));
  summary.rejects.sort((a, b) => a.line - b.line);
  summary.rejected = summary.rejects.length;
  summary.seconds = Math.round((Date.now() - started) / 100) / 10;
  return summary;
}

function printSummary(s: ImportSummary) {
  const out = [
    `12345 import of ${s.file} (${s.format}, ${s.encoding}${s.encodingDetected ? ' detected' : ' from --encoding'}): ${s.rows} rows in ${s.seconds} s`,
    `  accepted  ${String(s.accepted).padStart(7)}  new reports and cases`,
    `  duplicate ${String(s.duplicate).padStart(7)}  already received (same order number and revision): nothing stored`,
    `  updated   ${String(s.updated).padStart(7)}  later revisions stored`,
    `  rejected  ${String(s.rejected).padStart(7)}  nothing stored${s.rejected ? ':' : ''}`,
    ...s.rejects.slice(0, 50).map((r) => `    line ${r.line}${r.orderNo ? ` (${r.orderNo})` : ''}: ${r.errors.map((e) => (e.field ? `${e.field}: ${e.messages.join(', ')}` : e.messages.join(', '))).join('; ')}`),
    ...(s.rejects.length > 50 ? [`    … ${s.rejects.length - 50} more (--rejects <file> or --json lists them all)`] : []),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The whole CLI: the exit code (EXIT_CODES); the summary on stdout, progress and errors on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(`${e.message}\n`);
      return EXIT_CODES.ok;
    }
    process.stderr.write(`${(e as Error).message}\n`);
    return EXIT_CODES.usageOrFile;
  }
  let file: ImportFile;
  try {
    file = readImportFile(opts.file, opts.encoding);
  } catch (e) {
    process.stderr.write(`hotline import: ${(e as Error).message}\n`);
    return EXIT_CODES.usageOrFile;
  }
  process.stderr.write(`reading ${opts.file} as ${encodingNote(file)}\n`);
  let summary: ImportSummary;
  try {
    summary = await sendImportFile(opts, file);
  } catch (e) {
    process.stderr.write(`hotline import failed: ${(e as Error).message}\n(the work orders already sent are stored; re-run the same command: they will come back as duplicates)\n`);
    return EXIT_CODES.stopped;
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printSummary(summary);
  if (opts.rejects) {
    try {
      writeFileSync(opts.rejects, summary.rejects.map((r) => JSON.stringify(r)).join('\n') + (summary.rejects.length ? '\n' : ''));
    } catch (e) {
      process.stderr.write(`hotline import: cannot write ${opts.rejects}: ${(e as Error).message} (the rows were sent; the summary above lists the rejects)\n`);
      return EXIT_CODES.usageOrFile;
    }
  }
  return summary.rejected ? EXIT_CODES.rejected : EXIT_CODES.ok;
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
