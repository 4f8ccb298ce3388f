/**
 * Bulk 12345 hotline exports (CSV or XLSX) read as a stream of case intake rows, each
 * with the problems that keep it out. Pure apart from reading the stream: no database.
 *
 * Memory stays bounded whatever the size: CSV is decoded and split chunk by chunk (UTF-8
 * with or without BOM, or GB18030/GBK as Excel in China saves it), and XLSX goes through
 * exceljs's streaming reader (which does keep the shared-string table in memory).
 * CSV is split by a small RFC 4180 parser of our own rather than csv-parse, which reads
 * about 60k rows/s: a million-row export must not wait on the parser.
 */
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import {
  CASE_CHANNELS,
  CASE_NATURES,
  CHANNEL_LABELS,
  NATURE_LABELS,
  type CaseChannel,
  type CaseNature,
  type CaseUrgency,
} from '@/shared/case-vocabulary.js';
import { AppError } from '@/shared/errors.js';

/** One valid row of an export, ready for intake. */
export interface HotlineRow {
  /** 工单编号: required, at most 64 characters. */
  externalId: string;
  /** 受理时间: required; times without a zone are China Standard Time (UTC+8). */
  receivedAt: Date;
  /** 'hotline' unless a 来源渠道 cell names another channel (CHANNEL_LABELS). */
  channel: CaseChannel;
  /** 诉求性质 (咨询/求助/投诉/建议/举报), or null when blank. */
  nature: CaseNature | null;
  /** 问题分类编码 (`SJ0101`); whether it exists is for the importer to check. */
  categoryCode: string | null;
  /** 问题分类 by name, for matching when there is no code. */
  categoryName: string | null;
  /** 紧急程度: blank is normal. */
  urgency: CaseUrgency;
  /** 诉求内容: 1–4000 characters. */
  description: string;
  /** 事发地址. */
  address: string | null;
  /** 经度 (WGS-84); given together with lat or not at all. */
  lon: number | null;
  /** 纬度 (WGS-84). */
  lat: number | null;
  /** 所属镇街, for routing when there is no point. */
  townName: string | null;
  /** 来电人. */
  reporterName: string | null;
  /** 联系电话: digits, '-', '+' and spaces, 5–20 characters. */
  reporterPhone: string | null;
}

/**
 * Why a row was rejected. `row` is the 1-based row of the sheet as a spreadsheet shows
 * it (the header is row 1 unless title rows stand above it); `field` is the column's header
 * as written in the file (or its standard name when the column is absent).
 */
export interface RowProblem {
  row: number;
  field: string;
  code: 'VALIDATION_FAILED';
  message: string;
}

/** A data row of the export: its value when valid, else its problems. */
export type SheetItem = { row: number; value: HotlineRow } | { row: number; problems: RowProblem[] };

/** The formats of an export. */
export type HotlineFormat = 'csv' | 'xlsx';

/**
 * The header names recognised for each field, preferred first (when a file has two of a
 * field's names, the earlier one in this list is read). Matching ignores spaces, `*`
 * marks, colons and a trailing parenthesis such as `经度(WGS84)`, and letter case.
 */
export const HOTLINE_COLUMNS: Readonly<Record<keyof HotlineRow, readonly string[]>> = Object.freeze({
  externalId: ['工单编号', '工单号', '编号', '工单流水号', '受理编号'],
  receivedAt: ['受理时间', '来电时间', '登记时间', '诉求时间', '创建时间'],
  channel: ['来源渠道', '渠道', '来源', '受理渠道'],
  nature: ['诉求性质', '诉求类型', '工单类型'],
  categoryCode: ['问题分类编码', '分类编码', '事项分类编码'],
  categoryName: ['问题分类', '事项分类', '分类名称', '问题类别'],
  urgency: ['紧急程度', '缓急', '缓急程度'],
  description: ['诉求内容', '内容', '问题描述', '诉求描述'],
  address: ['事发地址', '地址', '诉求地址', '事发地点'],
  lon: ['经度', 'lon', 'lng', 'longitude'],
  lat: ['纬度', 'lat', 'latitude'],
  townName: ['所属镇街', '镇街', '所属街镇', '镇街名称'],
  reporterName: ['来电人', '诉求人', '联系人', '来电人姓名'],
  reporterPhone: ['联系电话', '来电号码', '电话', '联系方式'],
});

