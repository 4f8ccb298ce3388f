/**
 * The status of indicators for a period: completion, time progress, points ahead or
 * behind, growth against target, colour, rank and the red-yellow-black board. Pure:
 * it works on rows already loaded, so a whole district's table is computed in memory.
 */
import {
  DEFAULT_THRESHOLDS,
  completionRate,
  halfYearCheck,
  isBlackListed,
  pointsAheadOfTime,
  rankWithTies,
  rateAgainstTime,
  rateGrowth,
  timeProgress,
  type Colour,
  type RatingThresholds,
} from './indicator-math.js';
import type { ActualRow, IndicatorRow, TargetRow } from './indicators-repository.js';

/** The computed figures of one indicator in one region and month. */
export interface StatusFigures {
  completion: number | null;
  timeProgress: number;
  aheadPp: number | null;
  growthGapPp: number | null;
  colour: Colour | null;
  halfYear: { passed: boolean } | null;
}

const SEVERITY: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };

/**
 * Figures of one indicator: completion of a level target against time progress
 * (STANDARDS §6–§7), growth against a growth target, and the worse of the two colours.
 */
export function computeFigures(
  indicator: IndicatorRow,
  target: TargetRow | undefined,
  actual: ActualRow | undefined,
  month: number,
  thresholds: RatingThresholds = DEFAULT_THRESHOLDS,
): StatusFigures {
  const progress = timeProgress(month);
  const higher = indicator.direction === 'higher';
  let completion: number | null = null;
  if (higher && indicator.kind === 'level' && target?.level_value != null && actual?.cumulative_value != null) {
    completion = completionRate(actual.cumulative_value, target.level_value);
    // A figure absurdly large against its target rates nothing rather than breaking the page.
    if (completion !== null && !Number.isFinite(completion)) completion = null;
  }
  const aheadPp = completion === null ? null : pointsAheadOfTime(completion, month);
  let growthGapPp: number | null = null;
  let growthColour: Colour | null = null;
  if (target?.growth_rate != null && actual?.yoy_rate != null) {
    // For a "lower is better" indicator (energy per unit of GDP) falling further than the
    // target is good, so both sides are mirrored before rating.
    const actualGrowth = higher ? actual.yoy_rate : -actual.yoy_rate;
    const targetGrowth = higher ? target.growth_rate : -target.growth_rate;
    growthGapPp = (actualGrowth - targetGrowth) * 100;
    growthColour = rateGrowth(actualGrowth, targetGrowth, thresholds);
  }
  const timeColour = aheadPp === null ? null : rateAgainstTime(aheadPp, thresholds);
  const colours = [timeColour, growthColour].filter((c): c is Colour => c !== null);
  const colour = colours.length ? colours.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a)) : null;
  const halfYear = month === 6 && completion !== null ? { passed: halfYearCheck(completion).passed } : null;
  return { completion, timeProgress: progress, aheadPp, growthGapPp, colour, halfYear };
}

/** What towns are ranked by on one indicator: one measure for all of them. */
export type RankingMeasure = 'completion' | 'growth';

/**
 * Chooses the measure for an indicator and period: completion when any town has one (a
 * level target and a figure), else growth. Towns are never ranked on a mix of the two.
 */
export function rankingMeasure(figures: StatusFigures[]): RankingMeasure {
  return figures.some((f) => f.completion !== null) ? 'completion' : 'growth';
}

/** A town's value on the chosen measure, or null (ranked last, without a rank). */
export function rankingValue(measure: RankingMeasure, figures: StatusFigures, actual: ActualRow | undefined): number | null {
  return measure === 'completion' ? figures.completion : (actual?.yoy_rate ?? null);
}

/** Ranks regions for one indicator (ties share a rank; regions without a figure come last). */
export function rankRegions(
  indicator: IndicatorRow,
  values: { regionCode: string; value: number | null }[],
): Map<string, number | null> {
  const ranked = rankWithTies(
    values.map((v) => ({ key: v.regionCode, value: v.value })),
    indicator.direction,
  );
  return new Map(ranked.map((r) => [r.key, r.rank]));
}

/** Everything loaded for one district and year (and the year before, for the board). */
export interface DistrictFigures {
  indicators: IndicatorRow[];
  targets: TargetRow[];
  actuals: ActualRow[];
  thresholds: RatingThresholds;
}

