/**
 * The cockpit's pure rules: the value of a map metric for a region, its traffic-light
 * colour, and the red list (the worst child regions). No I/O.
 */
import type { CaseMetrics } from '@/shared/case-metrics-view.js';
import type { CockpitColour, CockpitMetric } from '@/shared/cockpit-vocabulary.js';

/** Whether a larger value of the metric is better. */
export const HIGHER_IS_BETTER: Record<CockpitMetric, boolean> = {
  overdue_per_1000: false,
  on_time_closure_rate: true,
  indicator_completion: true,
};

/**
 * Overdue cases per 1,000 cases received. Regions carry no household counts, so the
 * denominator is the region's own case volume: overdue open cases plus cases closed late.
 */
export function overduePerThousand(m: Pick<CaseMetrics, 'received' | 'overdueOpen' | 'overdueClosed'>): number | null {
  if (m.received <= 0) return null;
  return ((m.overdueOpen + m.overdueClosed) / m.received) * 1000;
}

/** The value of `metric` for a region (null when it has no denominator or no figures). */
export function metricValue(metric: CockpitMetric, cases: CaseMetrics | null, indicatorCompletion: number | null): number | null {
  switch (metric) {
    case 'overdue_per_1000':
      return cases ? overduePerThousand(cases) : null;
    case 'on_time_closure_rate':
      return cases?.onTimeClosureRate ?? null;
    case 'indicator_completion':
      return indicatorCompletion;
  }
}

/**
 * The colour of a value. Closure rates follow the usual 90 % / 80 % assessment lines;
 * overdue per thousand is green up to 20 and yellow up to 50; indicator completion is
 * compared with time progress (green when at or ahead of it, yellow within 10 points).
 */
export function colourOf(metric: CockpitMetric, value: number | null, timeProgress = 1): CockpitColour | null {
  if (value === null || !Number.isFinite(value)) return null;
  switch (metric) {
    case 'overdue_per_1000':
      return value <= 20 ? 'green' : value <= 50 ? 'yellow' : 'red';
    case 'on_time_closure_rate':
      return value >= 0.9 ? 'green' : value >= 0.8 ? 'yellow' : 'red';
    case 'indicator_completion':
      return value >= timeProgress ? 'green' : value >= timeProgress - 0.1 ? 'yellow' : 'red';
  }
}

/** The mean completion of a region's indicators that have one (null when none has). */
export function meanCompletion(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/** The `limit` worst regions by `metric` that are coloured red or yellow, worst first. */
export function redList<T extends { code: string; value: number | null; colour: CockpitColour | null }>(
  metric: CockpitMetric,
  rows: readonly T[],
  limit = 5,
): T[] {
  const sign = HIGHER_IS_BETTER[metric] ? 1 : -1;
  return rows
    .filter((r) => r.value !== null && (r.colour === 'red' || r.colour === 'yellow'))
    .sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.code.localeCompare(b.code))
    .slice(0, limit);
}

/** The `YYYY-MM` month and `YYYY-MM-DD` day of an instant in China Standard Time. */
export function chinaCalendar(now: Date): { year: number; month: string; day: string } {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  const year = cst.getUTCFullYear();
  const month = `${year}-${String(cst.getUTCMonth() + 1).padStart(2, '0')}`;
  return { year, month, day: `${month}-${String(cst.getUTCDate()).padStart(2, '0')}` };
}

/** The month `count - 1` months before `month` (both `YYYY-MM`). */
export function monthsBack(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - (count - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
