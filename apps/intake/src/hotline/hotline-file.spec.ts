import { CSV_HEADER, formatOf, parseCsv, parseImportFile, parseJsonLines, toCsvLine, workOrderToCsvLine } from './hotline-file';

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

  it('reports rows with the wrong number of cells and unknown columns instead of guessing', () => {
    expect(parseCsv('orderNo,title\nA,t\nB\n')).toEqual([
      { line: 2, item: { orderNo: 'A', title: 't', location: {} } },
      { line: 3, error: 'has 1 cells, the header has 2' },
    ]);
    expect(parseCsv('orderNo,colour\nA,red\n')[0].error).toBe('unknown column(s) colour');
  });

  it('keeps a revision that is not an integer as text so that intake rejects it with its reason', () => {
    expect(parseImportFile('orderNo,revision\nA,2.5\n', 'csv')[0].item).toEqual({ orderNo: 'A', revision: '2.5', location: {} });
  });
});