/** The format of an export from its file name (`.csv` / `.xlsx`, any case), or null. */
export function hotlineFormatOf(fileName: string): HotlineFormat | null {
  const name = fileName.trim().toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/**
 * Streams the data rows of an export, each as its value or its problems, in file order;
 * blank rows and title rows above the header are skipped. Throws
 * `AppError('VALIDATION_FAILED', …, {field: 'file'})` for a file that cannot be read at
 * all: an XLSX that is not a zip workbook, no recognisable header row within the first
 * 20 rows, required columns missing (named in the Chinese message), or a CSV record that
 * never ends (an unclosed quote over more than 4 M characters).
 */
export function readHotlineSheet(input: NodeJS.ReadableStream | AsyncIterable<Buffer>, format: HotlineFormat): AsyncGenerator<SheetItem> {
  // The format's generator is handed back as it is: a `yield*` here would cost a second
  // round of promises per row.
  const chunks = bytesOf(input as AsyncIterable<Buffer | Uint8Array | string>);
  if (format === 'csv') return readCsv(chunks);
  if (format === 'xlsx') return readXlsx(chunks);
  return failing(fileError(`unknown export format ${String(format)}`, '只能导入 CSV 或 XLSX 文件'));
}

// eslint-disable-next-line require-yield -- a generator that fails when first read
async function* failing(error: AppError): AsyncGenerator<SheetItem> {
  throw error;
}

// ---------------------------------------------------------------------------------------
// Fields

type Field = keyof HotlineRow;
type Cell = string | number | Date | null;

const FIELDS = Object.keys(HOTLINE_COLUMNS) as Field[];
const REQUIRED: readonly Field[] = ['externalId', 'receivedAt', 'description'];
/** Title rows allowed above the header. */
const HEADER_SEARCH_ROWS = 20;
const CST_MS = 8 * 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Accepted instants: 1990-01-01 … 2099-12-31 (anything else is a typo or a bad cell). */
const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);
const MAX_DESCRIPTION = 4000;

const CATEGORY_CODE = /^(BJ|SJ)\d{4}$/;
// Exports often mask the middle digits (138****1234): masked numbers are kept as written.
const PHONE = /^[0-9+\- *]{5,20}$/;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)$/;
const HEADER_MARKS = /[\s*＊:：\uFEFF]/g;
const HEADER_SUFFIX = /[(（][^)）]*[)）]$/;

function normaliseHeader(text: string): string {
  return text.replace(HEADER_MARKS, '').replace(HEADER_SUFFIX, '').toLowerCase();
}

const ALIASES = new Map<string, Field>();
for (const field of FIELDS) for (const alias of HOTLINE_COLUMNS[field]) ALIASES.set(normaliseHeader(alias), field);

const CHANNEL_BY_TEXT = new Map<string, CaseChannel>();
for (const channel of CASE_CHANNELS) {
  CHANNEL_BY_TEXT.set(channel, channel);
  CHANNEL_BY_TEXT.set(CHANNEL_LABELS[channel], channel);
}

const NATURE_BY_TEXT = new Map<string, CaseNature>();
for (const nature of CASE_NATURES) {
  NATURE_BY_TEXT.set(nature, nature);
  NATURE_BY_TEXT.set(NATURE_LABELS[nature], nature);
  NATURE_BY_TEXT.set(`${NATURE_LABELS[nature]}类`, nature);
}

const URGENCY_BY_TEXT = new Map<string, CaseUrgency>([
  ['一般', 'normal'],
  ['普通', 'normal'],
  ['正常', 'normal'],
  ['normal', 'normal'],
  ['紧急', 'urgent'],
  ['加急', 'urgent'],
  ['特急', 'urgent'],
  ['urgent', 'urgent'],
]);

/** Where each field is in a file: the column index (−1 when absent) and its header text. */
interface Layout {
  index: Record<Field, number>;
  label: Record<Field, string>;
  /** Number of header cells. */
  columns: number;
  /** One past the last non-blank header cell: shorter rows lack a column. */
  needed: number;
  headers: string[];
}

