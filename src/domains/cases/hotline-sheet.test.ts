import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@/shared/errors.js';
import { HOTLINE_EXPORT_HEADER, writeHotlineExport } from '../../../bench/hotline-export.js';
import { HOTLINE_COLUMNS, hotlineFormatOf, parseChinaTime, readHotlineSheet, type HotlineFormat, type HotlineRow, type SheetItem } from './hotline-sheet.js';

const dir = mkdtempSync(join(tmpdir(), 'shuzhi-hotline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bytes as a stream of chunks of `size` bytes (to cut characters, quotes and lines apart). */
async function* chunked(data: Uint8Array, size = 65_536): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield Buffer.from(data.subarray(i, i + size));
}

async function readAll(data: Uint8Array, format: HotlineFormat, size?: number): Promise<SheetItem[]> {
  const items: SheetItem[] = [];
  for await (const item of readHotlineSheet(chunked(data, size), format)) items.push(item);
  return items;
}

async function fileErrorOf(data: Uint8Array, format: HotlineFormat): Promise<AppError> {
  try {
    await readAll(data, format);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('VALIDATION_FAILED');
    expect(appError.field).toBe('file');
    return appError;
  }
  throw new Error('expected an AppError');
}

function utf8(lines: string[], eol = '\n'): Buffer {
  return Buffer.from(lines.join(eol) + eol, 'utf8');
}

function values(items: SheetItem[]): HotlineRow[] {
  return items.map((item) => {
    if (!('value' in item)) throw new Error(`row ${item.row} rejected: ${JSON.stringify(item.problems)}`);
    return item.value;
  });
}

/** [row, field] of every problem. */
function problemsOf(items: SheetItem[]): [number, string][] {
  return items.flatMap((item) => ('problems' in item ? item.problems.map((p): [number, string] => [p.row, p.field]) : []));
}

/** A GBK encoder for tests: the inverse of the platform's GB18030 decoder over two-byte codes. */
function gbk(text: string): Buffer {
  const table = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else {
      const pair = table.get(char);
      if (!pair) throw new Error(`no GBK code for ${char}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

const HEADER = '工单编号,受理时间,来源渠道,诉求性质,问题分类编码,问题分类,紧急程度,诉求内容,事发地址,经度,纬度,所属镇街,来电人,联系电话';
const GOOD = 'HZ20240000001,2024-02-05 09:12:00,电话,投诉,SJ0101,暴露垃圾,紧急,小区门口垃圾堆积，请处理。,文化路12号,120.123456,30.654321,北山街道,王女士,138 0000 0000';

describe('hotlineFormatOf', () => {
  it.each([
    ['export.csv', 'csv'],
    ['导出/12345工单.CSV', 'csv'],
    ['工单 2024.xlsx', 'xlsx'],
    ['old.xls', null],
    ['notes.txt', null],
    ['csv', null],
  ])('%s → %s', (name, format) => {
    expect(hotlineFormatOf(name)).toBe(format);
  });
});

describe('HOTLINE_COLUMNS', () => {
  it('names every field, each alias for one field only, with the names exports use', () => {
    const all = Object.values(HOTLINE_COLUMNS).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(HOTLINE_COLUMNS).sort()).toEqual(
      ['externalId', 'receivedAt', 'channel', 'nature', 'categoryCode', 'categoryName', 'urgency', 'description', 'address', 'lon', 'lat', 'townName', 'reporterName', 'reporterPhone'].sort(),
    );
    for (const name of ['工单编号', '工单号', '编号', '受理时间', '来电时间', '登记时间', '诉求内容', '内容', '问题描述', '诉求性质', '诉求类型', '工单类型', '问题分类', '事项分类', '问题分类编码', '分类编码', '事发地址', '地址', '诉求地址', '经度', 'lon', '纬度', 'lat', '所属镇街', '镇街', '来电人', '诉求人', '联系人', '联系电话', '来电号码', '电话', '紧急程度', '缓急', '来源渠道', '渠道']) {
      expect(all).toContain(name);
    }
  });
});

describe('parseChinaTime', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['2024-02-05 09:12:00', '2024-02-05T01:12:00Z'],
    ['2024-02-05 09:12', '2024-02-05T01:12:00Z'],
    ['2024/2/5 9:12', '2024-02-05T01:12:00Z'],
    ['2024/02/05 09:12:07', '2024-02-05T01:12:07Z'],
    ['2024.2.5 9:12', '2024-02-05T01:12:00Z'],
    ['2024-02-05', '2024-02-04T16:00:00Z'],
    ['2024年2月5日 9时12分', '2024-02-05T01:12:00Z'],
    ['2024年2月5日 09:12:30', '2024-02-05T01:12:30Z'],
    ['20240205091200', '2024-02-05T01:12:00Z'],
    ['20240205', '2024-02-04T16:00:00Z'],
    ['2024-02-05T09:12:00', '2024-02-05T01:12:00Z'],
    ['2024-02-05T09:12:00+08:00', '2024-02-05T01:12:00Z'],
    ['2024-02-05T01:12:00Z', '2024-02-05T01:12:00Z'],
    ['2024-02-05T01:12:00.5Z', '2024-02-05T01:12:00.500Z'],
    ['2024-02-05T01:12:00.123456Z', '2024-02-05T01:12:00.123Z'],
    ['2024-02-05T03:12:00+0200', '2024-02-05T01:12:00Z'],
    ['2024-02-04T20:12:00-05:00', '2024-02-05T01:12:00Z'],
    ['2024-02-29 23:59:59', '2024-02-29T15:59:59Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseChinaTime(text)).toBe(at(iso));
  });

  it.each(['', 'yesterday', '2024-02-30 10:00', '2023-02-29', '2024-13-01', '2024-02-05 24:00', '2024-02-05 09:60', '2024-02-05 9:12 下午', '2024/02-05', '24-2-5', '2024-02-05T', '45327.38', '2024-02-05 09:12:00+25:00'])(
    '%s is not a time',
    (text) => {
      expect(parseChinaTime(text)).toBeNaN();
    },
  );
});

describe('readHotlineSheet (CSV)', () => {
  it('reads every field of a UTF-8 export, naive times as China time', async () => {
    const items = await readAll(utf8([HEADER, GOOD, 'HZ20240000002,2024/2/5 9:12,,,,,,路灯不亮,,,,,,']), 'csv');
    expect(items.map((i) => i.row)).toEqual([2, 3]);
    const [full, bare] = values(items);
    expect(full).toEqual({
      externalId: 'HZ20240000001',
      receivedAt: new Date('2024-02-05T01:12:00Z'),
      channel: 'hotline',
      nature: 'complaint',
      categoryCode: 'SJ0101',
      categoryName: '暴露垃圾',
      urgency: 'urgent',
      description: '小区门口垃圾堆积，请处理。',
      address: '文化路12号',
      lon: 120.123456,
      lat: 30.654321,
      townName: '北山街道',
      reporterName: '王女士',
      reporterPhone: '138 0000 0000',
    } satisfies HotlineRow);
    expect(bare).toEqual({
      externalId: 'HZ20240000002',
      receivedAt: new Date('2024-02-05T01:12:00Z'),
      channel: 'hotline',
      nature: null,
      categoryCode: null,
      categoryName: null,
      urgency: 'normal',
      description: '路灯不亮',
      address: null,
      lon: null,
      lat: null,
      townName: null,
      reporterName: null,
      reporterPhone: null,
    } satisfies HotlineRow);
  });

  it('reads the same rows with a BOM, CRLF line ends, no final line end, and any chunking', async () => {
    const lines = [HEADER, GOOD, 'HZ2,2024-02-05 10:00,,求助,,,一般,"说""你好"",然后,\n换行",,,,,,', ''];
    const expected = await readAll(utf8(lines), 'csv');
    expect(expected).toHaveLength(2);
    expect(values(expected)[1]?.description).toBe('说"你好",然后,\n换行');
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n').trimEnd(), 'utf8')]);
    for (const size of [1, 2, 3, 5, 7, 16, 100, 65_536]) {
      expect(await readAll(crlf, 'csv', size)).toEqual(expected);
    }
  });

  it('reads GBK (GB18030) exports, also when a character straddles two chunks', async () => {
    const lines = [HEADER, GOOD];
    // Enough rows that the encoding is decided on the first 64 KiB, not the whole file.
    for (let i = 0; i < 1500; i += 1) lines.push(`GB${i},2024-03-01 08:00:00,微信,咨询,,,,咨询社保卡办理地点第${i}号,人民路${i}号,,,西溪街道,李先生,0571-88888888`);
    const data = gbk(lines.join('\r\n'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data)).toThrow();
    for (const size of [65_536, 1001]) {
      const rows = values(await readAll(data, 'csv', size));
      expect(rows).toHaveLength(1501);
      expect(rows[0]).toMatchObject({ externalId: 'HZ20240000001', description: '小区门口垃圾堆积，请处理。', nature: 'complaint', townName: '北山街道' });
      expect(rows[1500]).toMatchObject({ externalId: 'GB1499', description: '咨询社保卡办理地点第1499号', nature: 'enquiry', reporterPhone: '0571-88888888' });
    }
    // GB18030's own byte-order mark (84 31 95 33) is dropped like UTF-8's.
    const marked = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), gbk([HEADER, GOOD].join('\r\n'))]);
    expect(values(await readAll(marked, 'csv'))).toHaveLength(1);
  });

  it('recognises header aliases, marks and units, skips title rows and blank lines, and ignores extra columns', async () => {
    const data = utf8([
      '12345热线工单导出(2024年2月),,,,,,,,,,,,,,',
      ',,,,,,,,,,,,,,',
      '备注,*工单号,来电时间,问题描述,工单类型,事项分类,分类编码,诉求地址,lon,lat,镇街,联系人,来电号码,缓急,渠道',
      '无,HZ1,2024-02-05 09:12,井盖缺失,举报,窨井盖,bj0101,解放街,120.1,30.2,灵隐街道,赵先生,13900000000,紧急,数字城管',
      '',
      '   ',
      ',,,,,,,,,,,,,,',
      '无,HZ2,2024-02-06 10:00,噪音扰民,建议类,噪音,,,,,,,,,微信',
    ]);
    const items = await readAll(data, 'csv');
    expect(items.map((i) => i.row)).toEqual([4, 8]);
    expect(values(items)).toEqual([
      {
        externalId: 'HZ1',
        receivedAt: new Date('2024-02-05T01:12:00Z'),
        channel: 'city_management',
        nature: 'report',
        categoryCode: 'BJ0101',
        categoryName: '窨井盖',
        urgency: 'urgent',
        description: '井盖缺失',
        address: '解放街',
        lon: 120.1,
        lat: 30.2,
        townName: '灵隐街道',
        reporterName: '赵先生',
        reporterPhone: '13900000000',
      },
      expect.objectContaining({ externalId: 'HZ2', channel: 'hotline', nature: 'suggestion', categoryName: '噪音', urgency: 'normal' }),
    ]);

    const units = utf8(['工单编号,受理时间,诉求内容,经度(WGS84),纬度（WGS84）,LAT', 'A1,2024-02-05 09:12,内容,120.5,30.5,1']);
    expect(values(await readAll(units, 'csv'))[0]).toMatchObject({ lon: 120.5, lat: 30.5 });
  });

  it('reports each bad row with its row number and column, and keeps the good rows', async () => {
    const long = '长'.repeat(4001);
    const data = utf8([
      HEADER, // 1
      GOOD, // 2
      'HZ3,2024-02-05 09:12:00,电话,投诉,SJ0101', // 3: too few fields
      'HZ4,2024-02-05 09:12:00,电话,投诉,SJ0101,垃圾,一般,垃圾,文化路,120,30,北山街道,王,13800000000,多余,更多', // 4: too many
      'HZ5,2024-13-05 09:12:00,,,,,,内容,,,,,,', // 5: bad date
      'HZ6,,,,,,,内容,,,,,,', // 6: no date
      'HZ7,2024-02-05 09:12,,表扬,,,,内容,,,,,,', // 7: unknown nature
      `HZ8,2024-02-05 09:12,,,,,,${long},,,,,,`, // 8: description too long
      'HZ9,2024-02-05 09:12,,,,,,,,,,,,', // 9: empty description
      'HZ10,2024-02-05 09:12,,,,,,内容,,120.1,,,,', // 10: lon without lat
      'HZ11,2024-02-05 09:12,,,,,,内容,,,30.1,,,', // 11: lat without lon
      'HZ12,2024-02-05 09:12,,,,,,内容,,120.1,95,,,', // 12: lat out of range
      'HZ13,2024-02-05 09:12,,,,,,内容,,东经120,30,,,', // 13: lon not a number
      'HZ14,2024-02-05 09:12,,,,,,内容,,,,,,138#1234', // 14: a phone with a stray sign
      'HZ15,2024-02-05 09:12,,,XX0101,,,内容,,,,,,', // 15: bad category code
      'HZ16,2024-02-05 09:12,,,,,很急,内容,,,,,,', // 16: bad urgency
      `${'X'.repeat(65)},2024-02-05 09:12,,,,,,内容,,,,,,`, // 17: id too long
      ',2024-02-30 09:12,,咨询询,,,,,,-181,,,,1', // 18: many problems at once
      '', // 19: blank
      'HZ20,2024-02-05 09:12,,,,,,内容,,-180,-90,,,', // 20: good, at the limits
      `HZ21,2024-02-05 09:12,,,,,,${'好'.repeat(4000)},,,,,,`, // 21: good, 4000 characters
      'HZ22,2024-02-05 09:12,,,,,,坏\u0000字,,,,,,', // 22: NUL, which the database refuses
      `HZ23,2024-02-05 09:12,,${'怪'.repeat(100)},,,,内容,,,,,,`, // 23: a long bad value, cut short in the message
    ]);
    const items = await readAll(data, 'csv');
    expect(items.filter((i) => 'value' in i).map((i) => i.row)).toEqual([2, 20, 21]);
    expect(problemsOf(items)).toEqual([
      [3, '问题分类'],
      [4, '联系电话'],
      [5, '受理时间'],
      [6, '受理时间'],
      [7, '诉求性质'],
      [8, '诉求内容'],
      [9, '诉求内容'],
      [10, '纬度'],
      [11, '经度'],
      [12, '纬度'],
      [13, '经度'],
      [14, '联系电话'],
      [15, '问题分类编码'],
      [16, '紧急程度'],
      [17, '工单编号'],
      [18, '工单编号'],
      [18, '受理时间'],
      [18, '诉求性质'],
      [18, '诉求内容'],
      [18, '经度'],
      [18, '联系电话'],
      [22, '诉求内容'],
      [23, '诉求性质'],
    ]);
    for (const item of items) {
      if ('problems' in item) {
        for (const problem of item.problems) {
          expect(problem.code).toBe('VALIDATION_FAILED');
          expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
    const messages = items.flatMap((i) => ('problems' in i ? i.problems.map((p) => p.message) : []));
    expect(messages).toContain('“诉求内容”超过4000字(共4001字)');
    expect(messages.some((m) => m.includes('2024-13-05 09:12:00'))).toBe(true);
    expect(messages.at(-1)).toContain(`“${'怪'.repeat(40)}…”`);
  });

  it('keeps reading after a quoted line break, a stray quote and trailing empty fields, and reports an unclosed quote', async () => {
    const data = utf8([
      '工单编号,受理时间,诉求内容,', // a trailing empty header cell, as Excel writes
      'A1,2024-02-05 09:12,"第一行\n第二行",',
      'A2,2024-02-05 09:12,他说"马上"到,',
      'A3,2024-02-05 09:12,"带引号"后缀,,,',
      'A4,2024-02-05 09:12,"没有结束',
      'A5,2024-02-05 09:12,看不到,',
    ]);
    const items = await readAll(data, 'csv', 9);
    expect(items.slice(0, 3).map((i) => [i.row, 'value' in i && i.value.description])).toEqual([
      [2, '第一行\n第二行'],
      [3, '他说"马上"到'],
      [4, '带引号后缀'],
    ]);
    expect(problemsOf(items.slice(3))).toEqual([[5, '诉求内容']]);
    expect(items).toHaveLength(4);
  });

  it('accepts a Node stream as input', async () => {
    const rows: SheetItem[] = [];
    for await (const item of readHotlineSheet(Readable.from([utf8([HEADER, GOOD])]), 'csv')) rows.push(item);
    expect(values(rows)).toHaveLength(1);
  });

  it('refuses a file without a recognisable header', async () => {
    for (const data of [Buffer.alloc(0), utf8(['a,b,c', '1,2,3']), utf8(['工单编号,x,y', '1,2,3']), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x00])]) {
      const error = await fileErrorOf(data, 'csv');
      expect(error.userMessage).toContain('找不到表头');
    }
    // A header below 20 rows of titles is not looked for.
    const late = utf8([...Array.from({ length: 20 }, (_, i) => `标题${i}`), HEADER, GOOD]);
    expect((await fileErrorOf(late, 'csv')).userMessage).toContain('找不到表头');
  });

  it('refuses a file that lacks a required column, naming it in Chinese', async () => {
    const error = await fileErrorOf(utf8(['工单编号,受理时间,事发地址', 'A1,2024-02-05 09:12,路口']), 'csv');
    expect(error.userMessage).toContain('诉求内容');
    expect(error.userMessage).toContain('问题描述');
    expect(error.details).toEqual({ missing: ['诉求内容'] });

    const two = await fileErrorOf(utf8(['编号,诉求人,诉求类型', 'A1,王,投诉']), 'csv');
    expect(two.details).toEqual({ missing: ['受理时间', '诉求内容'] });
  });

  it('tells that an XLSX was given as CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('工单').addRow(['工单编号', '受理时间', '诉求内容']);
    const error = await fileErrorOf(Buffer.from(await workbook.xlsx.writeBuffer()), 'csv');
    expect(error.userMessage).toContain('XLSX');
  });

  it('reads a large generated export row by row (throughput sanity, no timing)', async () => {
    const path = join(dir, 'export.csv');
    const count = 50_000;
    let k = 0;
    await writeHotlineExport(path, count, {
      seed: 7,
      points: () => (k++ % 4 === 0 ? null : [120 + (k % 100) / 1000, 30 + (k % 50) / 1000]),
      categoryCodes: ['SJ0101', 'BJ0203'],
      townNames: ['北山街道', '西溪街道'],
    });
    // Plain checks per row: expect() a million times would measure vitest, not the reader.
    let valid = 0;
    let rowsInOrder = true;
    let timesRise = true;
    let withPoint = 0;
    let last: HotlineRow | null = null;
    for await (const item of readHotlineSheet(createReadStream(path), 'csv')) {
      if (!('value' in item)) throw new Error(JSON.stringify(item.problems));
      rowsInOrder &&= item.row === valid + 2;
      timesRise &&= last === null || item.value.receivedAt >= last.receivedAt;
      if (item.value.lon !== null) withPoint += 1;
      valid += 1;
      last = item.value;
    }
    expect({ valid, rowsInOrder, timesRise }).toEqual({ valid: count, rowsInOrder: true, timesRise: true });
    expect(withPoint).toBe(count - count / 4);
    expect(HOTLINE_EXPORT_HEADER).toContain('工单编号');
    expect(last?.externalId).toMatch(/^HZ202[46]\d{7}$/);
    expect(last?.receivedAt.getTime()).toBeLessThanOrEqual(Date.parse('2026-10-31T15:59:59Z'));
    expect(last?.channel).toBe('hotline');
  });

  it('stops cleanly when the reader leaves early', async () => {
    const lines = [HEADER, ...Array.from({ length: 1000 }, () => GOOD)];
    const input = Readable.from(chunked(utf8(lines), 512));
    for await (const item of readHotlineSheet(input, 'csv')) {
      expect(item.row).toBe(2);
      break;
    }
    expect(input.destroyed).toBe(true);
  });
});

describe('readHotlineSheet (XLSX)', () => {
  async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('reads the first sheet: Excel date cells, numbers, rich text, formulas and hyperlinks', async () => {
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('工单');
      sheet.addRow(['12345工单导出']);
      sheet.addRow(HEADER.split(','));
      // Excel keeps wall-clock time: exceljs writes a Date by its UTC fields.
      sheet.addRow([2024010100001, new Date(Date.UTC(2024, 1, 5, 9, 12)), '12345热线', '投诉', 'SJ0101', '暴露垃圾', '一般', '垃圾堆积', '文化路', 120.5, 30.25, '北山街道', '王女士', 13800000000]);
      sheet.getRow(3).getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
      sheet.addRow([]);
      sheet.addRow([
        'HZ2',
        '2024/2/5 9:12',
        null,
        { richText: [{ text: '咨' }, { text: '询' }] },
        null,
        null,
        null,
        { formula: 'CONCAT("路灯","不亮")', result: '路灯不亮' },
        { text: '人民路', hyperlink: 'https://example.invalid/' },
      ]);
      // A time typed as a plain number (no date format) is an Excel serial day.
      sheet.addRow(['HZ3', 45327.38333333333, null, null, null, null, null, '内容']);
      workbook.addWorksheet('统计').addRow(['工单编号', '受理时间', '诉求内容']);
    });
    const items = await readAll(data, 'xlsx', 4096);
    expect(items.map((i) => i.row)).toEqual([3, 5, 6]);
    const [first, second, third] = values(items);
    expect(first).toEqual({
      externalId: '2024010100001',
      receivedAt: new Date('2024-02-05T01:12:00Z'),
      channel: 'hotline',
      nature: 'complaint',
      categoryCode: 'SJ0101',
      categoryName: '暴露垃圾',
      urgency: 'normal',
      description: '垃圾堆积',
      address: '文化路',
      lon: 120.5,
      lat: 30.25,
      townName: '北山街道',
      reporterName: '王女士',
      reporterPhone: '13800000000',
    } satisfies HotlineRow);
    expect(second).toMatchObject({ externalId: 'HZ2', receivedAt: new Date('2024-02-05T01:12:00Z'), nature: 'enquiry', description: '路灯不亮', address: '人民路' });
    expect(third?.receivedAt).toEqual(new Date('2024-02-05T01:12:00Z'));
  });

  it('reports bad rows with their sheet row numbers', async () => {
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('工单');
      sheet.addRow(['工单号', '来电时间', '内容', '经度', '纬度', '诉求类型']);
      sheet.addRow(['A1', '2024-02-05 09:12', '好', 120, 30, '求助']);
      sheet.addRow(['A2', '下周一', '坏', 120, 300, '求助']);
      sheet.addRow(['A3', '2024-02-05 09:12', '坏', 120, null, '感谢']);
      sheet.addRow(['A4', '2024-02-05 09:12', '好', null, null, null]);
    });
    const items = await readAll(data, 'xlsx');
    expect(items.filter((i) => 'value' in i).map((i) => i.row)).toEqual([2, 5]);
    expect(problemsOf(items)).toEqual([
      [3, '来电时间'],
      [3, '纬度'],
      [4, '诉求类型'],
      [4, '纬度'],
    ]);
  });

  it('reads exports written by the streaming workbook writer (inline strings)', async () => {
    const path = join(dir, 'streamed.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
    const sheet = writer.addWorksheet('工单');
    sheet.addRow(['工单编号', '受理时间', '诉求内容']).commit();
    for (let i = 0; i < 500; i += 1) sheet.addRow([`S${i}`, '2024-02-05 09:12', `内容${i}`]).commit();
    sheet.commit();
    await writer.commit();
    let count = 0;
    for await (const item of readHotlineSheet(createReadStream(path), 'xlsx')) {
      if (!('value' in item)) throw new Error(JSON.stringify(item.problems));
      expect(item.value.externalId).toBe(`S${count}`);
      count += 1;
    }
    expect(count).toBe(500);
  });

  it('refuses what is not a workbook, a damaged one, and one without the required columns', async () => {
    expect((await fileErrorOf(utf8([HEADER, GOOD]), 'xlsx')).userMessage).toContain('XLSX');
    expect((await fileErrorOf(Buffer.alloc(0), 'xlsx')).userMessage).toContain('XLSX');
    const whole = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('工单');
      sheet.addRow(['工单编号', '受理时间', '诉求内容']);
      for (let i = 0; i < 200; i += 1) sheet.addRow([`A${i}`, '2024-02-05 09:12', `内容${i}`]);
    });
    await fileErrorOf(whole.subarray(0, Math.floor(whole.length / 2)), 'xlsx');
    const missing = await workbookBytes((workbook) => {
      workbook.addWorksheet('工单').addRow(['工单编号', '受理时间', '备注']);
    });
    expect((await fileErrorOf(missing, 'xlsx')).userMessage).toContain('诉求内容');
    const empty = await workbookBytes((workbook) => {
      workbook.addWorksheet('空');
    });
    expect((await fileErrorOf(empty, 'xlsx')).userMessage).toContain('找不到表头');
  });
});
