/**
 * How the 目标指标 pages write numbers: rates as percentages, percentage points signed, targets
 * the way a work report states them ("128.5亿元,增长16%以上"), periods as "2023年1–5月".
 */
import type { Role } from '../api/types';
import type { Colour, IndicatorView, TargetView } from './types';

/** Roles that report figures and edit targets; everyone else with the module only reads. */
export const EDITOR_ROLES: readonly Role[] = ['admin', 'town_admin'];

/** True when `role` may report figures and edit targets. */
export function canEditIndicators(role: Role): boolean {
  return EDITOR_ROLES.includes(role);
}

/** Rounds away binary noise: 0.16 * 100 is 16, not 16.000000000000004. */
export function clean(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(12));
}

/** A fraction as a percentage: 0.166 → '16.6%'; null → '—'. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = (value * 100).toFixed(digits);
  return `${Number(text) === 0 ? (0).toFixed(digits) : text}%`;
}

/** Percentage points, signed, one decimal: 9.2 → '+9.2', −3 → '-3.0'; null → '—'. */
export function formatPp(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(1);
  if (Number(text) === 0) return '0.0';
  return `${value > 0 ? '+' : '-'}${text}`;
}

/** A fraction as a percentage number for a form: 0.16 → 16. */
export function fractionToPercent(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : clean(value * 100);
}

/** A percentage typed in a form as a fraction: 16 → 0.16. */
export function percentToFraction(value: number): number {
  return clean(value / 100);
}

/** Qualifiers a target may carry, in the order the picker offers them. */
export const QUALIFIERS = ['以上', '力争', '左右', '确保', '以内'] as const;

/** Qualifiers written before the figure ("力争增长16%"); the rest follow it ("增长16%以上"). */
const LEADING_QUALIFIERS = new Set(['力争', '确保']);

/** A growth target as a report writes it: 0.16 + 以上 → '增长16%以上'; −0.03 → '下降3%'. */
export function formatGrowth(growth: number, qualifier: string | null): string {
  const percent = clean(Math.abs(growth) * 100);
  const core = `${growth < 0 ? '下降' : '增长'}${percent}%`;
  if (!qualifier) return core;
  return LEADING_QUALIFIERS.has(qualifier) ? `${qualifier}${core}` : `${core}${qualifier}`;
}

/** A target as a report writes it: '128.5亿元,增长16%以上'; null → '—'. */
export function formatTarget(target: TargetView | null | undefined): string {
  if (!target) return '—';
  const { levelText, growth, qualifier } = target;
  // The qualifier goes with the growth when there is one ("128.5亿元,增长16%以上"), else with the level.
  if (growth !== null) return levelText ? `${levelText},${formatGrowth(growth, qualifier)}` : formatGrowth(growth, qualifier);
  if (!levelText) return '—';
  if (!qualifier) return levelText;
  return LEADING_QUALIFIERS.has(qualifier) ? `${qualifier}${levelText}` : `${levelText}${qualifier}`;
}

/** Chinese labels and colours of the ratings. */
export const COLOUR_LABELS: Record<Colour, string> = { green: '绿', yellow: '黄', red: '红' };
/** Tag presets of the ratings. */
export const COLOUR_TAGS: Record<Colour, string> = { green: 'success', yellow: 'warning', red: 'error' };
/** Chart colours of the ratings (antd's palette). */
export const COLOUR_HEX: Record<Colour, string> = { green: '#52c41a', yellow: '#faad14', red: '#ff4d4f' };
/** Chart colour of a value without a rating. */
export const NO_COLOUR_HEX = '#bfbfbf';

/** How many base units one unit is: the money, area and count units reports use. */
const UNIT_FACTORS: Readonly<Record<string, number>> = {
  元: 1,
  万元: 1e4,
  亿元: 1e8,
  平方米: 1,
  万平方米: 1e4,
  亩: 10000 / 15,
  万亩: 1e8 / 15,
  公顷: 1e4,
  平方公里: 1e6,
  立方米: 1,
  万方: 1e4,
  万立方米: 1e4,
  米: 1,
  公里: 1e3,
  千米: 1e3,
  吨标准煤: 1,
  万吨标准煤: 1e4,
  '%': 0.01,
  '‰': 0.001,
  人: 1,
  万人: 1e4,
  人次: 1,
  万人次: 1e4,
};

/** A value in base units expressed in `unit` (1305000000 元 → 13.05 亿元); unknown units pass through. */
export function fromBase(value: number, unit: string): number {
  const factor = UNIT_FACTORS[unit] ?? 1;
  return clean(value / factor);
}

/** A base-unit value written in `unit`, up to `digits` decimals: '13.05亿元'; null → '—'. */
export function formatQuantity(value: number | null | undefined, unit: string, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const shown = Number(fromBase(value, unit).toFixed(digits));
  return `${shown === 0 ? 0 : shown}${unit}`;
}

/** The units a level may be typed in: 亿元/万元/元 for money, otherwise the display unit. */
export function levelUnits(indicator: IndicatorView): string[] {
  if (indicator.dimension === 'money') return ['亿元', '万元', '元'];
  return indicator.displayUnit === indicator.baseUnit ? [indicator.displayUnit] : [indicator.displayUnit, indicator.baseUnit];
}

/** Chinese labels of the price bases. */
export const PRICE_BASIS_LABELS: Record<'current' | 'comparable', string> = { current: '现价', comparable: '可比价' };

/** Chinese labels of the frequencies. */
export const FREQUENCY_LABELS: Record<IndicatorView['frequency'], string> = {
  monthly_cumulative: '月度累计',
  quarterly: '季度',
  annual: '年度',
};

/** The months an indicator is reported in: every month, quarter ends, or December. */
export function reportingMonths(indicator: IndicatorView | undefined): number[] {
  if (indicator?.frequency === 'quarterly') return [3, 6, 9, 12];
  if (indicator?.frequency === 'annual') return [12];
  return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
}

/** A period 'YYYY-MM' as its year and month, or null when malformed. */
export function parsePeriod(period: string | null | undefined): { year: number; month: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(period ?? '');
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

/** Year and month as a period 'YYYY-MM'. */
export function toPeriod(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A period the way reports name the cumulative months: '2023年1–5月' (or '2023年1月'). */
export function periodLabel(year: number, month: number): string {
  return month === 1 ? `${year}年1月` : `${year}年1–${month}月`;
}

/** The years the pickers offer: next year back to 2019, plus any year already in use. */
export function yearOptions(...extra: (number | null | undefined)[]): { value: number; label: string }[] {
  const now = new Date().getFullYear();
  const years = new Set<number>();
  for (let year = now + 1; year >= 2019; year -= 1) years.add(year);
  for (const year of extra) if (year) years.add(year);
  return [...years].sort((a, b) => b - a).map((year) => ({ value: year, label: `${year}年` }));
}

/** A timestamp in Beijing style: '2023/6/12 09:30:00'. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('zh-CN', { hour12: false });
}