function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return String(cell);
  return cell.toISOString();
}

/** The layout of a header row, or null when fewer than two of its cells are known names. */
function layoutOf(cells: readonly Cell[]): Layout | null {
  const headers = cells.map((c) => cellText(c));
  const found = new Map<Field, { at: number; rank: number }>();
  let known = 0;
  headers.forEach((header, at) => {
    const key = normaliseHeader(header);
    const field = ALIASES.get(key);
    if (!field) return;
    known += 1;
    const rank = HOTLINE_COLUMNS[field].findIndex((alias) => normaliseHeader(alias) === key);
    const previous = found.get(field);
    if (!previous || rank < previous.rank) found.set(field, { at, rank });
  });
  if (known < 2) return null;
  const index = {} as Record<Field, number>;
  const label = {} as Record<Field, string>;
  for (const field of FIELDS) {
    const at = found.get(field)?.at ?? -1;
    index[field] = at;
    label[field] = at >= 0 ? (headers[at] ?? '') : (HOTLINE_COLUMNS[field][0] ?? field);
  }
  let needed = headers.length;
  while (needed > 0 && headers[needed - 1] === '') needed -= 1;
  return { index, label, columns: headers.length, needed, headers };
}

function fileError(message: string, userMessage: string, details?: unknown, cause?: unknown): AppError {
  return new AppError('VALIDATION_FAILED', message, { field: 'file', userMessage, details, cause });
}

function missingColumnsError(missing: Field[]): AppError {
  const names = missing.map((field) => {
    const [main, ...others] = HOTLINE_COLUMNS[field];
    return others.length > 0 ? `“${main}”(或${others.map((o) => `“${o}”`).join('、')})` : `“${main}”`;
  });
  return fileError(`hotline export lacks required columns: ${missing.join(', ')}`, `导入文件缺少必需的列:${names.join('、')}`, {
    missing: missing.map((field) => HOTLINE_COLUMNS[field][0]),
  });
}

function textAt(cells: readonly Cell[], at: number): string {
  return at < 0 ? '' : cellText(cells[at]);
}

/** A cell's text as quoted in a message: long values are cut short. */
function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isBlank(cells: readonly Cell[]): boolean {
  for (let i = 0; i < cells.length; i += 1) {
    const cell = cells[i];
    if (cell === null || cell === undefined) continue;
    if (typeof cell !== 'string' || cell.trim() !== '') return false;
  }
  return true;
}

/** Code points of a string (what a database counts as characters). */
function characters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) count += 1;
  }
  return count;
}

/**
 * The rows of one sheet: finds the header, then turns each data row into an item. Shared
 * by the CSV and XLSX readers; `checkWidth` is for CSV, where a row with too few or too
 * many fields has its values in the wrong columns.
 */
class SheetRows {
  private layout: Layout | null = null;
  private rowsAboveHeader = 0;
  private problems: RowProblem[] | null = null;
  private row = 0;
  date1904 = false;

  constructor(private readonly checkWidth: boolean) {}

  /** The item of a row, or null for a blank row or a row above the header. */
  take(cells: readonly Cell[], row: number, unclosedQuote = false): SheetItem | null {
    if (isBlank(cells)) return null;
    const layout = this.layout;
    if (!layout) {
      this.findHeader(cells);
      return null;
    }
    this.row = row;
    this.problems = null;
    if (unclosedQuote) {
      const column = Math.min(cells.length, layout.columns) - 1;
      this.failAt(layout.headers[column] || `第${column + 1}列`, '引号未闭合:该字段以英文双引号开头,但到文件末尾都没有结束的引号');
      return { row, problems: this.problems ?? [] };
    }
    if (this.checkWidth && !this.widthFits(cells, layout)) return { row, problems: this.problems ?? [] };
    const value = this.rowOf(cells, layout);
    return this.problems ? { row, problems: this.problems } : { row, value };
  }

  /** Throws when the sheet ended without a header. */
  finish(): void {
    if (!this.layout) throw this.noHeader();
  }

  private noHeader(): AppError {
    return fileError(
      'no recognisable header row in the hotline export',
      `找不到表头:前${HEADER_SEARCH_ROWS}行中没有包含“工单编号”“受理时间”“诉求内容”等列名的一行`,
    );
  }

