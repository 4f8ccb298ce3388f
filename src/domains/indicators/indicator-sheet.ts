/**
 * Spreadsheets as statisticians keep them: one row per region, indicator and item
 * (累计值 / 同比增长(%) / 上年同期), one column per month. Reads XLSX and CSV into checked
 * figures with a report of every rejected cell, and writes the same layout back, so an
 * export imports again without a change.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { validateGrowthRate } from './indicator-math.js';
import type { ImportedFigure } from './indicators-service.js';
import type { ActualRow, IndicatorRow } from './indicators-repository.js';
import { fromBase, toBase, unitInfo } from './quantities.js';

/** The header of the layout. */
export const SHEET_HEADER = ['年份', '地区编码', '地区', '指标编码', '指标', '项目', '单位', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)];

/** One rejected cell (or row, or column) of an import. */
export interface CellProblem {
  row: number;
  column: string;
  cell: string;
  message: string;
}

type Raw = string | number | null;

/** The spreadsheet's column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Reads the first worksheet of an XLSX file, or a CSV file, into rows of raw cells. */
export async function readSheet(data: Buffer, format: 'xlsx' | 'csv'): Promise<Raw[][]> {
  if (format === 'csv') {
    return parseCsv(decodeText(data), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Raw[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: Raw[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      const value = cellValue(cell.value);
      // A cell shown as "16.6%" holds 0.166; give it back as people read it.
      values[column - 1] = typeof value === 'number' && /%/.test(cell.numFmt ?? '') ? `${roundPercent(value * 100)}%` : value;
    });
    rows[rowNumber - 1] = Array.from(values, (v) => v ?? null);
  });
  for (let i = 0; i < rows.length; i += 1) rows[i] ??= [];
  return rows;
}

// 0.166 × 100 is 16.600000000000001 in binary; the sheet showed 16.6.
function roundPercent(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * CSV files saved by Excel in China are often GB18030 (GBK), not UTF-8: decode strictly
 * as UTF-8 first and fall back to GB18030.
 */
export function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function cellValue(value: unknown): Raw {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown };
    if ('result' in v) return cellValue(v.result);
    // A formula never calculated, or an error cell (#DIV/0!), has no value to read.
    if ('formula' in v || 'sharedFormula' in v || 'error' in v) return '#无值';
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}

/** Parses a number as people type it: full-width digits, thousands separators, spaces. */
export function parseNumber(raw: Raw): number | null {
  if (raw === null) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : Number.NaN;
  const text = raw
    .replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,,\s]/g, '')
    .replace(/%$/, '');
  if (text === '' || text === '-' || text === '—' || text === '/') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

type Item = 'cumulative' | 'yoy' | 'prior';

function itemOf(raw: string): Item | null {
  const text = raw.replace(/\s|（|）|\(|\)|%/g, '');
  if (/^(1-?n月)?累计(值|数)?$|^累计完成$|^本年累计$/.test(text)) return 'cumulative';
  if (/^同比(增长|增速|增幅)?$|^增速$|^增幅$|^同比增长率$/.test(text)) return 'yoy';
  if (/^上年同期(值|数|累计)?$|^去年同期$/.test(text)) return 'prior';
  return null;
}

function monthOfHeader(raw: Raw): number | null | 'bad' {
  if (raw === null) return null;
  const text = String(raw).replace(/\s/g, '');
  const match = text.match(/^(?:1[-–—~至])?(\d{1,2})月$/) ?? text.match(/^(\d{1,2})$/);
  if (!match) return null;
  const month = Number(match[1]);
  return month >= 1 && month <= 12 ? month : 'bad';
}

function unitFits(unit: string, indicator: IndicatorRow): boolean {
  try {
    return unitInfo(unit).base === indicator.base_unit;
  } catch {
    return false;
  }
}

/** What an import is checked against. */
export interface SheetContext {
  indicators: IndicatorRow[];
  regions: { code: string; name: string; inScope: boolean }[];
  /** The year of rows that have no 年份 column. */
  defaultYear?: number;
}

