import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImportFile, firstUnreadableByte } from './hotline-file-encoding';
import { ImportFileError, parseImportFile } from './hotline-file';

// apps/intake/src/hotline/__fixtures__/orders.gbk.csv is this text in GBK (iconv -f UTF-8 -t GBK), CRLF line ends as
// Excel writes them
const ORDERS_CSV = [
  '工单编号,来电时间,诉求类型,标题,内容,区县,街道,地址,来电人,来电号码,承办单位,紧急程度',
  'GD20261120000123,2026-11-20T09:15:00+08:00,投诉,小区供暖温度不达标,"来电人反映东风街道幸福小区 3 号楼室温不足 16 度，物业多次推诿。",城关区,东风街道,幸福小区 3 号楼,张三,13800138000,城关区住建局,紧急',
  'GD20261120000124,2026-11-20T10:02:00+08:00,建议,建议增设公交站点,希望在东风路口增设公交站点，方便老人出行。,城关区,东风街道,东风路口,,,城关区交通运输局,一般',
  '',
].join('\r\n');
const gbkCsv = readFileSync(path.join(__dirname, '__fixtures__', 'orders.gbk.csv'));
const gbkJsonl = readFileSync(path.join(__dirname, '__fixtures__', 'orders.gbk.jsonl'));
// "供暖" in GBK
const GBK_HEATING = Buffer.from([0xb9, 0xa9, 0xc5, 0xaf]);

