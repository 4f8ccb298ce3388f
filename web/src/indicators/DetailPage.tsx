import { ArrowLeftOutlined, CheckOutlined, HistoryOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Empty, Flex, Row, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { EChart } from '../charts/EChart';
import { confirmActual, fetchActualHistory, fetchRanking, fetchSeries } from './api';
import {
  completionChart,
  cumulativeChart,
  RANKING_METRIC_LABELS,
  rankingChart,
  rankingHeight,
  rankingMetric,
  rankingRegionOf,
} from './charts';
import {
  canEditIndicators,
  formatPercent,
  formatQuantity,
  formatTarget,
  formatTime,
  FREQUENCY_LABELS,
  periodLabel,
  PRICE_BASIS_LABELS,
  reportingMonths,
  toPeriod,
} from './format';
import { IndicatorRegionSelect } from './IndicatorRegionSelect';
import type { ActualRevision, IndicatorView, SeriesPoint } from './types';
import { useLatestPeriod } from './useLatestPeriod';
import { ColourTag, FlagIcon, PpText, RateText, YearPicker } from './widgets';

function positiveInt(text: string | null): number | null {
  const value = Number(text);
  return text && Number.isInteger(value) && value > 0 ? value : null;
}

function pointColumns(
  direction: IndicatorView['direction'],
  onHistory: (month: number) => void,
  onConfirm: ((month: number) => void) | null,
): TableColumnsType<SeriesPoint> {
  return [
    { title: '月份', dataIndex: 'month', width: 80, render: (m: number) => (m === 1 ? '1月' : `1–${m}月`) },
    {
      title: '累计值',
      key: 'cumulative',
      align: 'right',
      render: (_, p) =>
        p.cumulativeText ? (
          <span>
            {p.cumulativeText}
            <FlagIcon flagged={p.flagged} />
          </span>
        ) : (
          '—'
        ),
    },
    { title: '同比增长', key: 'yoy', align: 'right', render: (_, p) => <RateText value={p.yoy} direction={direction} /> },
    { title: '完成率', key: 'completion', align: 'right', render: (_, p) => formatPercent(p.completion) },
    { title: '序时进度', key: 'timeProgress', align: 'right', render: (_, p) => formatPercent(p.timeProgress) },
    { title: '超/落后序时(pp)', key: 'aheadPp', align: 'right', render: (_, p) => <PpText value={p.aheadPp} /> },
    { title: '评价', key: 'colour', align: 'center', width: 70, render: (_, p) => <ColourTag colour={p.colour} /> },
    {
      title: '操作',
      key: 'actions',
      render: (_, p) => (
        <Flex gap={0}>
          {onConfirm && p.flagged && (
            <Button
              type="link"
              size="small"
              icon={<CheckOutlined />}
              onClick={(event) => {
                event.stopPropagation();
                onConfirm(p.month);
              }}
            >
              确认
            </Button>
          )}
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            disabled={p.cumulative === null && p.yoy === null}
            onClick={(event) => {
              event.stopPropagation();
              onHistory(p.month);
            }}
          >
            修订记录
          </Button>
        </Flex>
      ),
    },
  ];
}

function historyColumns(indicator: IndicatorView): TableColumnsType<ActualRevision> {
  return [
    { title: '版本', dataIndex: 'revision', width: 64, align: 'center' },
    {
      title: '累计值',
      key: 'cumulative',
      align: 'right',
      render: (_, r) => r.cumulativeText ?? formatQuantity(r.cumulative, indicator.displayUnit),
    },
    { title: '同比', key: 'yoy', align: 'right', render: (_, r) => <RateText value={r.yoy} direction={indicator.direction} /> },
    { title: '上年同期', key: 'prior', align: 'right', render: (_, r) => formatQuantity(r.prior, indicator.displayUnit) },
    { title: '来源', dataIndex: 'source', render: (s: string | null) => s || '—' },
    { title: '填报人', dataIndex: 'reportedBy', render: (s: string | null) => s || '—' },
    { title: '填报时间', dataIndex: 'reportedAt', width: 170, render: (t: string) => formatTime(t) },
  ];
}

/** The revisions of one month's figure, newest first, in a drawer. */
function HistoryDrawer({
  indicator,
  region,
  regionName,
  year,
  month,
  onClose,
}: {
  indicator: IndicatorView;
  region: string;
  regionName: string;
  year: number;
  month: number | null;
  onClose: () => void;
}) {
  const history = useApi(
    (signal) =>
      month === null ? null : fetchActualHistory({ indicatorCode: indicator.code, regionCode: region, year, month }, signal),
    [indicator.code, region, year, month],
  );
  const columns = useMemo(() => historyColumns(indicator), [indicator]);
  const rows = useMemo(() => [...(history.data ?? [])].sort((a, b) => b.revision - a.revision), [history.data]);
  return (
    <Drawer
      open={month !== null}
      onClose={onClose}
      size={860}
      title={month !== null ? `修订记录 · ${indicator.name} · ${regionName} · ${periodLabel(year, month)}` : ''}
      data-testid="history-drawer"
    >
      {history.error !== undefined && (
        <Alert type="error" showIcon title={`修订记录加载失败:${errorMessage(history.error)}`} style={{ marginBottom: 16 }} />
      )}
      <Table<ActualRevision>
        rowKey="revision"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={history.loading}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无修订记录" /> }}
      />
    </Drawer>
  );
}

/** The towns ranked for the selected period. */
function RankingCard({
  code,
  unit,
  year,
  month,
  months,
  region,
  onMonth,
  onRegion,
}: {
  code: string;
  unit: string;
  year: number;
  month: number;
  months: number[];
  region: string;
  onMonth: (month: number) => void;
  onRegion: (region: string) => void;
}) {
  const ranking = useApi((signal) => fetchRanking(code, toPeriod(year, month), signal), [code, year, month]);
  const rows = ranking.data?.rows ?? [];
  const option = useMemo(() => rankingChart(rows, unit, region), [rows, unit, region]);
  return (
    <Card
      size="small"
      title={`镇街排名 · ${periodLabel(year, month)}${rows.length > 0 ? ` · 按${RANKING_METRIC_LABELS[rankingMetric(rows)]}` : ''}`}
      extra={
        <Select<number>
          aria-label="排名月份"
          size="small"
          value={month}
          onChange={onMonth}
          style={{ width: 96 }}
          options={months.map((m) => ({ value: m, label: m === 1 ? '1月' : `1–${m}月` }))}
        />
      }
    >
      {ranking.error !== undefined ? (
        <Alert type="error" showIcon title={`排名加载失败:${errorMessage(ranking.error)}`} />
      ) : ranking.loading && !ranking.data ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description="该期暂无镇街数据" />
      ) : (
        <>
          {ranking.data && ranking.data.rankOf > rows.length && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              共 {ranking.data.rankOf} 个镇街参与排名,此处仅显示您有权查看的镇街。
            </Typography.Paragraph>
          )}
          <EChart
            option={option}
            style={{ height: rankingHeight(rows.length) }}
            onClick={(event) => {
              const target = rankingRegionOf(rows, event.dataIndex);
              if (target) onRegion(target);
            }}
            data-testid="ranking-chart"
          />
        </>
      )}
    </Card>
  );
}

