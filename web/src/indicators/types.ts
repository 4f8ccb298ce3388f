/**
 * The shapes of the 目标指标 endpoints, as the server contract states them. Values are in the
 * indicator's base unit (元, 家 …); rates are fractions (0.166 is 16.6%); `…Pp` values are
 * percentage points as plain numbers (9.2 is 9.2 个百分点).
 */
import type { RegionLevel } from '../api/types';

/** A traffic-light rating (STANDARDS.md §7). */
export type Colour = 'green' | 'yellow' | 'red';

/** An indicator of the catalogue. */
export interface IndicatorView {
  code: string;
  name: string;
  dimension: string;
  baseUnit: string;
  displayUnit: string;
  kind: 'level' | 'growth' | 'ratio';
  priceBasis: 'current' | 'comparable' | null;
  frequency: 'monthly_cumulative' | 'quarterly' | 'annual';
  direction: 'higher' | 'lower';
  ownerDepartmentCode: string | null;
  regionCodes: string[];
  version: number;
}

/** An annual target of one indicator in one region. */
export interface TargetView {
  /** In the base unit. */
  level: number | null;
  /** The level as a report writes it, e.g. '128.5亿元'. */
  levelText: string | null;
  /** A fraction: 0.16 is 16%. */
  growth: number | null;
  qualifier: string | null;
  note: string | null;
  version: number;
}

/** The 1–n月 figure of one indicator, region and month. */
export interface ActualView {
  cumulative: number | null;
  cumulativeText: string | null;
  yoy: number | null;
  prior: number | null;
  priorText: string | null;
  /** The cumulative fell below the previous month's. */
  flagged: boolean;
  confirmed: boolean;
  source: string | null;
  revision: number;
  reportedAt: string;
}

/** A region as the indicator endpoints name it. */
export interface IndicatorRegion {
  code: string;
  name: string;
  level: RegionLevel;
}

/** One row of `GET /api/indicators/status`. */
export interface StatusRow {
  indicator: IndicatorView;
  target: TargetView | null;
  actual: ActualView | null;
  completion: number | null;
  timeProgress: number;
  aheadPp: number | null;
  growthGapPp: number | null;
  colour: Colour | null;
  rank: number | null;
  rankOf: number | null;
  halfYear: { passed: boolean } | null;
  /** The month the figure is of: a quarter end for quarterly indicators (1–9月 in October). */
  reportingMonth: number | null;
}

/** `GET /api/indicators/status`. */
export interface StatusResponse {
  region: IndicatorRegion;
  period: string | null;
  year: number | null;
  month: number | null;
  timeProgress: number | null;
  latestPeriod: string | null;
  rows: StatusRow[];
}

/** One month of `GET /api/indicators/:code/series`. */
export interface SeriesPoint {
  month: number;
  cumulative: number | null;
  cumulativeText: string | null;
  yoy: number | null;
  completion: number | null;
  timeProgress: number;
  aheadPp: number | null;
  colour: Colour | null;
  flagged: boolean;
}

/** `GET /api/indicators/:code/series`. */
export interface SeriesResponse {
  indicator: IndicatorView;
  region: IndicatorRegion;
  year: number;
  target: TargetView | null;
  points: SeriesPoint[];
  previousYear: { month: number; cumulative: number | null }[];
}

/** One town of `GET /api/indicators/:code/ranking`. */
export interface RankingRow {
  regionCode: string;
  regionName: string;
  cumulative: number | null;
  cumulativeText: string | null;
  yoy: number | null;
  completion: number | null;
  aheadPp: number | null;
  colour: Colour | null;
  rank: number | null;
}

/** `GET /api/indicators/:code/ranking`. */
export interface RankingResponse {
  indicator: IndicatorView;
  period: string;
  rankOf: number;
  rows: RankingRow[];
}

/** One entry of the red, yellow or black list. */
export interface BoardEntry {
  indicatorCode: string;
  indicatorName: string;
  regionCode: string;
  regionName: string;
  colour: Colour;
  completion: number | null;
  aheadPp: number | null;
  yoy: number | null;
  growthGapPp: number | null;
  redStreak: number;
}

/** The rating thresholds in force, in percentage points. */
export interface BoardThresholds {
  yellowBehindPp: number;
  redBehindPp: number;
  growthYellowBelowPp: number;
  growthRedBelowPp: number;
}

/** `GET /api/indicators/board`. */
export interface BoardResponse {
  period: string;
  thresholds: BoardThresholds;
  green: number;
  red: BoardEntry[];
  yellow: BoardEntry[];
  black: BoardEntry[];
}

/** The check that the towns' targets add up to the district's. */
export interface TargetCheck {
  kind: 'sum' | 'weighted_growth';
  districtValue: number | null;
  townsValue: number | null;
  difference: number | null;
  consistent: boolean;
  text: string;
}

/** A region's target in `GET /api/indicators/targets`. */
export interface RegionTarget {
  regionCode: string;
  regionName: string;
  target: TargetView | null;
}

/** One indicator of `GET /api/indicators/targets`. */
export interface TargetItem {
  indicator: IndicatorView;
  district: RegionTarget;
  towns: RegionTarget[];
  check: TargetCheck | null;
}

/** `GET /api/indicators/targets`. */
export interface TargetsResponse {
  year: number;
  items: TargetItem[];
}

/** A value with the unit it was typed in. */
export interface QuantityInput {
  value: number;
  unit: string;
}

/** Body of `PUT /api/indicators/targets`. */
export interface TargetInput {
  indicatorCode: string;
  regionCode: string;
  year: number;
  level?: QuantityInput | null;
  growth?: number | null;
  qualifier?: string | null;
  note?: string | null;
  version?: number;
}

/** Body of `POST /api/indicators/actuals`. */
export interface ActualInput {
  indicatorCode: string;
  regionCode: string;
  year: number;
  month: number;
  cumulative?: QuantityInput;
  yoy?: number;
  prior?: QuantityInput;
  source?: string;
}

/** A warning the server attaches to an accepted figure (e.g. CUMULATIVE_DECREASE). */
export interface ActualWarning {
  code: string;
  message: string;
}

/** `POST /api/indicators/actuals`. */
export interface ActualResult {
  actual: ActualView | null;
  warnings: ActualWarning[];
}

/** Which figure `POST /api/indicators/actuals/confirm` confirms. */
export interface ActualKey {
  indicatorCode: string;
  regionCode: string;
  year: number;
  month: number;
}

/** One revision of a month's figure. */
export interface ActualRevision {
  revision: number;
  cumulative: number | null;
  cumulativeText: string | null;
  yoy: number | null;
  prior: number | null;
  source: string | null;
  reportedAt: string;
  reportedBy: string | null;
}

/** One cell of an import the server rejected or warned about. */
export interface ImportIssue {
  row: number;
  column: string;
  cell: string;
  message: string;
}

/** `POST /api/indicators/import`. */
export interface ImportResult {
  accepted: number;
  unchanged: number;
  rejected: ImportIssue[];
  warnings: ImportIssue[];
}
