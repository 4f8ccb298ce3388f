/**
 * The cockpit's map metrics, their labels, and the shapes of its answers that the web UI
 * reads. Free of Node.js and browser APIs: the server and the web UI import this same file.
 */
import type { CaseMetrics } from './case-metrics-view.js';
import type { RegionLevel } from './region-levels.js';

/** The metrics a cockpit map can be coloured by. */
export const COCKPIT_METRICS = ['overdue_per_1000', 'on_time_closure_rate', 'indicator_completion'] as const;

/** A map metric. */
export type CockpitMetric = (typeof COCKPIT_METRICS)[number];

/** Chinese labels of the metrics. */
export const COCKPIT_METRIC_LABELS: Record<CockpitMetric, string> = {
  overdue_per_1000: '千件超期数',
  on_time_closure_rate: '按期结案率',
  indicator_completion: '指标完成度',
};

/** What each metric means, shown under the map. */
export const COCKPIT_METRIC_NOTES: Record<CockpitMetric, string> = {
  overdue_per_1000: '本年受理事件中超期(在办超期与超期结案)的件数,每千件受理计(区域尚无户数数据)',
  on_time_closure_rate: '本年按期结案数 ÷ 应结案数',
  indicator_completion: '最新报告期各目标指标完成率的平均值(仅区县与镇街有指标)',
};

/** Traffic-light colours. */
export type CockpitColour = 'green' | 'yellow' | 'red';

/** A region as the cockpit names it. */
export interface CockpitRegion {
  code: string;
  name: string;
  level: RegionLevel;
}

/** One child region on the map. */
export interface CockpitChild extends CockpitRegion {
  value: number | null;
  colour: CockpitColour | null;
  received: number;
  open: number;
  overdueOpen: number;
  onTimeClosureRate: number | null;
  indicatorCompletion: number | null;
}

/** One indicator of the key-figures panel. */
export interface CockpitIndicator {
  code: string;
  name: string;
  actualText: string | null;
  targetText: string | null;
  completion: number | null;
  colour: CockpitColour | null;
}

/** One month of the cockpit's 12-month trend (months without cases at zero). */
export interface CockpitTrendPoint {
  month: string;
  received: number;
  closed: number;
  onTimeClosureRate: number | null;
  satisfactionRate: number | null;
}

/** The cockpit of one region (`GET /api/cockpit`). */
export interface Cockpit {
  region: CockpitRegion;
  /** From the actor's own scope root down to the region's parent (the breadcrumb). */
  chain: CockpitRegion[];
  /** The level of the children drawn on the map, or null for a micro-grid. */
  childLevel: RegionLevel | null;
  today: string;
  month: string;
  year: number;
  metric: CockpitMetric;
  cases: { receivedToday: number; month: CaseMetrics; year: CaseMetrics };
  indicators: { period: string | null; timeProgress: number | null; rows: CockpitIndicator[] } | null;
  children: CockpitChild[];
  redList: CockpitChild[];
  trend: CockpitTrendPoint[];
  /** The district's audit head read before the figures: `/api/cockpit/live?since=` catches what came after. */
  seq: number;
}

/** The public status of a report: its state, never a reporter, phone, address or description. */
export interface PublicReportView {
  number: string;
  status: 'open' | 'closed';
  statusLabel: string;
  serviceName: string | null;
  statusNotes: string | null;
  agency: string | null;
  requestedAt: string | null;
  updatedAt: string | null;
  expectedAt: string | null;
}
