/**
 * Unit-safe quantities (STANDARDS.md §6). Work reports mix 元, 万元 and 亿元, 亩 and 平方米,
 * 人 and 万人 on one page; a figure typed in 万元 and added to one in 亿元 is off by 10⁴ and
 * nobody notices until the 成绩单 is printed. So Shuzhi stores every figure in one base unit
 * per dimension and converts only at the edges, through this module.
 *
 * Rules:
 * - Two units convert into each other only when they share a base unit. Every count word
 *   (个, 家, 人, 套 …) is a base of its own: 3 家 enterprises are not 3 人, and no factor
 *   turns one into the other. Only 万人 → 人 (and 万人次 → 人次) convert.
 * - Proportions (%, ‰) are stored as fractions, base unit `ratio` (16.6% is 0.166), the same
 *   convention as the rates of indicator-math.ts. Dimension `percent` holds them.
 * - 百分点 (percentage points, the difference of two percentages) is also dimension `percent`
 *   but its own base: 9.2 百分点 is not 9.2% and must never be converted into it.
 * - Dimension `ratio` holds plain multiples (倍, e.g. 超时倍数 of STANDARDS §5).
 * - Results are kept to 15 significant digits: a double holds 15 decimal digits faithfully, and
 *   dropping the rest removes binary noise, so 1.63 万人 is 16300 人, not 16299.999999999998.
 *
 * All functions are pure.
 */
import { AppError } from '@/shared/errors.js';

/** What a unit measures. Units convert only within a dimension and, inside it, a base. */
export type Dimension = 'money' | 'count' | 'area' | 'volume' | 'length' | 'percent' | 'energy' | 'ratio';

/** One unit: its dimension and how many base units one of it is. */
export interface UnitInfo {
  unit: string;
  dimension: Dimension;
  /** How many base units one of this unit is (1 亿元 = 1e8 元). */
  factor: number;
  /** The unit values are stored in. */
  base: string;
}

/** The unit table as [unit, dimension, factor, base]; read once into {@link UNITS}. */
const UNIT_TABLE: readonly (readonly [string, Dimension, number, string])[] = [
  // Money (STANDARDS §6: 1 亿 = 10,000 万 = 10⁸).
  ['元', 'money', 1, '元'],
  ['万元', 'money', 1e4, '元'],
  ['亿元', 'money', 1e8, '元'],
  // Area. 1 亩 = 10000/15 m² (the legal definition, 1/15 公顷); written as a quotient so the
  // factor is the nearest double to the exact value, not a rounded 666.6667.
  ['平方米', 'area', 1, '平方米'],
  ['万平方米', 'area', 1e4, '平方米'],
  ['亩', 'area', 10000 / 15, '平方米'],
  ['万亩', 'area', 1e8 / 15, '平方米'],
  ['公顷', 'area', 1e4, '平方米'],
  ['平方公里', 'area', 1e6, '平方米'],
  // Volume: 万方 is 10,000 m³ (earthworks, water).
  ['立方米', 'volume', 1, '立方米'],
  ['万方', 'volume', 1e4, '立方米'],
  ['万立方米', 'volume', 1e4, '立方米'],
  // Length.
  ['米', 'length', 1, '米'],
  ['公里', 'length', 1e3, '米'],
  ['千米', 'length', 1e3, '米'],
  // Energy in standard coal equivalent (能耗). Electricity (千瓦时) is deliberately absent: its
  // coal equivalent is a policy coefficient, not a unit conversion.
  ['吨标准煤', 'energy', 1, '吨标准煤'],
  ['万吨标准煤', 'energy', 1e4, '吨标准煤'],
  // Proportions, stored as fractions.
  ['ratio', 'percent', 1, 'ratio'],
  ['%', 'percent', 0.01, 'ratio'],
  ['‰', 'percent', 0.001, 'ratio'],
  // Percentage points: a difference of percentages, never convertible to a percentage.
  ['百分点', 'percent', 1, '百分点'],
  // Plain multiples.
  ['倍', 'ratio', 1, '倍'],
  // Counts: each quantity word is its own base; only the 万 forms convert.
  ['人', 'count', 1, '人'],
  ['万人', 'count', 1e4, '人'],
  ['人次', 'count', 1, '人次'],
  ['万人次', 'count', 1e4, '人次'],
  ...(['个', '家', '套', '所', '处', '件', '户', '场', '批次', '辆', '张', '台', '只', '项', '次', '间', '床', '座'] as const).map(
    (word) => [word, 'count', 1, word] as const,
  ),
];