  private findHeader(cells: readonly Cell[]): void {
    const layout = layoutOf(cells);
    if (!layout) {
      this.rowsAboveHeader += 1;
      if (this.rowsAboveHeader >= HEADER_SEARCH_ROWS) throw this.noHeader();
      return;
    }
    const missing = REQUIRED.filter((field) => layout.index[field] < 0);
    if (missing.length > 0) throw missingColumnsError(missing);
    this.layout = layout;
  }

  private widthFits(cells: readonly Cell[], layout: Layout): boolean {
    if (cells.length < layout.needed) {
      this.failAt(
        layout.headers[cells.length] ?? '',
        `该行只有${cells.length}个字段,表头有${layout.needed}列,从“${layout.headers[cells.length] ?? ''}”起缺失(可能有字段中的换行或引号不成对)`,
      );
      return false;
    }
    for (let i = layout.columns; i < cells.length; i += 1) {
      if (cellText(cells[i]) !== '') {
        this.failAt(
          layout.headers[layout.columns - 1] ?? '',
          `该行有${cells.length}个字段,比表头的${layout.columns}列多(可能有字段含英文逗号却未加引号)`,
        );
        return false;
      }
    }
    return true;
  }

  private failAt(field: string, message: string): void {
    (this.problems ??= []).push({ row: this.row, field, code: 'VALIDATION_FAILED', message });
  }

  private fail(layout: Layout, field: Field, message: string): void {
    this.failAt(layout.label[field], message);
  }

  private rowOf(cells: readonly Cell[], layout: Layout): HotlineRow {
    const { index, label } = layout;

    const externalId = textAt(cells, index.externalId);
    if (externalId === '') this.fail(layout, 'externalId', `“${label.externalId}”不能为空`);
    else if (externalId.length > 64) this.fail(layout, 'externalId', `“${label.externalId}”超过64个字符`);
    else this.storable(externalId, layout, 'externalId');

    const receivedAt = this.timeOf(cells, layout);

    const channelText = textAt(cells, index.channel);
    const channel = channelText === '' ? 'hotline' : (CHANNEL_BY_TEXT.get(channelText) ?? 'hotline');

    const natureText = textAt(cells, index.nature);
    let nature: CaseNature | null = null;
    if (natureText !== '') {
      nature = NATURE_BY_TEXT.get(natureText) ?? null;
      if (!nature) this.fail(layout, 'nature', `${label.nature}“${shown(natureText)}”无效,应为咨询、求助、投诉、建议或举报`);
    }

    const codeText = textAt(cells, index.categoryCode).toUpperCase();
    let categoryCode: string | null = null;
    if (codeText !== '') {
      if (CATEGORY_CODE.test(codeText)) categoryCode = codeText;
      else this.fail(layout, 'categoryCode', `${label.categoryCode}“${shown(codeText)}”无效,应为 BJ 或 SJ 加4位数字(如 SJ0101)`);
    }

    const urgencyText = textAt(cells, index.urgency);
    let urgency: CaseUrgency = 'normal';
    if (urgencyText !== '') {
      const found = URGENCY_BY_TEXT.get(urgencyText);
      if (found) urgency = found;
      else this.fail(layout, 'urgency', `${label.urgency}“${shown(urgencyText)}”无效,应为“一般”或“紧急”`);
    }

    const description = textAt(cells, index.description);
    if (description === '') this.fail(layout, 'description', `“${label.description}”不能为空`);
    else if (description.length > MAX_DESCRIPTION) {
      const count = characters(description);
      if (count > MAX_DESCRIPTION) this.fail(layout, 'description', `“${label.description}”超过${MAX_DESCRIPTION}字(共${count}字)`);
    } else this.storable(description, layout, 'description');

    const lon = this.coordinate(cells, layout, 'lon', 180);
    const lat = this.coordinate(cells, layout, 'lat', 90);
    if (lon !== null && lat === null && !Number.isNaN(lon)) this.fail(layout, 'lat', `有${label.lon}而缺少${label.lat}(经纬度须同时填写)`);
    if (lat !== null && lon === null && !Number.isNaN(lat)) this.fail(layout, 'lon', `有${label.lat}而缺少${label.lon}(经纬度须同时填写)`);

    const phone = textAt(cells, index.reporterPhone);
    if (phone !== '' && !PHONE.test(phone)) this.fail(layout, 'reporterPhone', `${label.reporterPhone}“${shown(phone)}”无效(5–20位,只能含数字、-、+、* 和空格)`);

    return {
      externalId,
      receivedAt: receivedAt ?? new Date(Number.NaN),
      channel,
      nature,
      categoryCode,
      categoryName: this.optional(textAt(cells, index.categoryName), layout, 'categoryName', 200),
      urgency,
      description,
      address: this.optional(textAt(cells, index.address), layout, 'address', 500),
      lon: lon === null || Number.isNaN(lon) || lat === null ? null : lon,
      lat: lat === null || Number.isNaN(lat) || lon === null ? null : lat,
      townName: this.optional(textAt(cells, index.townName), layout, 'townName', 100),
      reporterName: this.optional(textAt(cells, index.reporterName), layout, 'reporterName', 100),
      reporterPhone: phone === '' ? null : phone,
    };
  }

