/**
 * The ECharts options of an indicator's detail page, as pure functions of the API's answers.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { clean, COLOUR_HEX, COLOUR_LABELS, formatPercent, fromBase, NO_COLOUR_HEX } from './format';
import type { RankingRow, SeriesResponse } from './types';

/** The options these charts use. */
export type IndicatorChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const MONTH_LABELS = MONTHS.map((m) => `${m}月`);

/** A display-unit value rounded for a chart: 4 significant decimals at most. */
function chartValue(valueInBase: number | null | undefined, unit: string): number | null {
  if (valueInBase === null || valueInBase === undefined || !Number.isFinite(valueInBase)) return null;
  return clean(Number(fromBase(valueInBase, unit).toFixed(4)));
}

function percentValue(fraction: number | null | undefined): number | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return null;
  return clean(Number((fraction * 100).toFixed(2)));
}

function withUnit(unit: string) {
  return (value: unknown) => (typeof value === 'number' ? `${clean(Number(value.toFixed(2)))}${unit}` : '—');
}

/**
 * 累计走势: this year's cumulative by month, last year's dashed, the annual level target as a
 * horizontal line and the 序时进度 line (target × n/12) when the target has a level.
 */
export function cumulativeChart(series: SeriesResponse): IndicatorChartOption {
  const unit = series.indicator.displayUnit;
  const byMonth = new Map(series.points.map((p) => [p.month, p]));
  const previous = new Map(series.previousYear.map((p) => [p.month, p.cumulative]));
  const level = series.target?.level ?? null;
  const levelShown = chartValue(level, unit);
  const hasPrevious = series.previousYear.some((p) => p.cumulative !== null);

  const current: LineSeriesOption = {
    name: `${series.year}年累计`,
    type: 'line',
    data: MONTHS.map((m) => chartValue(byMonth.get(m)?.cumulative, unit)),
    connectNulls: true,
    symbolSize: 7,
    lineStyle: { width: 3 },
    itemStyle: { color: '#1677ff' },
    z: 3,
  };
  if (levelShown !== null) {
    current.markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: '#ff4d4f', type: 'solid', width: 1.5 },
      label: { position: 'insideEndTop', formatter: `年度目标 ${series.target?.levelText ?? `${levelShown}${unit}`}` },
      data: [{ yAxis: levelShown, name: '年度目标' }],
    };
  }
  const lines: LineSeriesOption[] = [current];
  if (hasPrevious) {
    lines.push({
      name: `${series.year - 1}年累计`,
      type: 'line',
      data: MONTHS.map((m) => chartValue(previous.get(m), unit)),
      connectNulls: true,
      symbolSize: 5,
      lineStyle: { type: 'dashed', width: 2 },
      itemStyle: { color: '#8c8c8c' },
    });
  }
  if (level !== null) {
    lines.push({
      name: '序时进度',
      type: 'line',
      data: MONTHS.map((m) => chartValue((level * (byMonth.get(m)?.timeProgress ?? m / 12)), unit)),
      symbol: 'none',
      lineStyle: { type: 'dotted', width: 2 },
      itemStyle: { color: '#fa8c16' },
    });
  }
  return {
    tooltip: { trigger: 'axis', valueFormatter: withUnit(unit) },
    legend: { top: 0 },
    grid: { left: 56, right: 32, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: MONTH_LABELS, boundaryGap: false },
    yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'right' } },
    series: lines,
  };
}

/** 完成率与序时进度: both as percentages per reported month. */
export function completionChart(series: SeriesResponse): IndicatorChartOption {
  const points = series.points.filter((p) => p.cumulative !== null || p.completion !== null);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${value}%` : '—') },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: points.map((p) => `${p.month}月`) },
    yAxis: { type: 'value', name: '%', axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: '完成率',
        type: 'bar',
        barMaxWidth: 28,
        data: points.map((p) => ({
          value: percentValue(p.completion),
          itemStyle: { color: p.colour ? COLOUR_HEX[p.colour] : '#1677ff' },
        })),
      },
      {
        name: '序时进度',
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#d9d9d9' },
        data: points.map((p) => percentValue(p.timeProgress)),
      },
    ],
  };
}

/** What the ranking chart measures: completion when any town has it, else growth, else the level. */
export type RankingMetric = 'completion' | 'yoy' | 'cumulative';

/** The measure the ranking chart shows for these rows. */
export function rankingMetric(rows: readonly RankingRow[]): RankingMetric {
  if (rows.some((r) => r.completion !== null)) return 'completion';
  if (rows.some((r) => r.yoy !== null)) return 'yoy';
  return 'cumulative';
}

/** Labels of the ranking measures. */
export const RANKING_METRIC_LABELS: Record<RankingMetric, string> = {
  completion: '完成率',
  yoy: '同比增长',
  cumulative: '累计值',
};

/** The towns ranked for a period, best on top, each bar in its rating's colour. */
export function rankingChart(rows: readonly RankingRow[], unit: string, highlight: string | null): IndicatorChartOption {
  const metric = rankingMetric(rows);
  const sorted = [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const value = (row: RankingRow): number | null =>
    metric === 'completion' ? percentValue(row.completion) : metric === 'yoy' ? percentValue(row.yoy) : chartValue(row.cumulative, unit);
  const suffix = metric === 'cumulative' ? unit : '%';
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const { dataIndex } = params as { dataIndex: number };
        const row = sorted[dataIndex];
        if (!row) return '';
        const lines = [
          `<b>${row.rank !== null ? `第${row.rank}名 ` : ''}${row.regionName}</b>`,
          `累计:${row.cumulativeText ?? '—'}`,
          `同比:${formatPercent(row.yoy)}`,
          `完成率:${formatPercent(row.completion)}`,
          `评价:${row.colour ? COLOUR_LABELS[row.colour] : '—'}`,
        ];
        return lines.join('<br/>');
      },
    },
    grid: { left: 88, right: 72, top: 8, bottom: 24 },
    xAxis: { type: 'value', axisLabel: { formatter: `{value}${suffix}` } },
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => r.regionName) },
    series: [
      {
        name: RANKING_METRIC_LABELS[metric],
        type: 'bar',
        barMaxWidth: 22,
        label: {
          show: true,
          position: 'right',
          formatter: (params) =>
            typeof params.value === 'number' ? `${clean(Number(params.value.toFixed(metric === 'cumulative' ? 2 : 1)))}${suffix}` : '—',
        },
        data: sorted.map((row) => ({
          value: value(row),
          itemStyle: {
            color: row.colour ? COLOUR_HEX[row.colour] : NO_COLOUR_HEX,
            borderColor: row.regionCode === highlight ? '#1677ff' : undefined,
            borderWidth: row.regionCode === highlight ? 2 : 0,
          },
        })),
      },
    ],
  };
}

/** Height of the ranking chart for `count` towns. */
export function rankingHeight(count: number): number {
  return Math.max(160, 36 + count * 32);
}

/** The region code of a clicked ranking bar. */
export function rankingRegionOf(rows: readonly RankingRow[], dataIndex: number): string | null {
  const sorted = [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  return sorted[dataIndex]?.regionCode ?? null;
}