/** Every known unit by name. Frozen: the table is the domain, not configuration. */
export const UNITS: Readonly<Record<string, Readonly<UnitInfo>>> = Object.freeze(
  Object.fromEntries(
    UNIT_TABLE.map(([unit, dimension, factor, base]) => [unit, Object.freeze({ unit, dimension, factor, base })]),
  ),
);

/**
 * The units a report picks from for each base, largest first, with the smallest value
 * (in base units) at which each is used. Money follows report practice (13.05亿元, 356万元,
 * 8600元); counts, volume and energy switch to the 万 form at 10⁴ like money, so 16300 人
 * reads 1.63万人. Area goes 平方米 → 万平方米 (floor area) → 平方公里 (territory); land is
 * reported in 亩 by convention, which a caller that knows the indicator passes explicitly.
 */
const DISPLAY_LADDERS: Readonly<Record<string, readonly (readonly [unit: string, from: number])[]>> = {
  元: [
    ['亿元', 1e8],
    ['万元', 1e4],
  ],
  平方米: [
    ['平方公里', 1e6],
    ['万平方米', 1e4],
  ],
  立方米: [['万方', 1e4]],
  米: [['公里', 1e3]],
  吨标准煤: [['万吨标准煤', 1e4]],
  人: [['万人', 1e4]],
  人次: [['万人次', 1e4]],
  ratio: [['%', 0]],
};

/** What follows the number when a unit is displayed, where it differs from the unit's name. */
const DISPLAY_SUFFIX: Readonly<Record<string, string>> = { ratio: '', 百分点: '个百分点' };

/** Rounds to 15 significant digits: all a double holds faithfully, and no binary noise. */
function clean(value: number): number {
  if (value === 0) return 0; // also turns −0 into 0
  return Number(value.toPrecision(15));
}

function assertFinite(value: number): void {
  if (!Number.isFinite(value)) {
    throw new AppError('VALIDATION_FAILED', `quantity ${value} is not a finite number`, {
      field: 'value',
      userMessage: '数值必须是有限的数字',
    });
  }
}

/**
 * The facts of a unit.
 * @throws AppError VALIDATION_FAILED (field `unit`) for a unit Shuzhi does not know.
 */
export function unitInfo(unit: string): UnitInfo {
  // Object.hasOwn so that 'toString' and friends are unknown units, not prototype functions.
  const info = Object.hasOwn(UNITS, unit) ? UNITS[unit] : undefined;
  if (info === undefined) {
    throw new AppError('VALIDATION_FAILED', `unknown unit ${JSON.stringify(unit)}`, {
      field: 'unit',
      userMessage: `未知的计量单位「${unit}」`,
    });
  }
  return { ...info };
}

/**
 * A value in `unit` expressed in the unit's base: 13.05 亿元 → 1305000000 (元).
 * Exact for decimal inputs up to 15 significant digits.
 */
export function toBase(value: number, unit: string): number {
  const { factor } = unitInfo(unit);
  assertFinite(value);
  return clean(value * factor);
}

/** A value in base units expressed in `unit`: 1305000000 元 → 13.05 (亿元). */
export function fromBase(value: number, unit: string): number {
  const { factor } = unitInfo(unit);
  assertFinite(value);
  // Divide rather than multiply by 1/factor: dividing by an exact power of ten is correctly
  // rounded, multiplying by its inexact reciprocal is not.
  return clean(value / factor);
}

/**
 * Throws unless values in `a` and `b` may be compared, added or converted: the units must
 * share a base. So this rejects 亿元 vs 人 (different dimensions) and also 家 vs 人 (both
 * counts, but of different things).
 * @throws AppError VALIDATION_FAILED (field `unit`).
 */
