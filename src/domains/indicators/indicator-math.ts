/**
 * The formulas of targets and indicators (目标指标): growth rates as the National Bureau of
 * Statistics defines them (STANDARDS.md §6) and the traffic-light ratings (STANDARDS.md §7).
 *
 * Conventions, everywhere in this module:
 * - Rates are FRACTIONS: 16.6% is 0.166, −10.2% is −0.102.
 * - Percentage points (百分点, pp) are plain numbers: +9.2 pp is 9.2.
 * - Functions are pure: no I/O, no clock. A caller passes the month; nothing here reads "now".
 * - Values that are differences in pp are snapped to 1e-9 pp before they are compared with a
 *   threshold. Without it, 40% done at the end of June is (0.4 − 0.5) × 100 =
 *   −9.999999999999998 pp and would miss the yellow light by binary noise; no real figure is
 *   reported to a billionth of a point, so the snap changes no genuine rating.
 */

/** Differences in pp are rounded to this many decimals before comparison (see above). */
const PP_DECIMALS = 9;
const PP_SCALE = 10 ** PP_DECIMALS;

/** Rounds a value in pp to 1e-9 pp, removing binary noise; turns −0 into 0. */
function snapPp(pp: number): number {
  const snapped = Math.round(pp * PP_SCALE) / PP_SCALE;
  return snapped === 0 ? 0 : snapped;
}

function requireFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

/** A growth rate can be chained only when 1 + g > 0: a level cannot fall by 100% or more. */
function requireChainableRate(rate: number, name: string): void {
  requireFinite(rate, name);
  if (rate <= -1) throw new RangeError(`${name} must be above −100%, got ${rate}`);
}

// ---------------------------------------------------------------------------------------------
// Growth (STANDARDS §6)
// ---------------------------------------------------------------------------------------------

/**
 * 同比增长: X_t / X_{t−1} − 1, comparing the same months of two years (累计 1–n月 with 1–n月).
 * Null when the prior value is zero, negative or not finite (growth from a loss or from
 * nothing has no meaning; reports say "扭亏" or "新增" instead), or when the current value is
 * not finite. A negative current value over a positive prior gives a rate below −100%, which is
 * arithmetic truth (a profit turned into a loss); {@link validateGrowthRate} rejects it as input.
 */
export function yoyGrowth(current: number, prior: number): number | null {
  if (!Number.isFinite(current) || !Number.isFinite(prior) || prior <= 0) return null;
  return current / prior - 1;
}

/**
 * Average growth over n periods, geometric as the NBS computes it: (Π(1+g_i))^(1/n) − 1.
 * An arithmetic mean would overstate it: +18.3% then −6.8% averages 5.0%, not 5.75%.
 * Computed as expm1(mean(log1p(g))), which is the same value without the product under- or
 * overflowing on long series, and accurate for small rates.
 * @throws RangeError for an empty list, or a rate that is not finite or is ≤ −100%.
 */
export function averageGrowth(rates: readonly number[]): number {
  if (rates.length === 0) throw new RangeError('averageGrowth needs at least one rate');
  let sumOfLogs = 0;
  for (const [i, rate] of rates.entries()) {
    requireChainableRate(rate, `rates[${i}]`);
    sumOfLogs += Math.log1p(rate);
  }
  return Math.expm1(sumOfLogs / rates.length);
}

/**
 * 两年平均增长: √((1+g_{t−1})(1+g_t)) − 1 (= √(X_t / X_{t−2}) − 1). The NBS published it in
 * 2021 so that growth over the 2020 slump could be read. Worked example (STANDARDS §6):
 * 18.3% then −6.8% → 5.0%.
 * @throws RangeError when a rate is not finite or is ≤ −100%.
 */
export function twoYearAverageGrowth(previous: number, current: number): number {
  return averageGrowth([previous, current]);
}