/** 指标详情: one indicator in one region and year — trend, completion, town ranking, months. */
export function DetailPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? user.regionCode;
  const yearParam = positiveInt(params.get('year'));
  const monthParam = positiveInt(params.get('month'));
  const latest = useLatestPeriod(region, yearParam !== null);
  const year = yearParam ?? (latest.latest === undefined ? null : (latest.latest?.year ?? new Date().getFullYear()));
  const [historyMonth, setHistoryMonth] = useState<number | null>(null);

  const series = useApi((signal) => (year === null ? null : fetchSeries(code, region, year, signal)), [code, region, year]);
  const data = series.data;

  const update = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value === null) merged.delete(key);
      else merged.set(key, value);
    }
    setParams(merged, { replace: true });
  };

  const lastReported = data ? [...data.points].reverse().find((p) => p.cumulative !== null || p.yoy !== null)?.month : undefined;
  const months = data ? reportingMonths(data.indicator) : [];
  const month =
    monthParam && monthParam <= 12
      ? monthParam
      : (lastReported ?? (latest.latest && latest.latest.year === year ? latest.latest.month : (months[months.length - 1] ?? 12)));

  const lineOption = useMemo(() => (data ? cumulativeChart(data) : null), [data]);
  const barOption = useMemo(() => (data ? completionChart(data) : null), [data]);
  const { message } = App.useApp();
  const editor = canEditIndicators(user.role);
  const confirmMonth = async (m: number) => {
    if (year === null) return;
    try {
      await confirmActual({ indicatorCode: code, regionCode: region, year, month: m });
      message.success(`已确认 ${periodLabel(year, m)} 累计值`);
      series.reload();
    } catch (caught) {
      message.error(`确认失败:${errorMessage(caught)}`);
    }
  };
  const confirmRef = useRef(confirmMonth);
  useLayoutEffect(() => {
    confirmRef.current = confirmMonth;
  });
  const direction = data?.indicator.direction ?? 'higher';
  const columns = useMemo(
    () => pointColumns(direction, setHistoryMonth, editor ? (m) => void confirmRef.current(m) : null),
    [direction, editor],
  );
  const reportedPoints = useMemo(
    () => (data?.points ?? []).filter((p) => p.cumulative !== null || p.yoy !== null || p.completion !== null),
    [data],
  );
  const hasCompletion = data?.points.some((p) => p.completion !== null) ?? false;

  const back = () => {
    const query = new URLSearchParams({ region });
    if (year) query.set('period', toPeriod(year, month));
    navigate(`/indicators?${query.toString()}`);
  };

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex align="center" gap={12} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回指标总览" />
            <span>{data?.indicator.name ?? code}</span>
            {data && <Typography.Text type="secondary">{data.indicator.code}</Typography.Text>}
            {data?.region && <Tag color="blue">{data.region.name}</Tag>}
          </Flex>
        }
        extra={
          <Flex gap={8} align="center">
            <IndicatorRegionSelect value={region} onChange={(next) => next && update({ region: next })} style={{ width: 240 }} />
            {year !== null && <YearPicker value={year} onChange={(next) => update({ year: String(next), month: null })} />}
            <Button icon={<ReloadOutlined />} onClick={series.reload}>
              刷新
            </Button>
          </Flex>
        }
      >
        {series.error !== undefined || latest.error !== undefined ? (
          <Alert type="error" showIcon title={`指标加载失败:${errorMessage(series.error ?? latest.error)}`} />
        ) : !data ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={[
              { key: 'target', label: `${data.year}年目标`, children: formatTarget(data.target) },
              { key: 'unit', label: '单位', children: data.indicator.displayUnit },
              {
                key: 'basis',
                label: '口径',
                children: [
                  FREQUENCY_LABELS[data.indicator.frequency],
                  data.indicator.priceBasis ? `增速按${PRICE_BASIS_LABELS[data.indicator.priceBasis]}` : null,
                  data.indicator.direction === 'lower' ? '越低越好' : null,
                ]
                  .filter(Boolean)
                  .join(' · '),
              },
              { key: 'note', label: '目标说明', children: data.target?.note || '—' },
            ]}
          />
        )}
      </Card>

      {data && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card size="small" title="累计走势">
                {reportedPoints.length === 0 && !data.previousYear.some((p) => p.cumulative !== null) ? (
                  <Empty description={`${data.year}年暂无填报数据`} />
                ) : (
                  lineOption && (
                    <EChart
                      option={lineOption}
                      style={{ height: 340 }}
                      onClick={(event) => update({ month: String(event.dataIndex + 1) })}
                      data-testid="cumulative-chart"
                    />
                  )
                )}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title="完成率与序时进度">
                {!hasCompletion ? (
                  <Empty description={data.target?.level == null ? '未设置总量目标,无法计算完成率' : '暂无完成率数据'} />
                ) : (
                  barOption && <EChart option={barOption} style={{ height: 340 }} data-testid="completion-chart" />
                )}
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <RankingCard
                code={data.indicator.code}
                unit={data.indicator.displayUnit}
                year={data.year}
                month={month}
                months={months}
                region={region}
                onMonth={(m) => update({ month: String(m) })}
                onRegion={(next) => update({ region: next })}
              />
            </Col>
            <Col xs={24} xl={14}>
              <Card size="small" title="逐月数据" extra={<Typography.Text type="secondary">点击行查看修订记录</Typography.Text>}>
                <Table<SeriesPoint>
                  rowKey="month"
                  size="small"
                  columns={columns}
                  dataSource={reportedPoints}
                  pagination={false}
                  rowClassName={(p) => (p.month === month ? 'ant-table-row-selected' : '')}
                  scroll={{ x: 'max-content' }}
                  onRow={(p) => ({ style: { cursor: 'pointer' }, onClick: () => setHistoryMonth(p.month) })}
                  locale={{ emptyText: <Empty description="暂无填报数据" /> }}
                />
              </Card>
            </Col>
          </Row>
          <HistoryDrawer
            indicator={data.indicator}
            region={region}
            regionName={data.region.name}
            year={data.year}
            month={historyMonth}
            onClose={() => setHistoryMonth(null)}
          />
        </>
      )}
    </Flex>
  );
}
