/**
 * One region's cockpit: key figures with links to the cases behind them, the indicators with
 * their colours, the map of the child regions coloured by a metric (click to drill down, the
 * breadcrumb to go back up), the trend, and the red lists. Shared by the desktop page and the
 * big screen (`variant`), refreshed live when cases change.
 */
import { Alert, Breadcrumb, Card, Col, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { EChart } from '../charts/EChart';
import type { EChartsCoreOption } from '../charts/echarts';
import { LEVEL_LABELS } from '../../../src/shared/region-levels';
import { COCKPIT_METRIC_LABELS, COCKPIT_METRIC_NOTES, COCKPIT_METRICS, type CockpitColour, type CockpitMetric } from '../../../src/shared/cockpit-vocabulary';
import { arrivedCockpit, fetchCockpit, fetchOverdue, prefetchCockpit, type Cockpit, type CockpitChild, type OverdueCase } from './api';
import { CockpitMap } from './CockpitMap';
import { ProgrammesRow, SCREEN_PROGRAMMES_BODY_PX } from './ProgrammesRow';
import { casesLink, COLOUR_FILL, count, metricText, pct } from './format';
import { useLiveUpdates } from './useLiveUpdates';

const COLOUR_LABEL: Record<CockpitColour, string> = { green: '绿', yellow: '黄', red: '红' };
/** Rows of the wall's tables: the wall never scrolls, so each table has a fixed room. */
const SCREEN_ROWS = { indicators: 5, redList: 4, overdue: 3 };
/** The programme row's whole height on the wall: its gap, the cards' title bar and body. */
const SCREEN_PROGRAMMES_ROW_PX = 12 + 44 + SCREEN_PROGRAMMES_BODY_PX;

/** Props of {@link CockpitView}. */
export interface CockpitViewProps {
  /** The region; the user's own when undefined. */
  code: string | undefined;
  metric: CockpitMetric;
  onMetric: (metric: CockpitMetric) => void;
  /** Opens another region's cockpit (drill down or back up). */
  onOpen: (code: string | undefined) => void;
  variant: 'desktop' | 'screen';
  /** Extra buttons in the title bar (big screen, print). */
  extra?: ReactNode;
}

interface Kpi {
  key: string;
  label: string;
  value: string;
  to?: string;
  tone?: CockpitColour;
}

function kpisOf(c: Cockpit): Kpi[] {
  const m = c.cases.month;
  const rate = (v: number | null, good: number, fair: number): CockpitColour | undefined => (v === null ? undefined : v >= good ? 'green' : v >= fair ? 'yellow' : 'red');
  return [
    { key: 'today', label: '今日新增', value: count(c.cases.receivedToday), to: casesLink(c.region, { day: c.today }) },
    { key: 'month', label: '本月受理', value: count(m.received), to: casesLink(c.region, { month: c.month }) },
    { key: 'open', label: '本月在办', value: count(m.open), to: casesLink(c.region, { month: c.month, open: true }) },
    { key: 'overdue', label: '本月超期在办', value: count(m.overdueOpen), to: casesLink(c.region, { month: c.month, overdue: true }), tone: m.overdueOpen > 0 ? 'red' : 'green' },
    { key: 'closure', label: '本月结案率', value: pct(m.closureRate), to: casesLink(c.region, { month: c.month, status: ['closed', 'visited'] }), tone: rate(m.closureRate, 0.9, 0.8) },
    { key: 'ontime', label: '按期结案率', value: pct(m.onTimeClosureRate), to: casesLink(c.region, { month: c.month, status: ['closed', 'visited'] }), tone: rate(m.onTimeClosureRate, 0.9, 0.8) },
    { key: 'satisfaction', label: '满意率', value: pct(m.satisfactionRate), to: casesLink(c.region, { month: c.month, status: ['visited'] }), tone: rate(m.satisfactionRate, 0.9, 0.8) },
  ];
}

function trendOption(c: Cockpit, dark: boolean): EChartsCoreOption {
  const text = dark ? '#d6e4ff' : '#595959';
  return {
    // Bars growing in for a second repaint the page at every frame, a drill-down's too.
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { textStyle: { color: text }, top: 0 },
    grid: { left: 48, right: 48, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: c.trend.map((p) => p.month.slice(2)), axisLabel: { color: text } },
    yAxis: [
      { type: 'value', name: '件', axisLabel: { color: text }, splitLine: { lineStyle: { color: dark ? '#1d2b4f' : '#f0f0f0' } } },
      { type: 'value', name: '%', min: 0, max: 100, axisLabel: { color: text }, splitLine: { show: false } },
    ],
    series: [
      { name: '受理', type: 'bar', data: c.trend.map((p) => p.received), itemStyle: { color: '#4096ff' } },
      { name: '结案', type: 'bar', data: c.trend.map((p) => p.closed), itemStyle: { color: '#73d13d' } },
      { name: '按期结案率', type: 'line', yAxisIndex: 1, data: c.trend.map((p) => (p.onTimeClosureRate === null ? null : +(p.onTimeClosureRate * 100).toFixed(1))), itemStyle: { color: '#ffc53d' } },
      { name: '满意率', type: 'line', yAxisIndex: 1, data: c.trend.map((p) => (p.satisfactionRate === null ? null : +(p.satisfactionRate * 100).toFixed(1))), itemStyle: { color: '#ff7875' } },
    ],
  };
}

/** The red list first, then the other children (each once: rows are keyed by code). */
function rankedChildren(c: Cockpit): CockpitChild[] {
  const listed = new Set(c.redList.map((r) => r.code));
  return [...c.redList, ...c.children.filter((x) => !listed.has(x.code))];
}

function ColourTag({ colour }: { colour: CockpitColour | null }) {
  if (!colour) return <Tag>—</Tag>;
  return (
    <Tag color={COLOUR_FILL[colour]} data-colour={colour}>
      {COLOUR_LABEL[colour]}
    </Tag>
  );
}

/** The wall's dark cards; one object, so the memoised sections below see the same props. */
const SCREEN_CARD_STYLE: CSSProperties = { background: 'rgba(9, 30, 66, 0.85)', borderColor: '#1d3d7a' };

// The screen is cut into memoised sections: a drill-down or a reload changes the view's own
// state several times (the route, each read's loading flag, the figures, the overdue list),
// and each section redraws only when its own inputs change, not at every one of these steps.

const KpiRow = memo(function KpiRow({ c, screen }: { c: Cockpit; screen: boolean }) {
  const cardStyle = screen ? SCREEN_CARD_STYLE : undefined;
  return (
    <Row gutter={[12, 12]} data-testid="cockpit-kpis">
      {kpisOf(c).map((k) => (
        <Col key={k.key} flex="1 1 0">
          <Card size="small" style={cardStyle} styles={{ body: { padding: screen ? '8px 16px' : '10px 14px' } }}>
            <div style={{ fontSize: screen ? 16 : 13, opacity: 0.75 }}>{k.label}</div>
            <Link to={k.to ?? '#'} data-testid={`kpi-${k.key}`} style={{ fontSize: screen ? 32 : 26, fontWeight: 600, color: k.tone ? COLOUR_FILL[k.tone] : undefined }}>
              {k.value}
            </Link>
          </Card>
        </Col>
      ))}
    </Row>
  );
});

interface MapCardProps {
  c: Cockpit;
  metric: CockpitMetric;
  screen: boolean;
  onMetric: (metric: CockpitMetric) => void;
  onOpen: (code: string | undefined) => void;
}

const MapCard = memo(function MapCard({ c, metric, screen, onMetric, onOpen }: MapCardProps) {
  // The wall never scrolls: the map takes what the figures, the trend, the programme row and
  // the titles leave (the programme row's cards have a fixed body height on the wall).
  const mapHeight = screen ? `calc(var(--wall-h, 100vh) - ${500 + SCREEN_PROGRAMMES_ROW_PX}px)` : 460;
  return (
    <Card
      size="small"
      style={screen ? SCREEN_CARD_STYLE : undefined}
      title={`下级区域 · ${COCKPIT_METRIC_LABELS[metric]}(本年)`}
      extra={
        <Segmented
          className="no-print"
          size="small"
          value={metric}
          onChange={(v) => onMetric(v as CockpitMetric)}
          options={COCKPIT_METRICS.map((m) => ({ value: m, label: COCKPIT_METRIC_LABELS[m] }))}
          data-testid="cockpit-metric"
        />
      }
    >
      <CockpitMap regionCode={c.region.code} childLevel={c.childLevel} items={c.children} metric={metric} height={mapHeight} dark={screen} onDrill={onOpen} />
      {!screen && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{COCKPIT_METRIC_NOTES[metric]}。点击区域下钻。</Typography.Text>}
    </Card>
  );
});

const IndicatorsCard = memo(function IndicatorsCard({ indicators, screen }: { indicators: NonNullable<Cockpit['indicators']>; screen: boolean }) {
  return (
    <Card size="small" style={screen ? SCREEN_CARD_STYLE : undefined} title={`目标指标 ${indicators.period ?? ''}`} data-testid="cockpit-indicators">
      <Table
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={indicators.rows.filter((r) => r.completion !== null || r.actualText !== null).slice(0, screen ? SCREEN_ROWS.indicators : 8)}
        locale={{ emptyText: '本期尚无指标数据' }}
        columns={[
          { title: '指标', dataIndex: 'name', ellipsis: true },
          { title: '完成', dataIndex: 'actualText', align: 'right' },
          { title: '目标', dataIndex: 'targetText', align: 'right' },
          { title: '完成率', dataIndex: 'completion', align: 'right', render: (v: number | null) => pct(v) },
          { title: '灯', dataIndex: 'colour', width: 56, render: (v: CockpitColour | null) => <ColourTag colour={v} /> },
        ]}
      />
    </Card>
  );
});

interface ChildrenCardProps {
  c: Cockpit;
  metric: CockpitMetric;
  screen: boolean;
  onOpen: (code: string | undefined) => void;
}

const ChildrenCard = memo(function ChildrenCard({ c, metric, screen, onOpen }: ChildrenCardProps) {
  const childColumns = [
    {
      title: LEVEL_LABELS[c.childLevel ?? 'town'],
      dataIndex: 'name',
      render: (name: string, row: CockpitChild) => (
        <a
          onClick={() => {
            prefetchCockpit(row.code, metric);
            onOpen(row.code);
          }}
          data-testid="cockpit-child"
          data-code={row.code}
        >
          {name}
        </a>
      ),
    },
    { title: COCKPIT_METRIC_LABELS[metric], dataIndex: 'value', align: 'right' as const, render: (v: number | null) => metricText(metric, v) },
    { title: '灯', dataIndex: 'colour', width: 56, render: (v: CockpitColour | null) => <ColourTag colour={v} /> },
    { title: '超期在办', dataIndex: 'overdueOpen', align: 'right' as const, render: (v: number, row: CockpitChild) => <Link to={casesLink(row, { year: c.year, overdue: true })}>{count(v)}</Link> },
  ];
  return (
    <Card size="small" style={screen ? SCREEN_CARD_STYLE : undefined} title={`${LEVEL_LABELS[c.childLevel ?? 'town']}排行 · 红黄榜`} data-testid="cockpit-children">
      <Table
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={screen ? c.redList.slice(0, SCREEN_ROWS.redList) : rankedChildren(c)}
        locale={{ emptyText: '没有红黄灯区域' }}
        columns={childColumns}
        scroll={screen ? undefined : { y: 260 }}
      />
    </Card>
  );
});

/** False until the browser has painted once after the first render (then true for good). */
function usePaintedOnce(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    // A hidden page paints nothing; draw anyway.
    const fallback = setTimeout(() => setPainted(true), 200);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, []);
  return painted;
}