/**
 * Average annual growth between two levels n years apart: (X_t / X_{t−n})^(1/n) − 1.
 * Only for levels of the same price basis: growth of GDP and 规上工业增加值 is reported at
 * comparable prices and must be taken as reported, never recomputed from current-price levels
 * (STANDARDS §6).
 * Null when the base level is ≤ 0, the current level is negative, or either is not finite.
 * @throws RangeError when `years` is not a positive integer.
 */
export function averageGrowthFromLevels(current: number, base: number, years: number): number | null {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`years must be a positive integer, got ${years}`);
  if (!Number.isFinite(current) || !Number.isFinite(base) || base <= 0 || current < 0) return null;
  return Math.pow(current / base, 1 / years) - 1;
}

/**
 * The growth of the previous year implied by a reported two-year average and this year's
 * growth: (1+avg)² / (1+g_t) − 1. Reports of 2021 often give only those two; this recovers
 * the 2020 figure. Worked example (seed 003, 规上工业增加值 1–5月 2021): +16.6% with a two-year
 * average of +2.3% → 1.023² / 1.166 − 1 = −10.2%.
 * @throws RangeError when a rate is not finite or is ≤ −100%.
 */
export function impliedPriorGrowth(twoYearAverage: number, current: number): number {
  requireChainableRate(twoYearAverage, 'twoYearAverage');
  requireChainableRate(current, 'current');
  return ((1 + twoYearAverage) * (1 + twoYearAverage)) / (1 + current) - 1;
}

/**
 * Growth over consecutive periods compounded: Π(1+g_i) − 1 (e.g. growth since 2019 from each
 * year's rate). An empty list is no time at all, so no growth: 0.
 * @throws RangeError when a rate is not finite or is ≤ −100%.
 */
export function cumulativeGrowth(rates: readonly number[]): number {
  let product = 1;
  for (const [i, rate] of rates.entries()) {
    requireChainableRate(rate, `rates[${i}]`);
    product *= 1 + rate;
  }
  return product - 1;
}

// ---------------------------------------------------------------------------------------------
// Progress against the year (STANDARDS §6)
// ---------------------------------------------------------------------------------------------

/**
 * Completion of the annual target: actual / target (a fraction; above 1 when exceeded).
 * Null when the target is ≤ 0 (a target of nothing, or a target to reduce something, has no
 * completion rate) or either value is not finite.
 */
export function completionRate(actual: number, target: number): number | null {
  if (!Number.isFinite(actual) || !Number.isFinite(target) || target <= 0) return null;
  return actual / target;
}

/**
 * 序时进度 after month n: n/12 (months, not days: reports count whole months, 1–5月 is 5/12).
 * @throws RangeError when `month` is not an integer 1–12.
 */
export function timeProgress(month: number): number {
  const problem = validateMonth(month);
  if (problem !== null) throw new RangeError(problem);
  return month / 12;
}

/**
 * 超序时进度 in percentage points: (completion − n/12) × 100; negative when behind.
 * Worked example (STANDARDS §6): 50.9% after May → 50.9 − 41.7 = +9.2 pp (9.2333… exactly;
 * the report rounds to one decimal). Snapped to 1e-9 pp, see the module comment.
 * @throws RangeError when `completion` is not finite or `month` is not an integer 1–12.
 */
export function pointsAheadOfTime(completion: number, month: number): number {
  requireFinite(completion, 'completion');
  return snapPp((completion - timeProgress(month)) * 100);
}

/**
 * 双过半 at the end of June: time is half gone (6/12, true by definition at that point, kept
 * so a report can show both halves) and the task is at least half done (completion ≥ 50%,
 * exactly 50% passes, 49.99% fails). Judged through {@link pointsAheadOfTime} so that a
 * completion of 0.5 computed with binary noise still passes.
 * @throws RangeError when `completionAtJune` is not finite.
 */
export function halfYearCheck(completionAtJune: number): { timePastHalf: boolean; taskPastHalf: boolean; passed: boolean } {
  const timePastHalf = timeProgress(6) >= 0.5;
  const taskPastHalf = pointsAheadOfTime(completionAtJune, 6) >= 0;
  return { timePastHalf, taskPastHalf, passed: timePastHalf && taskPastHalf };
}