export function assertSameDimension(a: string, b: string): void {
  const infoA = unitInfo(a);
  const infoB = unitInfo(b);
  if (infoA.dimension !== infoB.dimension) {
    throw new AppError('VALIDATION_FAILED', `units ${a} (${infoA.dimension}) and ${b} (${infoB.dimension}) differ in dimension`, {
      field: 'unit',
      userMessage: `「${a}」与「${b}」不是同一类计量单位,不能换算或比较`,
    });
  }
  if (infoA.base !== infoB.base) {
    const what = infoA.dimension === 'count' ? '计数单位' : '计量单位';
    throw new AppError('VALIDATION_FAILED', `units ${a} (base ${infoA.base}) and ${b} (base ${infoB.base}) have different bases`, {
      field: 'unit',
      userMessage: `「${a}」与「${b}」是不同的${what},不能换算或比较`,
    });
  }
}

/**
 * A value in `from` expressed in `to`: convert(1.63, '万人', '人') → 16300.
 * @throws AppError VALIDATION_FAILED across dimensions (亿元 → 人) or count words (家 → 人).
 */
export function convert(value: number, from: string, to: string): number {
  assertSameDimension(from, to);
  if (from === to) {
    assertFinite(value);
    return value;
  }
  return fromBase(toBase(value, from), to);
}

/**
 * The unit a report would show a value in, chosen by its magnitude (sign ignored):
 * - 元: ≥ 1e8 → 亿元, ≥ 1e4 → 万元, otherwise 元;
 * - 人 / 人次: ≥ 1e4 → 万人 / 万人次 (16300 人 → 1.63万人), otherwise the base;
 * - 平方米: ≥ 1e6 → 平方公里, ≥ 1e4 → 万平方米; 立方米: ≥ 1e4 → 万方; 米: ≥ 1000 → 公里;
 *   吨标准煤: ≥ 1e4 → 万吨标准煤;
 * - ratio (a fraction) → % always;
 * - every other base (家, 个, 百分点 …) → itself.
 * The thresholds are on the unrounded value: 99,999,999 元 shows as 万元 even though two
 * decimals of it round to 10000万元.
 * @throws AppError VALIDATION_FAILED when `baseUnit` is unknown or not a base unit.
 */
export function bestDisplayUnit(valueInBase: number, baseUnit: string): string {
  const info = unitInfo(baseUnit);
  if (info.base !== baseUnit) {
    throw new AppError('VALIDATION_FAILED', `${baseUnit} is not a base unit (its base is ${info.base})`, {
      field: 'unit',
      userMessage: `「${baseUnit}」不是基本单位,应为「${info.base}」`,
    });
  }
  const magnitude = Math.abs(valueInBase);
  for (const [unit, from] of DISPLAY_LADDERS[baseUnit] ?? []) {
    if (magnitude >= from) return unit;
  }
  return baseUnit;
}

/**
 * Rounds half away from zero at `digits` decimals, on the decimal value the number prints as
 * (so 1.005 → 1.01, where toFixed gives 1.00 because 1.005 is stored as 1.00499…).
 */
function roundDecimal(value: number, digits: number): number {
  const magnitude = Math.abs(value);
  const text = String(magnitude);
  if (text.includes('e')) return Number(value.toFixed(digits)); // tiny or huge: noise is moot
  const rounded = Number(`${Math.round(Number(`${text}e${digits}`))}e-${digits}`);
  return value < 0 ? -rounded : rounded;
}

/**
 * A value for people, in the Chinese report style: the number in `displayUnit`, rounded half
 * away from zero to `digits` decimals (default 2), trailing zeros trimmed, no thousands
 * separators and no space before the unit: '13.05亿元', '1.63万人', '16300人', '16.6%',
 * '9.2个百分点'. A value that rounds to zero prints as '0' without a sign.
 * @throws RangeError when `digits` is not an integer 0–15.
 * @throws AppError VALIDATION_FAILED for an unknown unit or a non-finite value.
 */
export function formatQuantity(valueInBase: number, displayUnit: string, digits = 2): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError(`digits must be an integer 0–15, got ${digits}`);
  }
  const rounded = roundDecimal(fromBase(valueInBase, displayUnit), digits);
  let text = (rounded === 0 ? 0 : rounded).toFixed(digits);
  if (text.includes('.')) text = text.replace(/\.?0+$/, '');
  const suffix = Object.hasOwn(DISPLAY_SUFFIX, displayUnit) ? DISPLAY_SUFFIX[displayUnit] : displayUnit;
  return `${text}${suffix ?? displayUnit}`;
}