  private optional(value: string, layout: Layout, field: Field, max: number): string | null {
    if (value === '') return null;
    if (value.length > max && characters(value) > max) this.fail(layout, field, `“${layout.label[field]}”超过${max}字`);
    else this.storable(value, layout, field);
    return value;
  }

  /** PostgreSQL cannot store U+0000 in text: refuse the row rather than fail the import. */
  private storable(value: string, layout: Layout, field: Field): void {
    if (value.includes('\u0000')) this.fail(layout, field, `“${layout.label[field]}”含有无法保存的空字符(U+0000)`);
  }

  /** The coordinate, null when blank, NaN when bad (the problem is recorded). */
  private coordinate(cells: readonly Cell[], layout: Layout, field: 'lon' | 'lat', limit: number): number | null {
    const at = layout.index[field];
    const cell = at < 0 ? null : cells[at];
    let value: number;
    if (typeof cell === 'number') value = cell;
    else {
      const text = cellText(cell);
      if (text === '') return null;
      value = DECIMAL.test(text) ? Number(text) : Number.NaN;
      if (Number.isNaN(value)) {
        this.fail(layout, field, `${layout.label[field]}“${shown(text)}”不是数字`);
        return Number.NaN;
      }
    }
    if (!Number.isFinite(value) || value < -limit || value > limit) {
      this.fail(layout, field, `${layout.label[field]}“${shown(cellText(cell))}”超出范围(−${limit}…${limit})`);
      return Number.NaN;
    }
    return value;
  }

  private timeOf(cells: readonly Cell[], layout: Layout): Date | null {
    const at = layout.index.receivedAt;
    const cell = at < 0 ? null : cells[at];
    const name = layout.label.receivedAt;
    let ms: number;
    if (cell instanceof Date) {
      // Excel keeps wall-clock time without a zone; exceljs hands it over as if UTC.
      ms = cell.getTime() - CST_MS;
    } else if (typeof cell === 'number') {
      ms = excelSerialToMs(cell, this.date1904);
    } else {
      const text = cellText(cell);
      if (text === '') {
        this.fail(layout, 'receivedAt', `“${name}”不能为空`);
        return null;
      }
      ms = parseChinaTime(text);
    }
    if (!(ms >= MIN_MS && ms < MAX_MS)) {
      this.fail(layout, 'receivedAt', `${name}“${shown(cellText(cell))}”不是有效的时间(例如 2024-02-05 09:12:00)`);
      return null;
    }
    return new Date(ms);
  }
}

/** An Excel serial day number (wall-clock, China time) as epoch milliseconds; NaN if absurd. */
function excelSerialToMs(serial: number, date1904: boolean): number {
  if (!Number.isFinite(serial) || serial <= 0) return Number.NaN;
  const days = date1904 ? serial + 1462 : serial;
  return Math.round((days - 25569) * MS_PER_DAY) - CST_MS;
}

// ---------------------------------------------------------------------------------------
// Times, parsed by hand: Date.parse is lenient and zone-dependent, dayjs is slow per row.