/** Parses rows in the layout into figures; every bad cell is reported, good ones kept. */
export function parseIndicatorSheet(rows: Raw[][], context: SheetContext): { figures: ImportedFigure[]; rejected: CellProblem[] } {
  const rejected: CellProblem[] = [];
  const reject = (row: number, columnIndex: number, message: string) => {
    const column = columnLetter(columnIndex);
    rejected.push({ row, column, cell: `${column}${row}`, message });
  };
  const headerIndex = rows.findIndex((r) => r.some((c) => c !== null && /^指标(编码|名称)?$/.test(String(c).trim())));
  if (headerIndex < 0) {
    return { figures: [], rejected: [{ row: 1, column: 'A', cell: 'A1', message: '找不到表头:需要“指标”或“指标编码”列以及“1月”…“12月”列' }] };
  }
  const header = (rows[headerIndex] ?? []).map((c) => (c === null ? '' : String(c).trim()));
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const yearCol = col(['年份', '年度', '年']);
  const regionCodeCol = col(['地区编码', '区划编码', '编码']);
  const regionNameCol = col(['地区', '镇街', '区域', '地区名称']);
  const indicatorCodeCol = col(['指标编码']);
  const indicatorNameCol = col(['指标', '指标名称']);
  const itemCol = col(['项目', '口径', '类别']);
  const unitCol = col(['单位', '计量单位']);
  const monthCols: { index: number; month: number }[] = [];
  header.forEach((h, index) => {
    const month = monthOfHeader(h);
    if (month === 'bad') reject(headerIndex + 1, index, `表头“${h}”不是1–12月`);
    else if (month !== null) monthCols.push({ index, month });
  });
  if (monthCols.length === 0) reject(headerIndex + 1, 0, '表头中没有月份列(1月…12月)');
  if (regionCodeCol < 0 && regionNameCol < 0) reject(headerIndex + 1, 0, '表头中没有“地区编码”或“地区”列');
  if (indicatorCodeCol < 0 && indicatorNameCol < 0) reject(headerIndex + 1, 0, '表头中没有“指标编码”或“指标”列');
  if (rejected.length > 0 && (monthCols.length === 0 || (regionCodeCol < 0 && regionNameCol < 0) || (indicatorCodeCol < 0 && indicatorNameCol < 0))) {
    return { figures: [], rejected };
  }
  const byCode = new Map(context.indicators.map((i) => [i.code, i]));
  const byName = new Map(context.indicators.map((i) => [i.name, i]));
  const regionsByCode = new Map(context.regions.map((r) => [r.code, r]));
  const regionsByName = new Map(context.regions.map((r) => [r.name, r]));
  const merged = new Map<string, ImportedFigure>();

  for (let r = headerIndex + 1; r < rows.length; r += 1) {
    const cells = rows[r] ?? [];
    const rowNumber = r + 1;
    const text = (index: number) => (index < 0 ? '' : String(cells[index] ?? '').trim());
    if (cells.every((c) => c === null || String(c).trim() === '')) continue;
    // Year.
    let year = context.defaultYear;
    if (yearCol >= 0 && text(yearCol) !== '') {
      const parsed = parseNumber(cells[yearCol] ?? null);
      if (parsed === null || !Number.isInteger(parsed) || parsed < 1990 || parsed > 2100) {
        reject(rowNumber, yearCol, `年份“${text(yearCol)}”无效`);
        continue;
      }
      year = parsed;
    }
    if (year === undefined) {
      reject(rowNumber, Math.max(yearCol, 0), '缺少年份(表中加“年份”列,或导入时指定年份)');
      continue;
    }
    // Region.
    const regionKey = text(regionCodeCol) || text(regionNameCol);
    const region = regionsByCode.get(text(regionCodeCol)) ?? (text(regionCodeCol) ? undefined : regionsByName.get(text(regionNameCol)));
    const regionColumn = regionCodeCol >= 0 && text(regionCodeCol) ? regionCodeCol : regionNameCol;
    if (!region || !region.inScope) {
      reject(rowNumber, regionColumn, `未知地区“${regionKey}”(须为本区县或其镇街,且在您的辖区内)`);
      continue;
    }
    // Indicator.
    const indicator = byCode.get(text(indicatorCodeCol)) ?? (text(indicatorCodeCol) ? undefined : byName.get(text(indicatorNameCol)));
    const indicatorColumn = indicatorCodeCol >= 0 && text(indicatorCodeCol) ? indicatorCodeCol : indicatorNameCol;
    if (!indicator) {
      reject(rowNumber, indicatorColumn, `未知指标“${text(indicatorCodeCol) || text(indicatorNameCol)}”`);
      continue;
    }
    // Item and unit.
    const item: Item | null = itemCol >= 0 ? itemOf(text(itemCol)) : 'cumulative';
    if (!item) {
      reject(rowNumber, itemCol, `项目“${text(itemCol)}”无效,应为“累计值”“同比增长(%)”或“上年同期”`);
      continue;
    }
    let unit = indicator.display_unit;
    if (item !== 'yoy' && text(unitCol)) {
      unit = text(unitCol);
      if (!unitFits(unit, indicator)) {
        reject(rowNumber, unitCol, `单位“${unit}”与指标“${indicator.name}”(${indicator.display_unit})不一致`);
        continue;
      }
    }
    // Months.
    for (const { index, month } of monthCols) {
      const raw = cells[index] ?? null;
      const value = parseNumber(raw);
      if (value === null) continue;
      if (Number.isNaN(value) || !Number.isFinite(value)) {
        reject(rowNumber, index, `“${String(raw)}”不是数字`);
        continue;
      }
      if (Math.abs(value) > 1e15) {
        reject(rowNumber, index, `“${String(raw)}”超出可接受的数值范围`);
        continue;
      }
      let stored: number;
      if (item === 'yoy') {
        const rate = value / 100;
        const problem = validateGrowthRate(rate);
        if (problem) {
          reject(rowNumber, index, problem);
          continue;
        }
        stored = rate;
      } else {
        stored = toBase(value, unit);
      }
      const key = `${indicator.code}/${region.code}/${year}/${month}`;
      const column = columnLetter(index);
      const figure = merged.get(key) ?? {
        indicatorCode: indicator.code,
        regionCode: region.code,
        year,
        month,
        origin: `第${rowNumber}行 ${column}列`,
        cell: `${column}${rowNumber}`,
        row: rowNumber,
        column,
      };
      figure[item] = stored;
      merged.set(key, figure);
    }
  }
  return { figures: [...merged.values()], rejected };
}