// ---------------------------------------------------------------------------------------------
// Ranking and ratings (STANDARDS §7)
// ---------------------------------------------------------------------------------------------

/** Whether a larger value is better (investment, revenue) or a smaller one (energy per GDP). */
export type Direction = 'higher' | 'lower';

/** One unit to rank; `value` null when it has no figure for the period. */
export interface RankInput {
  key: string;
  value: number | null;
}

/** A ranked unit; `rank` null for a unit without a (finite) value. */
export interface RankedItem {
  key: string;
  value: number | null;
  rank: number | null;
}

/** Compares keys by code unit, not locale, so the order is the same on every machine. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks units best first with standard competition ranking ("1224"): equal values share a
 * rank and the next rank skips, so the fourth unit is 4th however many tie above it. For
 * 'higher' the largest value is 1st, for 'lower' the smallest. Equal values are listed by key
 * (then by input order), so the output does not depend on the order of the input.
 * Units without a value (null, or not a finite number) come last, by key, with rank null:
 * a missing figure is neither best nor worst. Values are compared exactly; round them first
 * if the ranking should follow the rounded figures a report prints.
 */
export function rankWithTies(items: readonly RankInput[], direction: Direction): RankedItem[] {
  const sign = direction === 'higher' ? -1 : 1;
  const indexed = items.map((item, index) => ({ item, index, rankable: item.value !== null && Number.isFinite(item.value) }));
  indexed.sort((a, b) => {
    if (a.rankable !== b.rankable) return a.rankable ? -1 : 1;
    if (a.rankable && b.rankable) {
      const byValue = sign * ((a.item.value as number) - (b.item.value as number));
      if (byValue !== 0) return byValue;
    }
    return compareKeys(a.item.key, b.item.key) || a.index - b.index;
  });
  const ranked: RankedItem[] = [];
  let previous: RankedItem | undefined;
  for (const [position, { item, rankable }] of indexed.entries()) {
    let rank: number | null = null;
    if (rankable) rank = previous !== undefined && previous.value === item.value ? previous.rank : position + 1;
    const entry: RankedItem = { key: item.key, value: item.value, rank };
    ranked.push(entry);
    previous = entry;
  }
  return ranked;
}

/** A traffic light. */
export type Colour = 'green' | 'yellow' | 'red';

/** The thresholds of the lights (STANDARDS §7, configurable per district), all in pp ≥ 0. */
export interface RatingThresholds {
  /** Behind time progress by at least this many pp is yellow (default 10). */
  yellowBehindPp: number;
  /** Behind time progress by more than this many pp is red (default 30). */
  redBehindPp: number;
  /** Growth below target by more than this many pp is no longer green (default 0). */
  growthYellowBelowPp: number;
  /** Growth below target by more than this many pp is red (default 5). */
  growthRedBelowPp: number;
}

/** The defaults of STANDARDS §7. */
export const DEFAULT_THRESHOLDS: Readonly<RatingThresholds> = Object.freeze({
  yellowBehindPp: 10,
  redBehindPp: 30,
  growthYellowBelowPp: 0,
  growthRedBelowPp: 5,
});

/** Fills in defaults and rejects thresholds that cannot make a consistent light. */
function resolveThresholds(t: Partial<RatingThresholds> | undefined): RatingThresholds {
  const resolved: RatingThresholds = { ...DEFAULT_THRESHOLDS, ...t };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`threshold ${name} must be a finite number ≥ 0, got ${value}`);
  }
  if (resolved.yellowBehindPp > resolved.redBehindPp) throw new RangeError('yellowBehindPp must not exceed redBehindPp');
  if (resolved.growthYellowBelowPp > resolved.growthRedBelowPp) throw new RangeError('growthYellowBelowPp must not exceed growthRedBelowPp');
  return resolved;
}