function refusal(bytes: Uint8Array, encoding?: Parameters<typeof decodeImportFile>[1]): string {
  try {
    decodeImportFile(bytes, encoding);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return (e as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('the encoding of a 12345 import file (issue 14: a GBK file was read as UTF-8 and stored U+FFFD)', () => {
  it('the GBK fixture really is GBK, not UTF-8', () => {
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbkCsv)).toThrow();
    expect(new TextDecoder('gbk', { fatal: true }).decode(gbkCsv)).toBe(ORDERS_CSV);
  });

  it('reads UTF-8 without a BOM as UTF-8', () => {
    expect(decodeImportFile(Buffer.from(ORDERS_CSV, 'utf8'))).toEqual({ text: ORDERS_CSV, encoding: 'utf-8', detected: true, bom: false });
  });

  it('reads UTF-8 with a BOM as UTF-8 and drops the BOM (the first column is still 工单编号)', () => {
    const decoded = decodeImportFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ORDERS_CSV, 'utf8')]));
    expect(decoded).toEqual({ text: ORDERS_CSV, encoding: 'utf-8', detected: true, bom: true });
    expect(parseImportFile(decoded.text, 'csv')[0].item?.orderNo).toBe('GD20261120000123');
  });

  it('detects a GBK CSV (what Excel on Chinese Windows saves) and reads its Chinese text and column titles right', () => {
    const decoded = decodeImportFile(gbkCsv);
    expect(decoded).toEqual({ text: ORDERS_CSV, encoding: 'gb18030', detected: true, bom: false });
    expect(parseImportFile(decoded.text, 'csv')).toEqual([
      {
        line: 2,
        item: {
          orderNo: 'GD20261120000123', callTime: '2026-11-20T09:15:00+08:00', appealType: 'complaint',
          title: '小区供暖温度不达标', content: '来电人反映东风街道幸福小区 3 号楼室温不足 16 度，物业多次推诿。',
          location: { district: '城关区', township: '东风街道', address: '幸福小区 3 号楼' },
          caller: { name: '张三', phone: '13800138000' }, handlingUnit: '城关区住建局', urgency: 'urgent',
        },
      },
      {
        line: 3,
        item: {
          orderNo: 'GD20261120000124', callTime: '2026-11-20T10:02:00+08:00', appealType: 'suggestion',
          title: '建议增设公交站点', content: '希望在东风路口增设公交站点，方便老人出行。',
          location: { district: '城关区', township: '东风街道', address: '东风路口' }, handlingUnit: '城关区交通运输局', urgency: 'normal',
        },
      },
    ]);
  });

  it('detects GBK in JSON lines too', () => {
    const decoded = decodeImportFile(gbkJsonl);
    expect(decoded.encoding).toBe('gb18030');
    expect(parseImportFile(decoded.text, 'jsonl')[0].item).toMatchObject({ title: '独居老人需要帮助', location: { district: '城关区', township: '西湖街道' }, handlingUnit: '西湖街道办事处' });
  });

  it('--encoding overrides detection: bytes that are both UTF-8 and GBK read as the encoding named', () => {
    // D0 A1 is 小 in GBK and also valid UTF-8 (U+0421, Cyrillic С): detection says UTF-8, the person who knows says GBK
    const both = Buffer.from([0x41, 0x2c, 0xd0, 0xa1]);
    expect(decodeImportFile(both)).toMatchObject({ text: 'A,\u0421', encoding: 'utf-8', detected: true });
    expect(decodeImportFile(both, 'gbk')).toEqual({ text: 'A,小', encoding: 'gbk', detected: false, bom: false });
    expect(decodeImportFile(both, 'gb18030')).toEqual({ text: 'A,小', encoding: 'gb18030', detected: false, bom: false });
    expect(decodeImportFile(Buffer.from(ORDERS_CSV, 'utf8'), 'utf-8')).toMatchObject({ text: ORDERS_CSV, encoding: 'utf-8', detected: false });
  });

  it('a named encoding is decoded strictly too: a GBK file named UTF-8 is refused at its first GBK byte', () => {
    expect(refusal(gbkCsv, 'utf-8')).toMatch(/^the file is not UTF-8 at byte offset 0 \(line 1, byte 0xB9\); nothing was sent: name its real encoding with --encoding/);
  });

  it('refuses a file that is neither UTF-8 nor GB18030, naming the byte offset and line of each', () => {
    // line 2 holds GBK text (not UTF-8 from offset 16) and then 0xFF (neither, offset 20)
    const bytes = Buffer.concat([Buffer.from('orderNo,title\nA,', 'utf8'), GBK_HEATING, Buffer.from([0xff]), Buffer.from('\n')]);
    expect(refusal(bytes)).toBe(
      'the file is not UTF-8 at byte offset 16 (line 2, byte 0xB9) and not GB18030 at byte offset 20 (line 2, byte 0xFF); nothing was sent: ' +
        'save it as UTF-8 ("CSV UTF-8") or GBK, or name its encoding with --encoding',
    );
  });

  it('says when a refused file is UTF-16 ("Unicode text" from Excel)', () => {
    expect(refusal(Buffer.from('\uFEFForderNo\n', 'utf16le'))).toMatch(/UTF-16 byte order mark/);
  });

  it('points at the start of the character that cannot be read, also when it is cut short at the end of the file', () => {
    // 中 is E4 B8 AD in UTF-8: cut after two bytes
    expect(firstUnreadableByte(Buffer.from([0x61, 0x62, 0xe4, 0xb8]), 'utf-8')).toBe(2);
    // a GB18030 lead byte followed by a line feed: the decoder trips on the line feed, the character began before it
    expect(firstUnreadableByte(Buffer.from([0x61, 0x81, 0x0a, 0x62]), 'gb18030')).toBe(1);
    expect(firstUnreadableByte(Buffer.from('东风街道', 'utf8'), 'utf-8')).toBeNull();
    expect(refusal(Buffer.from([0x61, 0x62, 0xe4, 0xb8]), 'utf-8')).toMatch(/not UTF-8 at byte offset 2 \(line 1, byte 0xE4\)/);
  });

  it('never replaces what it cannot read: no U+FFFD in any text it returns', () => {
    for (const bytes of [gbkCsv, gbkJsonl, Buffer.from(ORDERS_CSV, 'utf8')]) expect(decodeImportFile(bytes).text).not.toContain('\uFFFD');
  });
});