/** Writes a year's figures in the layout (an .xlsx buffer). */
export async function writeIndicatorWorkbook(data: {
  year: number;
  regions: { code: string; name: string }[];
  indicators: IndicatorRow[];
  actuals: ActualRow[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '数智 Shuzhi';
  const sheet = workbook.addWorksheet(`${data.year}年指标`);
  sheet.addRow(SHEET_HEADER);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 7, ySplit: 1 }];
  const actuals = new Map(data.actuals.map((a) => [`${a.indicator_code}/${a.region_code}/${a.month}`, a]));
  for (const region of data.regions) {
    for (const indicator of data.indicators) {
      const months = Array.from({ length: 12 }, (_, i) => actuals.get(`${indicator.code}/${region.code}/${i + 1}`));
      const line = (item: string, unit: string, pick: (a: ActualRow) => number | null) =>
        sheet.addRow([data.year, region.code, region.name, indicator.code, indicator.name, item, unit, ...months.map((a) => (a ? pick(a) : null))]);
      if (indicator.kind !== 'growth') {
        line('累计值', indicator.display_unit, (a) => (a.cumulative_value === null ? null : fromBase(a.cumulative_value, indicator.display_unit)));
      }
      line('同比增长(%)', '%', (a) => (a.yoy_rate === null ? null : a.yoy_rate * 100));
      if (indicator.kind !== 'growth') {
        line('上年同期', indicator.display_unit, (a) => (a.prior_value === null ? null : fromBase(a.prior_value, indicator.display_unit)));
      }
    }
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 4 ? 22 : i < 7 ? 12 : 11;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