let cursor = 0;

/** Reads 1…`max` decimal digits at the cursor; −1 when there are fewer than `min`. */
function readDigits(text: string, min: number, max: number): number {
  let value = 0;
  let count = 0;
  while (count < max && cursor < text.length) {
    const digit = text.charCodeAt(cursor) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    cursor += 1;
    count += 1;
  }
  return count >= min ? value : -1;
}

function skipSpaces(text: string): void {
  while (cursor < text.length && (text.charCodeAt(cursor) === 32 || text.charCodeAt(cursor) === 0x3000)) cursor += 1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}

/**
 * Epoch milliseconds of a time as exports write it, or NaN: `2024-02-05 09:12:00`,
 * `2024/2/5 9:12`, `2024.2.5`, `2024年2月5日 9时12分`, `20240205091200`, ISO 8601 with
 * `T`, fractions of a second and a zone (`Z`, `+08:00`, `+0800`). Without a zone the time is
 * China Standard Time (UTC+8); a date alone is its midnight.
 */
export function parseChinaTime(text: string): number {
  const n = text.length;
  cursor = 0;
  let year: number;
  let month: number;
  let day: number;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let offsetMinutes = 480;
  if ((n === 8 || n === 12 || n === 14) && readDigits(text, n, n) >= 0) {
    // Compact: YYYYMMDD[HHmm[ss]].
    year = Number(text.slice(0, 4));
    month = Number(text.slice(4, 6));
    day = Number(text.slice(6, 8));
    if (n >= 12) {
      hour = Number(text.slice(8, 10));
      minute = Number(text.slice(10, 12));
    }
    if (n === 14) second = Number(text.slice(12, 14));
  } else {
    cursor = 0;
    year = readDigits(text, 4, 4);
    if (year < 0) return Number.NaN;
    const separator = text.charCodeAt(cursor);
    // '-', '/', '.', '年'
    if (separator !== 45 && separator !== 47 && separator !== 46 && separator !== 0x5e74) return Number.NaN;
    cursor += 1;
    month = readDigits(text, 1, 2);
    if (month < 0) return Number.NaN;
    const second1 = text.charCodeAt(cursor);
    if (separator === 0x5e74 ? second1 !== 0x6708 : second1 !== separator) return Number.NaN; // 月
    cursor += 1;
    day = readDigits(text, 1, 2);
    if (day < 0) return Number.NaN;
    if (text.charCodeAt(cursor) === 0x65e5) cursor += 1; // 日
    if (cursor < n) {
      const before = cursor;
      if (text.charCodeAt(cursor) === 84 /* T */) cursor += 1;
      else skipSpaces(text);
      if (cursor === before) return Number.NaN;
      hour = readDigits(text, 1, 2);
      if (hour < 0) return Number.NaN;
      const colon = text.charCodeAt(cursor);
      if (colon !== 58 && colon !== 0x65f6 && colon !== 0x70b9) return Number.NaN; // ':' 时 点
      cursor += 1;
      minute = readDigits(text, 1, 2);
      if (minute < 0) return Number.NaN;
      const next = text.charCodeAt(cursor);
      if (next === 58 || next === 0x5206) {
        // ':' or 分, then optional seconds
        cursor += 1;
        if (cursor < n && text.charCodeAt(cursor) >= 48 && text.charCodeAt(cursor) <= 57) {
          second = readDigits(text, 1, 2);
          if (text.charCodeAt(cursor) === 0x79d2) cursor += 1; // 秒
          if (text.charCodeAt(cursor) === 46 /* . */) {
            cursor += 1;
            const start = cursor;
            const fraction = readDigits(text, 1, 9);
            if (fraction < 0) return Number.NaN;
            millis = Math.floor(fraction / 10 ** (cursor - start - 3));
          }
        }
      }
      skipSpaces(text);
      if (cursor < n) {
        const sign = text.charCodeAt(cursor);
        if (sign === 90 /* Z */ && cursor === n - 1) {
          offsetMinutes = 0;
          cursor += 1;
        } else if (sign === 43 || sign === 45) {
          cursor += 1;
          const hours = readDigits(text, 2, 2);
          if (hours < 0) return Number.NaN;
          if (text.charCodeAt(cursor) === 58) cursor += 1;
          const minutes = cursor < n ? readDigits(text, 2, 2) : 0;
          if (minutes < 0 || hours > 14 || minutes > 59) return Number.NaN;
          offsetMinutes = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
        }
      }
    }
    if (cursor !== n) return Number.NaN;
  }
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

// ---------------------------------------------------------------------------------------
// Bytes

async function* bytesOf(input: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}

function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7);
}

