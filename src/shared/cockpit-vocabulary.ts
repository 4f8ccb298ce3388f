/**
 * The cockpit's map metrics and their labels. Free of Node.js and browser APIs: the server
 * and the web UI import this same file.
 */

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