/**
 * The month an indicator's figure for period month `month` comes from: the month itself for
 * monthly indicators, the last quarter end for quarterly ones (1–9月 in October), December
 * for annual ones; null when the year has no such month yet.
 */
export function reportingMonth(frequency: IndicatorRow['frequency'], month: number): number | null {
  if (frequency === 'quarterly') return month >= 3 ? month - (month % 3) : null;
  if (frequency === 'annual') return month === 12 ? 12 : null;
  return month;
}

/** Index of rows by `indicator/region/year[/month]`. */
export class FigureIndex {
  readonly #targets = new Map<string, TargetRow>();
  readonly #actuals = new Map<string, ActualRow>();

  constructor(readonly data: DistrictFigures) {
    for (const t of data.targets) this.#targets.set(`${t.indicator_code}/${t.region_code}/${t.year}`, t);
    for (const a of data.actuals) this.#actuals.set(`${a.indicator_code}/${a.region_code}/${a.year}/${a.month}`, a);
  }

  target(indicator: string, region: string, year: number): TargetRow | undefined {
    return this.#targets.get(`${indicator}/${region}/${year}`);
  }

  actual(indicator: string, region: string, year: number, month: number): ActualRow | undefined {
    return this.#actuals.get(`${indicator}/${region}/${year}/${month}`);
  }

  figures(indicator: IndicatorRow, region: string, year: number, month: number): StatusFigures {
    return computeFigures(
      indicator,
      this.target(indicator.code, region, year),
      this.actual(indicator.code, region, year, month),
      month,
      this.data.thresholds,
    );
  }
}

/** One entry of the red-yellow-black board. */
export interface BoardEntry {
  indicatorCode: string;
  indicatorName: string;
  regionCode: string;
  colour: Colour;
  completion: number | null;
  aheadPp: number | null;
  yoy: number | null;
  growthGapPp: number | null;
  /** Consecutive periods (months) red, ending with this one. */
  redStreak: number;
  blackListed: boolean;
}

/** The reporting period before (year, month): a month, a quarter or a year earlier. */
function previousPeriod(year: number, month: number, frequency: IndicatorRow['frequency']): [number, number] {
  const step = frequency === 'quarterly' ? 3 : frequency === 'annual' ? 12 : 1;
  return month - step >= 1 ? [year, month - step] : [year - 1, month - step + 12];
}

/**
 * The board of a period over `regionCodes`: every red and yellow rating, and the black
 * list (red for two periods in a row, STANDARDS §7).
 */
export function buildBoard(index: FigureIndex, regionCodes: string[], year: number, month: number): { entries: BoardEntry[]; green: number } {
  const entries: BoardEntry[] = [];
  let green = 0;
  for (const indicator of index.data.indicators) {
    const at = reportingMonth(indicator.frequency, month);
    if (at === null) continue;
    for (const region of regionCodes) {
      const figures = index.figures(indicator, region, year, at);
      if (!figures.colour) continue;
      if (figures.colour === 'green') {
        green += 1;
        continue;
      }
      if (!index.actual(indicator.code, region, year, at)) continue;
      const history: (Colour | null)[] = [figures.colour];
      let [y, m] = [year, at];
      for (let i = 0; i < 12; i += 1) {
        [y, m] = previousPeriod(y, m, indicator.frequency);
        if (!index.actual(indicator.code, region, y, m)) break;
        const earlier = index.figures(indicator, region, y, m).colour;
        history.unshift(earlier);
        if (earlier !== 'red') break;
      }
      let redStreak = 0;
      for (let i = history.length - 1; i >= 0 && history[i] === 'red'; i -= 1) redStreak += 1;
      const actual = index.actual(indicator.code, region, year, at);
      entries.push({
        indicatorCode: indicator.code,
        indicatorName: indicator.name,
        regionCode: region,
        colour: figures.colour,
        completion: figures.completion,
        aheadPp: figures.aheadPp,
        yoy: actual?.yoy_rate ?? null,
        growthGapPp: figures.growthGapPp,
        redStreak,
        blackListed: isBlackListed(history),
      });
    }
  }
  return { entries, green };
}
