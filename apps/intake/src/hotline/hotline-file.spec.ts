import { CSV_HEADER, formatOf, ImportFileError, parseCsv, parseImportFile, parseJsonLines, replacementCharacterFields, toCsvLine, withShanghaiOffset, workOrderToCsvLine } from './hotline-file';

const order = {
  orderNo: 'GD1',
  callTime: '2026-11-20T09:15:00+08:00',
  appealType: 'complaint',
  title: '供暖, "不热"',
  content: '第一行\n第二行',
  location: { district: '城关区', township: '东风街道' },
  caller: { name: '张三', phone: '13800138000' },
  urgency: 'urgent',
  revision: 2,
};

describe('import files', () => {
  it('tells the format from the extension', () => {
    expect(formatOf('a/b.CSV')).toBe('csv');
    expect(formatOf('x.jsonl')).toBe('jsonl');
    expect(() => formatOf('x.xlsx')).toThrow(/\.jsonl/);
  });

  it('reads JSON lines with their line numbers, skipping blank lines and reporting what is not a JSON object', () => {
    const rows = parseJsonLines(`\uFEFF${JSON.stringify(order)}\n\n{oops\n[1,2]\r\n{"orderNo":"GD2"}\n`);
    expect(rows).toEqual([
      { line: 1, item: order },
      { line: 3, error: expect.stringMatching(/^not valid JSON/) },
      { line: 4, error: 'not a JSON object' },
      { line: 5, item: { orderNo: 'GD2' } },
    ]);
  });

  it('round-trips a work order through CSV, quotes, commas and line breaks included', () => {
    const text = [toCsvLine(CSV_HEADER), workOrderToCsvLine(order), workOrderToCsvLine({ ...order, orderNo: 'GD3', revision: undefined, caller: undefined })].join('\n');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual({ line: 2, item: order });
    // the first record spans lines 2–3 (a line break inside a quoted cell)
    expect(rows[1].line).toBe(4);
    expect(rows[1].item).toEqual({ ...order, orderNo: 'GD3', revision: undefined, caller: undefined });
    expect(rows[1].item).not.toHaveProperty('caller');
    expect(rows[1].item).not.toHaveProperty('revision');
  });

  it('understands the platform\'s Chinese column titles and values', () => {
    const rows = parseCsv('工单编号,来电时间,诉求类型,标题,内容,区县,来电人,来电号码,紧急程度\nGD9,2026-11-20T09:15:00+08:00,举报,标题,内容,城关区,李四,13900001111,特急\n');
    expect(rows).toEqual([
      {
        line: 2,
        item: {
          orderNo: 'GD9', callTime: '2026-11-20T09:15:00+08:00', appealType: 'report', title: '标题', content: '内容',
          location: { district: '城关区' }, caller: { name: '李四', phone: '13900001111' }, urgency: 'very_urgent',
        },
      },
    ]);
  });

  it('reads the titles of the platform\'s own exports (详细地址, 来电人姓名, 版本号, …) and their local call times as China Standard Time', () => {
    const rows = parseCsv('工单编号,来电时间,诉求类型,诉求标题,诉求内容,区县,详细地址,来电人姓名,来电人电话,版本号\nGD10,2026/11/20 9:15,咨询,标题,内容,城关区,幸福路1号,王五,13700001111,3\n');
    expect(rows).toEqual([
      {
        line: 2,
        item: {
          orderNo: 'GD10', callTime: '2026-11-20T09:15:00+08:00', appealType: 'consultation', title: '标题', content: '内容',
          location: { district: '城关区', address: '幸福路1号' }, caller: { name: '王五', phone: '13700001111' }, revision: 3,
        },
      },
    ]);
    expect(withShanghaiOffset('2026-11-20 09:15:07')).toBe('2026-11-20T09:15:07+08:00');
    expect(withShanghaiOffset('2026-11-20T09:15')).toBe('2026-11-20T09:15:00+08:00');
    // an offset, Z, or something else is left to the contract's validation
    expect(withShanghaiOffset('2026-11-20T09:15:00Z')).toBe('2026-11-20T09:15:00Z');
    expect(withShanghaiOffset('2026-11-20T09:15:00+09:00')).toBe('2026-11-20T09:15:00+09:00');
    expect(withShanghaiOffset('yesterday 9:15')).toBe('yesterday 9:15');
  });

  it('reports rows with the wrong number of cells instead of guessing', () => {
    expect(parseCsv('orderNo,title\nA,t\nB\n')).toEqual([
      { line: 2, item: { orderNo: 'A', title: 't', location: {} } },
      { line: 3, error: 'has 1 cells, the header has 2' },
    ]);
  });

  it('refuses a header with unknown columns, naming them and the columns it knows', () => {
    const refused = () => parseCsv('orderNo,colour,标题,颜色\nA,red,t,红\n');
    expect(refused).toThrow(ImportFileError);
    expect(refused).toThrow(/^unknown column\(s\) "colour", "颜色"; the header may use the field names orderNo, callTime, appealType, title, content, district, township, address, callerName, callerPhone, handlingUnit, urgency, revision, category \(any case\) or the 12345 platform's titles 工单编号, 工单号, 来电时间, 诉求类型, /);
    // what a GBK header read as UTF-8 looked like
    expect(() => parseCsv('\uFFFD\uFFFD\uFFFD\uFFFD,title\nA,t\n')).toThrow(/a title holds U\+FFFD/);
    // names that only exist on Object.prototype are not columns
    expect(() => parseCsv('orderNo,constructor,toString\nA,x,y\n')).toThrow(/unknown column\(s\) "constructor", "toString"/);
  });

  it('refuses a header with two columns for one field rather than dropping one of them', () => {
    expect(() => parseCsv('工单编号,工单号,title\nA,B,t\n')).toThrow('column(s) for the same field: "工单编号" and "工单号" both give orderNo');
    expect(() => parseCsv('orderNo,OrderNo\nA,B\n')).toThrow(/"orderNo" and "OrderNo" both give orderNo/);
  });

  it('rejects a row whose text holds U+FFFD on each such field, and sends the others (CSV and JSON lines)', () => {
    const csv = parseImportFile('orderNo,title,district,content\nA,供暖\uFFFD,城关区,ok\nB,供暖,\uFFFD\uFFFD,\uFFFD\n', 'csv');
    expect(csv[0]).toEqual({ line: 2, orderNo: 'A', fieldErrors: [{ field: 'title', messages: [expect.stringMatching(/^title contains U\+FFFD \(the replacement character\)/)] }] });
    expect(csv[1].fieldErrors?.map((e) => e.field)).toEqual(['location.district', 'content']);
    expect(csv.every((r) => r.item === undefined)).toBe(true);
    const jsonl = parseImportFile(`${JSON.stringify({ orderNo: 'C', caller: { name: '\uFFFD\uFFFD' } })}\n${JSON.stringify({ orderNo: 'D', title: '供暖' })}\n`, 'jsonl');
    expect(jsonl).toEqual([
      { line: 1, orderNo: 'C', fieldErrors: [{ field: 'caller.name', messages: [expect.stringContaining('caller.name contains U+FFFD')] }] },
      { line: 2, item: { orderNo: 'D', title: '供暖' } },
    ]);
    // the message names the field, never its text (a caller's name is personal data)
    expect(JSON.stringify(jsonl[0])).not.toContain('\uFFFD');
  });

  it('finds U+FFFD in nested text, in arrays and in field names', () => {
    expect(replacementCharacterFields({ a: 'ok', b: { c: 'x\uFFFD' }, d: ['ok', '\uFFFD'], ['e\uFFFD']: 1, f: 3 })).toEqual(['b.c', 'd.1', 'e\uFFFD']);
    expect(replacementCharacterFields({ a: '东风街道', b: { c: 1 } })).toEqual([]);
  });

  it('keeps a revision that is not an integer as text so that intake rejects it with its reason', () => {
    expect(parseImportFile('orderNo,revision\nA,2.5\n', 'csv')[0].item).toEqual({ orderNo: 'A', revision: '2.5', location: {} });
  });
});