const TrendCard = memo(function TrendCard({ c, screen }: { c: Cockpit; screen: boolean }) {
  const trend = useMemo(() => trendOption(c, screen), [c, screen]);
  // The chart is drawn after the key figures and the map are on screen, not before them.
  const painted = usePaintedOnce();
  const height = screen ? 170 : 260;
  return (
    <Card size="small" style={screen ? SCREEN_CARD_STYLE : undefined} title="近 12 个月趋势">
      {painted ? <EChart option={trend} style={{ height }} data-testid="cockpit-trend" /> : <div style={{ height }} />}
    </Card>
  );
});

interface OverdueCardProps {
  region: Cockpit['region'];
  data: { total: number; totalCapped: boolean; items: OverdueCase[] } | undefined;
  loading: boolean;
  screen: boolean;
}

const OVERDUE_COLUMNS = [
  { title: '编号', dataIndex: 'id', width: 90, render: (id: number) => <Link to={`/events/${id}`}>{id}</Link> },
  { title: '问题', dataIndex: 'description', ellipsis: true },
  { title: '位置', render: (_: unknown, r: { regionName: string | null; townName: string | null }) => r.regionName ?? r.townName ?? '—', ellipsis: true },
  { title: '责任单位', dataIndex: 'departmentName', ellipsis: true, render: (v: string | null) => v ?? '—' },
];