// ---------------------------------------------------------------------------------------
// CSV

/** Bytes looked at to tell UTF-8 from GB18030. */
const DETECT_BYTES = 64 * 1024;
/** A record longer than this is an unclosed quote swallowing the file. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

/**
 * Text of a CSV: UTF-8 when the first 64 KiB decode strictly as UTF-8, else GB18030 (a
 * superset of GBK, what Excel in China saves). A BOM is dropped.
 */
async function* decodeCsv(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let decoder: TextDecoder | null = null;
  let atStart = true;
  for await (const chunk of chunks) {
    let text: string;
    if (decoder) text = decoder.decode(chunk, { stream: true });
    else {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < DETECT_BYTES) continue;
      const bytes = concat(head);
      decoder = decoderFor(bytes, false);
      text = decoder.decode(bytes, { stream: true });
    }
    if (text === '') continue;
    yield atStart ? withoutBom(text) : text;
    atStart = false;
  }
  let text: string;
  if (decoder) text = decoder.decode();
  else {
    const bytes = concat(head);
    text = decoderFor(bytes, true).decode(bytes);
  }
  if (text !== '') yield atStart ? withoutBom(text) : text;
}

/** The decoder for a CSV that starts with `head` (`done` when that is the whole file). */
function decoderFor(head: Uint8Array, done: boolean): TextDecoder {
  if (isZip(head)) throw fileError('an XLSX (zip) file was given as CSV', '该文件是 Excel 工作簿(XLSX),请按 XLSX 格式导入');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !done });
    return new TextDecoder('utf-8');
  } catch {
    return new TextDecoder('gb18030');
  }
}

/** UTF-8's decoder drops a BOM itself; GB18030's keeps it as U+FEFF. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * An RFC 4180 splitter fed text chunk by chunk. Lines without a quote are split with
 * `String.split` (the common case); lines with quotes go through a careful scan that
 * allows `""` escapes and line breaks inside quotes, and, like Excel, takes a stray quote
 * inside an unquoted field literally.
 */
class CsvSplitter {
  private pending = '';
  /** The record that ended the file inside an open quote, if any. */
  unclosed: string[] | null = null;

  /** Characters held back waiting for the end of their record. */
  get pendingLength(): number {
    return this.pending.length;
  }

  /** The records completed by `chunk`; `final` at the end of the file. */
  push(chunk: string, final: boolean): string[][] {
    const text = this.pending.length > 0 ? this.pending + chunk : chunk;
    const records: string[][] = [];
    const n = text.length;
    let pos = 0;
    let quote = text.indexOf('"');
    while (pos < n) {
      const newline = text.indexOf('\n', pos);
      if (newline < 0 && !final) break;
      const lineEnd = newline < 0 ? n : newline;
      if (quote >= 0 && quote < pos) quote = text.indexOf('"', pos);
      if (quote < 0 || quote > lineEnd) {
        const end = lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
        records.push(text.slice(pos, end).split(','));
        pos = lineEnd + 1;
        continue;
      }
      const next = this.quotedRecord(text, pos, final, records);
      if (next < 0) break;
      pos = next;
    }
    this.pending = pos < n ? text.slice(pos) : '';
    return records;
  }