/**
 * The light of an indicator or a project's investment against time progress (STANDARDS §7),
 * from {@link pointsAheadOfTime}. With behind = −aheadPp:
 * - green: on or ahead, or behind by less than yellowBehindPp (9.99 pp behind is green);
 * - yellow: behind by yellowBehindPp up to and including redBehindPp (exactly 10 and exactly
 *   30 pp behind are both yellow; the table's "10–30 pp behind" is read inclusively);
 * - red: behind by more than redBehindPp (30.01 pp behind).
 * `t` may be partial; missing thresholds take {@link DEFAULT_THRESHOLDS}.
 * @throws RangeError when `aheadPp` is not finite or the thresholds are inconsistent.
 */
export function rateAgainstTime(aheadPp: number, t?: Partial<RatingThresholds>): Colour {
  requireFinite(aheadPp, 'aheadPp');
  const { yellowBehindPp, redBehindPp } = resolveThresholds(t);
  const behind = snapPp(-aheadPp);
  if (behind > redBehindPp) return 'red';
  if (behind >= yellowBehindPp) return 'yellow';
  return 'green';
}

/**
 * The light of a growth rate against its target growth rate (both fractions). The gap in pp is
 * (actual − target) × 100:
 * - green when gap ≥ −growthYellowBelowPp (by default: on or above target);
 * - red when gap < −growthRedBelowPp (by default: more than 5 pp below);
 * - yellow between (by default: below target by more than 0 and at most 5 pp; exactly 5 pp
 *   below is yellow).
 * `t` may be partial; missing thresholds take {@link DEFAULT_THRESHOLDS}.
 * @throws RangeError when a rate is not finite or the thresholds are inconsistent.
 */
export function rateGrowth(actualGrowth: number, targetGrowth: number, t?: Partial<RatingThresholds>): Colour {
  requireFinite(actualGrowth, 'actualGrowth');
  requireFinite(targetGrowth, 'targetGrowth');
  const { growthYellowBelowPp, growthRedBelowPp } = resolveThresholds(t);
  const gapPp = snapPp((actualGrowth - targetGrowth) * 100);
  if (gapPp >= -growthYellowBelowPp) return 'green';
  if (gapPp < -growthRedBelowPp) return 'red';
  return 'yellow';
}

/**
 * The black list (黑榜) of STANDARDS §7: a unit red in the last two periods in a row.
 * `history` runs oldest → newest; null is a period without a rating (no figure), which breaks
 * the run: the rule punishes two reds in a row, not two reds with a gap. Fewer than two
 * periods never black-lists. The other route onto the list, overdue after a red supervision
 * notice, belongs to supervision items, not to this function.
 */
export function isBlackListed(history: readonly (Colour | null)[]): boolean {
  return history.length >= 2 && history.at(-1) === 'red' && history.at(-2) === 'red';
}

// ---------------------------------------------------------------------------------------------
// Input validation
// ---------------------------------------------------------------------------------------------

/** The largest growth rate accepted as input: +10,000% (a fraction of 100). */
export const MAX_GROWTH_RATE = 100;

/**
 * Why a reported growth rate (a fraction) cannot be right, in Chinese; null when it is fine.
 * Accepted: above −100% (a level cannot fall by all of itself and still be reported as a
 * rate) up to and including +10,000% (beyond that it is almost surely a level typed into the
 * rate field, or a percentage typed as a fraction ×100). So −1 is rejected, 100 accepted.
 */
export function validateGrowthRate(rate: number): string | null {
  if (!Number.isFinite(rate)) return '增长率必须是有限的数字';
  if (rate <= -1) return '增长率必须高于 -100%';
  if (rate > MAX_GROWTH_RATE) return '增长率不能超过 10000%,请检查是否把百分数或总量填成了增长率';
  return null;
}

/** Why a month cannot be right, in Chinese; null for an integer 1–12. */
export function validateMonth(month: number): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return `月份必须是 1–12 的整数,收到 ${month}`;
  return null;
}
