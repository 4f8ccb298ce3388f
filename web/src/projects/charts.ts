/**
 * ECharts options of the project page: the milestone timeline (a Gantt-like chart of planned
 * against actual dates, drawn as stacked bars on a time-valued axis) and the monthly
 * investment chart (planned against completed, with the cumulative lines).
 */
import type { EChartsCoreOption } from '../charts/echarts';
import type { ProjectDetail } from './api';

const DAY = 86_400_000;

function ms(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function dateText(value: number): string {
  return new Date(value).toISOString().slice(0, 10);
}

/**
 * Each stage is a row with two bars: planned (from the previous stage's planned date to its
 * own) and actual (likewise). The first stage gets a short bar ending at its date. An
 * invisible bar carries each visible one out to its start. The line marks today.
 */
export function milestoneOption(detail: ProjectDetail, today: string): EChartsCoreOption {
  const stages = detail.milestones;
  const labels = stages.map((s) => s.label);
  const segments = (kind: 'plannedDate' | 'actualDate') => {
    let previous: number | null = null;
    return stages.map((s) => {
      const date = s[kind];
      if (!date) return null;
      const end = ms(date);
      const start = previous ?? end - 30 * DAY;
      previous = end;
      return { start, end: Math.max(end, start + 3 * DAY) };
    });
  };
  const planned = segments('plannedDate');
  const actual = segments('actualDate');
  const all = [...planned, ...actual].filter((x): x is { start: number; end: number } => x !== null);
  const min = Math.min(ms(today), ...all.map((x) => x.start)) - 30 * DAY;
  const max = Math.max(ms(today), ...all.map((x) => x.end)) + 30 * DAY;
  const lateColour = (i: number) => {
    const p = stages[i]?.plannedDate;
    const a = stages[i]?.actualDate;
    return p && a && a > p ? '#fa8c16' : '#52c41a';
  };
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const s = stages[params[0]?.dataIndex ?? 0];
        if (!s) return '';
        return `${s.label}<br/>计划:${s.plannedDate ?? '—'}<br/>实际:${s.actualDate ?? '—'}${s.pendingRequestId ? '<br/>(有待审批的节点变更申请)' : ''}`;
      },
    },
    legend: { data: ['计划', '实际'], top: 0 },
    grid: { left: 50, right: 30, top: 30, bottom: 30 },
    xAxis: { type: 'value', min, max, axisLabel: { formatter: (v: number) => dateText(v).slice(0, 7) }, splitNumber: 6 },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [
      { name: 'planned-base', type: 'bar', stack: 'planned', itemStyle: { color: 'transparent' }, data: planned.map((x) => (x ? x.start : '-')), barGap: '10%', silent: true },
      {
        name: '计划',
        type: 'bar',
        stack: 'planned',
        itemStyle: { color: '#91caff' },
        data: planned.map((x) => (x ? x.end - x.start : '-')),
        markLine: { symbol: 'none', label: { formatter: '今天' }, lineStyle: { color: '#f5222d', type: 'dashed' }, data: [{ xAxis: ms(today) }] },
      },
      { name: 'actual-base', type: 'bar', stack: 'actual', itemStyle: { color: 'transparent' }, data: actual.map((x) => (x ? x.start : '-')), silent: true },
      {
        name: '实际',
        type: 'bar',
        stack: 'actual',
        itemStyle: { color: '#52c41a' },
        data: actual.map((x, i) => (x ? { value: x.end - x.start, itemStyle: { color: lateColour(i) } } : '-')),
      },
    ],
  };
}

/** Monthly planned and completed investment (万元) with the cumulative lines on a second axis. */
export function investmentOption(detail: ProjectDetail): EChartsCoreOption {
  const wan = (v: number | null) => (v === null ? '-' : Number((v / 1e4).toFixed(2)));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? `${v}万元` : '—') },
    legend: { data: ['月计划', '月完成', '累计计划', '累计完成'], top: 0 },
    grid: { left: 60, right: 60, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: detail.months.map((m) => `${m.month}月`) },
    yAxis: [
      { type: 'value', name: '当月(万元)' },
      { type: 'value', name: '累计(万元)' },
    ],
    series: [
      { name: '月计划', type: 'bar', data: detail.months.map((m) => wan(m.planned)), itemStyle: { color: '#bae0ff' } },
      { name: '月完成', type: 'bar', data: detail.months.map((m) => wan(m.completed)), itemStyle: { color: '#1677ff' } },
      { name: '累计计划', type: 'line', yAxisIndex: 1, data: detail.months.map((m) => wan(m.cumulativePlanned)), lineStyle: { type: 'dashed' }, itemStyle: { color: '#8c8c8c' } },
      { name: '累计完成', type: 'line', yAxisIndex: 1, data: detail.months.map((m) => wan(m.cumulativeCompleted)), itemStyle: { color: '#fa541c' } },
    ],
  };
}
