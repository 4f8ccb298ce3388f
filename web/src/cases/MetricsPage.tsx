/**
 * 统计分析: the case metrics of STANDARDS.md §5 for a region and a range of months, cut by
 * region, department, class, channel or month: a table with a totals row and a bar chart of
 * one chosen rate by group.
 */
import { Alert, Card, DatePicker, Flex, Segmented, Select, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { EChart } from '../charts/EChart';
import type { EChartsCoreOption } from '../charts/echarts';
import { formatPercent } from '../indicators/format';
import { RegionPicker } from '../regions/RegionPicker';
import { fetchMetrics } from './api';
import { formatHours } from './format';
import type { CaseMetrics, MetricsGroupBy } from './types';

const GROUP_LABELS: Record<MetricsGroupBy, string> = {
  region: '按区域',
  department: '按部门',
  category: '按分类',
  channel: '按渠道',
  month: '按月份',
};

/** The figures a chart can show: the rates, and the overtime multiple. */
type ChartMetric = 'closureRate' | 'onTimeClosureRate' | 'onTimeHandlingRate' | 'reworkRate' | 'satisfactionRate' | 'overtimeRatio';

const CHART_METRICS: Record<ChartMetric, string> = {
  closureRate: '结案率',
  onTimeClosureRate: '按期结案率',
  onTimeHandlingRate: '按期处置率',
  reworkRate: '返工率',
  satisfactionRate: '满意率',
  overtimeRatio: '超时倍数',
};

/** The multiple of overtime: 1.53 → '1.53倍'. */
function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(2)}倍`;
}

function formatMetric(metric: ChartMetric, value: number | null | undefined): string {
  return metric === 'overtimeRatio' ? formatRatio(value) : formatPercent(value);
}

interface MetricsRow {
  key: string;
  label: string;
  metrics: CaseMetrics;
}

/** One figure of the table. */
interface Figure {
  title: string;
  value: (m: CaseMetrics) => string | number;
  width: number;
  /** Its formula, shown on hover of the header. */
  tip?: string;
}

const FIGURES: readonly Figure[] = [
  { title: '受理', value: (m) => m.received, width: 70 },
  { title: '应结', value: (m) => m.due, width: 70 },
  { title: '已结', value: (m) => m.closed, width: 70 },
  { title: '结案率', value: (m) => formatPercent(m.closureRate), width: 80, tip: '已结 / 应结' },
  { title: '按期结案率', value: (m) => formatPercent(m.onTimeClosureRate), width: 100, tip: '按期结案 / 应结' },
  { title: '按期处置率', value: (m) => formatPercent(m.onTimeHandlingRate), width: 100, tip: '按期处置 / 已处置' },
  { title: '返工率', value: (m) => formatPercent(m.reworkRate), width: 80, tip: '核查后返工 / 已核查' },
  { title: '满意率', value: (m) => formatPercent(m.satisfactionRate), width: 80, tip: '(满意 + 基本满意) / 回访' },
  { title: '超时倍数', value: (m) => formatRatio(m.overtimeRatio), width: 90, tip: '超时事件 用时 / 时限' },
  { title: '平均结案用时', value: (m) => formatHours(m.avgCloseWorkingMinutes), width: 110, tip: '按工作时计' },
  { title: '退回', value: (m) => m.returns, width: 60 },
  { title: '延期', value: (m) => m.extensions, width: 60 },
  { title: '挂账', value: (m) => m.parks, width: 60 },
  { title: '在办', value: (m) => m.open, width: 60 },
  { title: '超时在办', value: (m) => m.overdueOpen, width: 80 },
];

const COLUMNS: TableColumnsType<MetricsRow> = [
  { title: '分组', dataIndex: 'label', key: 'label', width: 150, fixed: 'left' },
  ...FIGURES.map((f) => ({
    title: f.tip ? <Tooltip title={f.tip}>{f.title}</Tooltip> : f.title,
    key: f.title,
    width: f.width,
    align: 'right' as const,
    render: (_: unknown, row: MetricsRow) => f.value(row.metrics),
  })),
];

/** The totals under the table. */
function TotalsRow({ totals }: { totals: CaseMetrics }) {
  return (
    <Table.Summary fixed>
      <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
        <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
        {FIGURES.map((f, index) => (
          <Table.Summary.Cell key={f.title} index={index + 1} align="right">
            {f.value(totals)}
          </Table.Summary.Cell>
        ))}
      </Table.Summary.Row>
    </Table.Summary>
  );
}

/** The bar chart of one figure by group. */
function MetricsChart({ rows, metric }: { rows: MetricsRow[]; metric: ChartMetric }) {
  const option = useMemo<EChartsCoreOption>(() => {
    const ratio = metric === 'overtimeRatio';
    const barLabel = (value: number) => (ratio ? value.toFixed(2) : `${value.toFixed(1)}%`);
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => formatMetric(metric, typeof v === 'number' ? (ratio ? v : v / 100) : null),
      },
      grid: { left: 48, right: 16, top: 24, bottom: 64 },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', max: ratio ? undefined : 100, axisLabel: { formatter: ratio ? '{value}倍' : '{value}%' } },
      series: [
        {
          type: 'bar',
          name: CHART_METRICS[metric],
          barMaxWidth: 36,
          itemStyle: { color: metric === 'reworkRate' || ratio ? '#fa8c16' : '#1677ff' },
          label: {
            show: rows.length <= 16,
            position: 'top',
            formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? barLabel(p.value) : ''),
          },
          data: rows.map((r) => {
            const value = r.metrics[metric];
            if (value === null || value === undefined) return null;
            return ratio ? value : Number((value * 100).toFixed(2));
          }),
        },
      ],
    };
  }, [rows, metric]);
  return <EChart option={option} style={{ height: 340 }} data-testid="metrics-chart" />;
}

/** The first month of this year to this month. */
function defaultRange(): [Dayjs, Dayjs] {
  const now = dayjs();
  return [now.startOf('year'), now.startOf('month')];
}

/** 统计分析. */
export function MetricsPage() {
  const user = useCurrentUser();
  const [region, setRegion] = useState<string>(user.regionCode);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(defaultRange);
  const [groupBy, setGroupBy] = useState<MetricsGroupBy>('region');
  const [metric, setMetric] = useState<ChartMetric>('onTimeClosureRate');
  const from = range[0].format('YYYY-MM');
  const to = range[1].format('YYYY-MM');
  const result = useApi((signal) => fetchMetrics({ region, from, to, groupBy }, signal), [region, from, to, groupBy]);
  const rows: MetricsRow[] = result.data?.groups.map((g) => ({ key: g.key, label: g.label, metrics: g.metrics })) ?? [];
  const totals = result.data?.totals;

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex wrap gap={12} align="center">
          <div style={{ width: 240 }}>
            <RegionPicker value={region} onChange={(code) => setRegion(code || user.regionCode)} placeholder="统计区域" />
          </div>
          <DatePicker.RangePicker
            picker="month"
            value={range}
            allowClear={false}
            onChange={(dates) => dates?.[0] && dates[1] && setRange([dates[0], dates[1]])}
            format="YYYY年M月"
          />
          <Segmented<MetricsGroupBy>
            value={groupBy}
            onChange={setGroupBy}
            options={(Object.keys(GROUP_LABELS) as MetricsGroupBy[]).map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
          />
        </Flex>
      </Card>
      {result.error !== undefined && <Alert type="error" showIcon title={`统计加载失败:${errorMessage(result.error)}`} />}
      <Card
        size="small"
        title={`${CHART_METRICS[metric]}${GROUP_LABELS[groupBy]}对比`}
        extra={
          <Select<ChartMetric>
            value={metric}
            onChange={setMetric}
            options={(Object.keys(CHART_METRICS) as ChartMetric[]).map((m) => ({ value: m, label: CHART_METRICS[m] }))}
            style={{ width: 140 }}
            aria-label="图表指标"
          />
        }
      >
        <MetricsChart rows={rows} metric={metric} />
      </Card>
      <Card size="small" title="指标明细" extra={<Typography.Text type="secondary">按受理月份统计</Typography.Text>}>
        <Table<MetricsRow>
          size="small"
          rowKey="key"
          loading={result.loading}
          dataSource={rows}
          columns={COLUMNS}
          pagination={false}
          scroll={{ x: 1500 }}
          data-testid="metrics-table"
          summary={() => totals && <TotalsRow totals={totals} />}
        />
      </Card>
    </Flex>
  );
}
