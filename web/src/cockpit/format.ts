/**
 * Number formats, colours and the links from a cockpit figure to the cases behind it.
 */
import { CASE_STATES, FINAL_STATES } from '../../../src/shared/case-vocabulary';
import type { CockpitColour, CockpitMetric } from '../../../src/shared/cockpit-vocabulary';
import type { CockpitRegion } from './api';

/** Traffic-light fills, readable on both the light and the dark theme. */
export const COLOUR_FILL: Record<CockpitColour, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };
/** A region without figures. */
export const NO_DATA_FILL = '#bfbfbf';

/** A rate as a percentage, or —. */
export function pct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** A count with thousands separators. */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('zh-CN');
}

/** A metric value as shown. */
export function metricText(metric: CockpitMetric, value: number | null): string {
  if (value === null) return '—';
  return metric === 'overdue_per_1000' ? value.toFixed(1) : pct(value);
}

const OPEN_STATES = CASE_STATES.filter((s) => !FINAL_STATES.includes(s));

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** What a link to the case list selects. */
export interface CaseLinkFilter {
  /** Received in this month (`YYYY-MM`), or this day (`YYYY-MM-DD`), or from January of a year. */
  month?: string;
  day?: string;
  year?: number;
  open?: boolean;
  /** Open and past the whole case's deadline: what the metrics count as 超期在办. */
  overdue?: boolean;
  /** Open with the running stage past its deadline: what the overdue red list shows. */
  stageOverdue?: boolean;
  status?: string[];
}

/**
 * The case list (工作台, queue 全部) filtered as a figure counts: below the district by the
 * region's subtree (`region`, any level from town to micro-grid), so the list's total is the
 * figure. The district is the whole list.
 */
export function casesLink(region: CockpitRegion, filter: CaseLinkFilter): string {
  const params = new URLSearchParams({ queue: 'all' });
  if (region.level !== 'district') params.set('region', region.code);
  if (filter.day) {
    params.set('from', filter.day);
    params.set('to', filter.day);
  } else if (filter.month) {
    params.set('from', `${filter.month}-01`);
    params.set('to', lastDay(filter.month));
  } else if (filter.year) {
    params.set('from', `${filter.year}-01-01`);
  }
  const status = filter.status ?? (filter.open || filter.overdue || filter.stageOverdue ? OPEN_STATES : undefined);
  if (status) params.set('status', status.join(','));
  if (filter.overdue) params.set('overdue', 'true');
  if (filter.stageOverdue) params.set('sla', 'red');
  return `/events?${params.toString()}`;
}