const OverdueCard = memo(function OverdueCard({ region, data, loading, screen }: OverdueCardProps) {
  return (
    <Card
      size="small"
      style={screen ? SCREEN_CARD_STYLE : undefined}
      title={`超期红榜(在办 ${count(data?.total)}${data?.totalCapped ? '+' : ''} 件)`}
      extra={<Link to={casesLink(region, { stageOverdue: true })}>全部</Link>}
      data-testid="cockpit-overdue"
    >
      <Table size="small" pagination={false} rowKey="id" loading={loading && !data} dataSource={data?.items ?? []} locale={{ emptyText: '没有超期事件' }} columns={OVERDUE_COLUMNS} />
    </Card>
  );
});

const MemoProgrammesRow = memo(ProgrammesRow);

/** A callback that keeps one identity while always calling the latest `fn` (memoised sections take it). */
function useStableCallback<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

/** The cockpit of one region. */
export function CockpitView({ code, metric, onMetric, onOpen, variant, extra }: CockpitViewProps) {
  const screen = variant === 'screen';
  // Figures read early (the entry's read of the opened address) draw in the first render.
  const cockpit = useApi((signal) => fetchCockpit(code, metric, signal), [code, metric], () => arrivedCockpit(code, metric));
  const overdue = useApi((signal) => fetchOverdue(code, screen ? SCREEN_ROWS.overdue : 8, signal), [code, screen]);
  const reloadCockpit = cockpit.reload;
  const reloadOverdue = overdue.reload;
  const [refreshes, setRefreshes] = useState(0);
  const refresh = useCallback(() => {
    reloadCockpit();
    reloadOverdue();
    setRefreshes((n) => n + 1);
  }, [reloadCockpit, reloadOverdue]);
  const open = useStableCallback(onOpen);
  const chooseMetric = useStableCallback(onMetric);
  const c = cockpit.data;
  // The stream starts from the figures of this region only, not those still shown from the last one.
  const live = useLiveUpdates(code, c && (code === undefined || c.region.code === code) ? c.seq : undefined, refresh);

  // The wall also refreshes on a clock, for figures that move without a case changing (time).
  useEffect(() => {
    if (!screen) return;
    const timer = setInterval(refresh, 60_000);
    return () => clearInterval(timer);
  }, [screen, refresh]);

  useEffect(() => {
    if (c) performance.mark(`cockpit-ready:${c.region.code}:${c.metric}`);
  }, [c]);

  if (cockpit.error && !c) return <Alert type="error" showIcon message="驾驶舱加载失败" description={errorMessage(cockpit.error)} data-testid="cockpit-error" />;
  if (!c) return <div data-testid="cockpit-loading" style={{ padding: 48, textAlign: 'center' }}>加载中…</div>;

  const breadcrumb = (
    <Breadcrumb
      data-testid="cockpit-breadcrumb"
      items={[
        ...c.chain.map((r) => ({ key: r.code, title: <a onClick={() => open(r.code)} data-code={r.code}>{r.name}</a> })),
        { key: c.region.code, title: <b>{c.region.name}</b> },
      ]}
    />
  );

  return (
    <div data-testid="cockpit" data-region-code={c.region.code} data-level={c.region.level} data-metric={c.metric} data-received-today={c.cases.receivedToday} className={screen ? 'cockpit-screen' : 'cockpit-desktop'}>
      <Row justify="space-between" align="middle" style={{ marginBottom: 12 }} wrap={false}>
        <Space size="large" align="center">
          <Typography.Title level={screen ? 2 : 4} style={{ margin: 0 }}>
            {c.region.name}
            <Typography.Text type="secondary" style={{ fontSize: screen ? 18 : 14, marginLeft: 8 }}>
              {LEVEL_LABELS[c.region.level]}驾驶舱 · {c.today}
            </Typography.Text>
          </Typography.Title>
          {c.chain.length > 0 && breadcrumb}
        </Space>
        <Space className="no-print">
          <Tag color={live.connected ? 'green' : 'default'} data-testid="cockpit-live" data-connected={live.connected}>
            {live.connected ? '实时' : '连接中'}
            {live.lastChange ? ` · ${live.lastChange.toLocaleTimeString('zh-CN')}更新` : ''}
          </Tag>
          {extra}
        </Space>
      </Row>

      <KpiRow c={c} screen={screen} />

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col span={screen ? 13 : 14}>
          <MapCard c={c} metric={metric} screen={screen} onMetric={chooseMetric} onOpen={open} />
        </Col>
        <Col span={screen ? 11 : 10}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            {c.indicators && <IndicatorsCard indicators={c.indicators} screen={screen} />}
            <ChildrenCard c={c} metric={metric} screen={screen} onOpen={open} />
          </Space>
        </Col>
      </Row>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col span={screen ? 13 : 14}>
          <TrendCard c={c} screen={screen} />
        </Col>
        <Col span={screen ? 11 : 10}>
          <OverdueCard region={c.region} data={overdue.data} loading={overdue.loading} screen={screen} />
        </Col>
      </Row>
      <MemoProgrammesRow code={c.region.code} reloadKey={refreshes} screen={screen} cardStyle={screen ? SCREEN_CARD_STYLE : undefined} />
    </div>
  );
}