  /** Parses one record with quotes from `start`; the position after it, or −1 when incomplete. */
  private quotedRecord(text: string, start: number, final: boolean, records: string[][]): number {
    const n = text.length;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        value = '';
        for (;;) {
          const close = text.indexOf('"', j);
          if (close < 0) {
            if (!final) return -1;
            fields.push(value + text.slice(j));
            this.unclosed = fields;
            records.push(fields);
            return n;
          }
          if (close + 1 >= n && !final) return -1; // the next chunk may start with a second quote
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(j, close + 1);
            j = close + 2;
            continue;
          }
          value += text.slice(j, close);
          i = close + 1;
          break;
        }
        // Anything between the closing quote and the delimiter is kept as written.
        const stop = fieldEnd(text, i);
        if (stop > i) value += trimCr(text, i, stop);
        i = stop;
      } else {
        const stop = fieldEnd(text, i);
        value = trimCr(text, i, stop);
        i = stop;
      }
      fields.push(value);
      if (i >= n) {
        if (!final) return -1;
        records.push(fields);
        return n;
      }
      if (text.charCodeAt(i) === COMMA) {
        i += 1;
        continue;
      }
      records.push(fields); // at a line feed
      return i + 1;
    }
  }
}

function fieldEnd(text: string, from: number): number {
  const n = text.length;
  let k = from;
  while (k < n) {
    const code = text.charCodeAt(k);
    if (code === COMMA || code === LF) break;
    k += 1;
  }
  return k;
}

function trimCr(text: string, from: number, to: number): string {
  return to > from && text.charCodeAt(to - 1) === CR && (to === text.length || text.charCodeAt(to) === LF) ? text.slice(from, to - 1) : text.slice(from, to);
}

async function* readCsv(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SheetItem> {
  const splitter = new CsvSplitter();
  const sheet = new SheetRows(true);
  let row = 0;
  for await (const text of decodeCsv(chunks)) {
    for (const cells of splitter.push(text, false)) {
      row += 1;
      const item = sheet.take(cells, row);
      if (item) yield item;
    }
    if (splitter.pendingLength > MAX_RECORD_CHARS) {
      throw fileError(
        `CSV record at row ${row + 1} exceeds ${MAX_RECORD_CHARS} characters`,
        `第${row + 1}行过长:可能有英文双引号未闭合,之后的内容无法读取`,
        { row: row + 1 },
      );
    }
  }
  for (const cells of splitter.push('', true)) {
    row += 1;
    const item = sheet.take(cells, row, cells === splitter.unclosed);
    if (item) yield item;
  }
  sheet.finish();
}

// ---------------------------------------------------------------------------------------
// XLSX

function xlsxCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ('result' in v) return xlsxCell(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('text' in v) return xlsxCell(v.text); // hyperlinks
    if ('error' in v) return String(v.error);
    return null;
  }
  return String(value);
}

async function* readXlsx(chunks: AsyncGenerator<Uint8Array>): AsyncGenerator<SheetItem> {
  const first = await chunks.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  if (!isZip(head)) {
    throw fileError('the XLSX export is not a zip file', '文件不是有效的 Excel 工作簿(XLSX):无法解压,请确认文件格式或改用 CSV 导入');
  }
  // exceljs pipes what it is given and does not see errors of the source: end the stream
  // instead and rethrow the input's failure once the reader has stopped.
  let inputError: unknown = null;
  const source = Readable.from(
    (async function* () {
      yield head;
      try {
        for await (const chunk of chunks) yield chunk;
      } catch (error) {
        inputError = error;
      }
    })(),
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // for the date formats that make a number a date
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheet = new SheetRows(false);
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets += 1;
      const isFirst = sheets === 1;
      if (isFirst) {
        const properties = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
        sheet.date1904 = properties?.model?.date1904 === true;
      }
      // Later sheets are read to the end unused, so that their entries are released.
      for await (const row of worksheet) {
        if (!isFirst) continue;
        const values = row.values as unknown[];
        const cells: Cell[] = new Array<Cell>(Math.max(values.length - 1, 0));
        for (let i = 1; i < values.length; i += 1) cells[i - 1] = xlsxCell(values[i]);
        const item = sheet.take(cells, row.number);
        if (item) yield item;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw inputError ?? unreadableXlsx(error);
  } finally {
    source.destroy();
  }
  if (inputError) throw inputError;
  if (sheets === 0) throw fileError('the XLSX export has no worksheet', 'Excel 工作簿中没有工作表,或文件已损坏');
  sheet.finish();
}

function unreadableXlsx(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  return fileError(`the XLSX export cannot be read: ${message}`, '无法读取 Excel 工作簿(XLSX):文件可能已损坏', undefined, error);
}
