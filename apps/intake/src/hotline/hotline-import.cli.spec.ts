import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkOrderItemResultDto } from '@huiying/contracts';
import { EXIT_CODES, runCli, type ImportSummary } from './hotline-import.cli';

// The CLI end to end except for intake: fetch answers like POST /v1/hotline/work-orders:batch would (an order whose
// number starts with BAD is rejected, the others accepted) and records what was sent.
describe('the 12345 import CLI: encodings, rejected rows and exit codes (issue 14)', () => {
  let dir: string;
  let sent: Record<string, unknown>[];
  let stdout: string;
  let stderr: string;
  let answer: (items: Record<string, unknown>[]) => Response;

  const accepting = (items: Record<string, unknown>[]) => {
    const results: WorkOrderItemResultDto[] = items.map((item, index) =>
      String(item.orderNo).startsWith('BAD')
        ? { index, orderNo: String(item.orderNo), result: 'rejected', errors: [{ field: 'appealType', messages: ['appealType must be one of: …'] }] }
        : { index, orderNo: String(item.orderNo), result: 'accepted' },
    );
    return Response.json({ results, summary: {} });
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hotline-import-'));
    sent = [];
    stdout = '';
    stderr = '';
    answer = accepting;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      const { items } = JSON.parse(String(init?.body)) as { items: Record<string, unknown>[] };
      sent.push(...items);
      return answer(items);
    });
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string, content: string | Buffer) => {
    const at = path.join(dir, name);
    writeFileSync(at, content);
    return at;
  };
  const gbkCsv = () => {
    const at = path.join(dir, 'orders.csv');
    copyFileSync(path.join(__dirname, '__fixtures__', 'orders.gbk.csv'), at);
    return at;
  };
  const cli = (...argv: string[]) => runCli([...argv, '--url', 'http://intake.test', '--api-key', 'test-key']);
  const summary = () => JSON.parse(stdout) as ImportSummary;
  const order = (orderNo: string, title = '小区供暖温度不达标') =>
    JSON.stringify({ orderNo, callTime: '2026-11-20T09:15:00+08:00', appealType: 'complaint', title, content: '室温不足 16 度', location: { district: '城关区' } });

  it('imports a GBK CSV with Chinese column titles: detected, sent as the right Chinese text, exit 0', async () => {
    expect(await cli(gbkCsv(), '--json')).toBe(EXIT_CODES.ok);
    expect(sent.map((o) => [o.orderNo, o.title, o.location, o.appealType])).toEqual([
      ['GD20261120000123', '小区供暖温度不达标', { district: '城关区', township: '东风街道', address: '幸福小区 3 号楼' }, 'complaint'],
      ['GD20261120000124', '建议增设公交站点', { district: '城关区', township: '东风街道', address: '东风路口' }, 'suggestion'],
    ]);
    expect(JSON.stringify(sent)).not.toContain('\uFFFD');
    expect(summary()).toMatchObject({ format: 'csv', encoding: 'gb18030', encodingDetected: true, rows: 2, accepted: 2, rejected: 0 });
    expect(stderr).toContain('as gb18030, detected');
  });

  it('prints the encoding in the summary', async () => {
    expect(await cli(gbkCsv())).toBe(EXIT_CODES.ok);
    expect(stdout).toMatch(/^12345 import of .*orders\.csv \(csv, gb18030 detected\): 2 rows/);
  });

  it('imports UTF-8 with and without a BOM', async () => {
    const text = `${order('GD1')}\n${order('GD2')}\n`;
    expect(await cli(file('plain.jsonl', text), '--json')).toBe(EXIT_CODES.ok);
    expect(summary()).toMatchObject({ encoding: 'utf-8', accepted: 2 });
    expect(stderr).toContain('as utf-8, detected');
    stdout = '';
    expect(await cli(file('bom.jsonl', `\uFEFF${text}`), '--json')).toBe(EXIT_CODES.ok);
    expect(summary()).toMatchObject({ encoding: 'utf-8', accepted: 2 });
    expect(stderr).toContain('as utf-8 with BOM, detected');
    expect(sent.map((o) => o.orderNo)).toEqual(['GD1', 'GD2', 'GD1', 'GD2']);
  });

  it('--encoding names the encoding: gbk reads the GBK file, utf-8 refuses it (exit 1, nothing sent)', async () => {
    expect(await cli(gbkCsv(), '--encoding', 'gbk', '--json')).toBe(EXIT_CODES.ok);
    expect(summary()).toMatchObject({ encoding: 'gbk', encodingDetected: false, accepted: 2 });
    expect(stderr).toContain('as gbk, from --encoding');
    expect(sent[0].title).toBe('小区供暖温度不达标');
    sent = [];
    expect(await cli(gbkCsv(), '--encoding', 'utf-8')).toBe(EXIT_CODES.usageOrFile);
    expect(stderr).toMatch(/not UTF-8 at byte offset 0 \(line 1, byte 0xB9\)/);
    expect(sent).toEqual([]);
  });

  it('refuses a file that is neither UTF-8 nor GB18030 with the byte offset: exit 1, nothing sent', async () => {
    const bytes = Buffer.concat([Buffer.from('orderNo,title\nGD1,heating\nGD2,'), Buffer.from([0xff, 0x0a])]);
    expect(await cli(file('broken.csv', bytes))).toBe(EXIT_CODES.usageOrFile);
    expect(stderr).toContain('not UTF-8 at byte offset 30 (line 3, byte 0xFF) and not GB18030 at byte offset 30 (line 3, byte 0xFF)');
    expect(fetch).not.toHaveBeenCalled();
    expect(stdout).toBe('');
  });

  it('does not send a row holding U+FFFD: rejected on the field, the other rows sent, exit 2', async () => {
    const at = file('garbled.jsonl', `${order('GD1')}\n${order('GD2', '小区供暖\uFFFD\uFFFD')}\n`);
    expect(await cli(at, '--json', '--rejects', path.join(dir, 'rejects.jsonl'))).toBe(EXIT_CODES.rejected);
    expect(sent.map((o) => o.orderNo)).toEqual(['GD1']);
    expect(summary()).toMatchObject({ accepted: 1, rejected: 1, rejects: [{ line: 2, orderNo: 'GD2', errors: [{ field: 'title', messages: [expect.stringContaining('U+FFFD')] }] }] });
    expect(readFileSync(path.join(dir, 'rejects.jsonl'), 'utf8')).toContain('"field":"title"');
  });

  it('exits 2 when intake rejects a row, 0 when every row is accepted, a duplicate or an update', async () => {
    expect(await cli(file('mixed.jsonl', `${order('GD1')}\n${order('BAD1')}\n`))).toBe(EXIT_CODES.rejected);
    expect(stdout).toMatch(/rejected +1 +nothing stored:\n +line 2 \(BAD1\): appealType: /);
    answer = (items) => Response.json({ results: items.map((item, index) => ({ index, orderNo: item.orderNo, result: index % 2 ? 'duplicate' : 'updated' })), summary: {} });
    expect(await cli(file('again.jsonl', `${order('GD1')}\n${order('GD2')}\n`))).toBe(EXIT_CODES.ok);
  });

  it('exits 2 when a row cannot be read (a CSV row with the wrong number of cells)', async () => {
    expect(await cli(file('short.csv', 'orderNo,title\nGD1,供暖\nGD2\n'))).toBe(EXIT_CODES.rejected);
    expect(sent.map((o) => o.orderNo)).toEqual(['GD1']);
  });

  it('refuses a CSV header with unknown columns, naming them and the known ones: exit 1, nothing sent', async () => {
    expect(await cli(file('odd.csv', '工单编号,颜色\nGD1,红\n'))).toBe(EXIT_CODES.usageOrFile);
    expect(stderr).toMatch(/unknown column\(s\) "颜色"; the header may use the field names orderNo, .* or the 12345 platform's titles 工单编号, /);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('exits 3 when the import stops before the end (intake refuses the batch, e.g. a key without the submit scope)', async () => {
    answer = () => new Response('{"message":"forbidden"}', { status: 403 });
    expect(await cli(file('ok.jsonl', `${order('GD1')}\n`))).toBe(EXIT_CODES.stopped);
    expect(stderr).toMatch(/hotline import failed: POST http:\/\/intake\.test\/v1\/hotline\/work-orders:batch failed \(403\)/);
  });

  it('exits 1 on usage errors and files it cannot read; --help is not an error', async () => {
    expect(await runCli([])).toBe(EXIT_CODES.usageOrFile);
    expect(await cli(file('x.jsonl', ''), '--encoding', 'latin1')).toBe(EXIT_CODES.usageOrFile);
    expect(stderr).toContain('--encoding must be one of auto, utf-8, gb18030, gbk');
    expect(await cli(path.join(dir, 'missing.csv'))).toBe(EXIT_CODES.usageOrFile);
    expect(stderr).toContain('cannot read');
    expect(await cli(file('orders.xlsx', ''))).toBe(EXIT_CODES.usageOrFile);
    stdout = '';
    expect(await runCli(['--help'])).toBe(EXIT_CODES.ok);
    expect(stdout).toMatch(/^usage: .*--encoding auto\|utf-8\|gb18030\|gbk.*\nexit codes: 0 .*; 1 .*; 2 .*; 3 /);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('the exit codes are the documented ones', () => {
    expect(EXIT_CODES).toEqual({ ok: 0, usageOrFile: 1, rejected: 2, stopped: 3 });
  });
});
