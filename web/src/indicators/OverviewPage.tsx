import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { fetchStatus } from './api';
import { formatPercent, formatTarget, parsePeriod, periodLabel, PRICE_BASIS_LABELS, toPeriod } from './format';
import { IndicatorRegionSelect } from './IndicatorRegionSelect';
import type { StatusRow } from './types';
import { ColourTag, FlagIcon, PeriodPicker, PpText, RateText } from './widgets';

function TargetCell({ row }: { row: StatusRow }) {
  const text = formatTarget(row.target);
  if (!row.target?.note) return <span>{text}</span>;
  return (
    <Tooltip title={row.target.note}>
      <span style={{ borderBottom: '1px dashed #bfbfbf' }}>{text}</span>
    </Tooltip>
  );
}

/** 双过半 of a row: the server's verdict, else completion ≥ 50% (time progress is then 50%). */
function halfYearPassed(row: StatusRow): boolean | null {
  if (row.halfYear) return row.halfYear.passed;
  return row.completion === null ? null : row.completion >= 0.5;
}

function HalfYearCell({ row }: { row: StatusRow }) {
  const passed = halfYearPassed(row);
  if (passed === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return passed ? (
    <Tag icon={<CheckCircleFilled />} color="success" style={{ marginInlineEnd: 0 }}>
      已过半
    </Tag>
  ) : (
    <Tag icon={<CloseCircleFilled />} color="error" style={{ marginInlineEnd: 0 }}>
      未过半
    </Tag>
  );
}

function buildColumns(month: number | null): TableColumnsType<StatusRow> {
  const cumulativeTitle = month ? (month === 1 ? '1月累计' : `1–${month}月累计`) : '累计';
  const columns: TableColumnsType<StatusRow> = [
    {
      title: '指标',
      key: 'name',
      fixed: 'left',
      width: 170,
      render: (_, row) => (
        <Flex vertical>
          <Typography.Link>{row.indicator.name}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.indicator.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '单位', key: 'unit', width: 60, render: (_, row) => row.indicator.displayUnit },
    { title: '年度目标', key: 'target', width: 170, render: (_, row) => <TargetCell row={row} /> },
    {
      title: cumulativeTitle,
      key: 'cumulative',
      width: 120,
      align: 'right',
      render: (_, row) =>
        row.actual?.cumulativeText ? (
          <span>
            {row.actual.cumulativeText}
            {row.reportingMonth !== null && row.reportingMonth !== month ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {` (1–${row.reportingMonth}月)`}
              </Typography.Text>
            ) : null}
            <FlagIcon flagged={row.actual.flagged} confirmed={row.actual.confirmed} />
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '同比增长',
      key: 'yoy',
      width: 90,
      align: 'right',
      render: (_, row) => {
        const basis = row.indicator.priceBasis;
        const value = <RateText value={row.actual?.yoy} direction={row.indicator.direction} />;
        return basis && row.actual?.yoy !== null && row.actual?.yoy !== undefined ? (
          <Tooltip title={`按${PRICE_BASIS_LABELS[basis]}计算`}>{value}</Tooltip>
        ) : (
          value
        );
      },
    },
    {
      title: '完成率',
      key: 'completion',
      width: 90,
      align: 'right',
      render: (_, row) => formatPercent(row.completion),
      sorter: (a, b) => (a.completion ?? -Infinity) - (b.completion ?? -Infinity),
    },
    { title: '序时进度', key: 'timeProgress', width: 84, align: 'right', render: (_, row) => formatPercent(row.timeProgress) },
    {
      title: <Tooltip title="完成率 − 序时进度,单位:百分点">超/落后序时(pp)</Tooltip>,
      key: 'aheadPp',
      width: 120,
      align: 'right',
      sorter: (a, b) => (a.aheadPp ?? -Infinity) - (b.aheadPp ?? -Infinity),
      render: (_, row) => <PpText value={row.aheadPp} />,
    },
    {
      title: <Tooltip title="同比增速 − 目标增速,单位:百分点">增速差(pp)</Tooltip>,
      key: 'growthGapPp',
      width: 100,
      align: 'right',
      render: (_, row) => <PpText value={row.growthGapPp} />,
    },
    {
      title: '排名',
      key: 'rank',
      width: 64,
      align: 'center',
      render: (_, row) => (row.rank !== null && row.rankOf !== null ? `${row.rank}/${row.rankOf}` : '—'),
    },
  ];
  if (month === 6) {
    columns.push({ title: '双过半', key: 'halfYear', width: 96, align: 'center', render: (_, row) => <HalfYearCell row={row} /> });
  }
  columns.push({
    title: '评价',
    key: 'colour',
    width: 64,
    align: 'center',
    filters: [
      { text: '绿', value: 'green' },
      { text: '黄', value: 'yellow' },
      { text: '红', value: 'red' },
    ],
    onFilter: (value, row) => row.colour === value,
    render: (_, row) => <ColourTag colour={row.colour} />,
  });
  return columns;
}

/** 指标总览: every indicator of a region for one period, with its target, progress and rating. */
export function OverviewPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? user.regionCode;
  const requested = params.get('period');

  const status = useApi((signal) => fetchStatus(region, requested, signal), [region, requested]);
  const data = status.data;
  const shown = parsePeriod(data?.period ?? requested);
  const latest = parsePeriod(data?.latestPeriod);
  const columns = useMemo(() => buildColumns(shown?.month ?? null), [shown?.month]);

  const update = (next: { region?: string; period?: string }) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) merged.set(key, value);
    setParams(merged, { replace: true });
  };

  const halfYear = data?.month === 6 ? data.rows.filter((r) => halfYearPassed(r) !== null) : [];
  const halfPassed = halfYear.filter((r) => halfYearPassed(r)).length;

  return (
    <Card
      title={
        <Flex align="center" gap={12} wrap>
          <span>指标总览</span>
          {data?.region && <Tag color="blue">{data.region.name}</Tag>}
          {shown && <Typography.Text type="secondary">{periodLabel(shown.year, shown.month)}</Typography.Text>}
        </Flex>
      }
      extra={
        <Flex gap={8} align="center">
          <IndicatorRegionSelect value={region} onChange={(code) => code && update({ region: code })} style={{ width: 240 }} />
          <PeriodPicker
            year={shown?.year ?? null}
            month={shown?.month ?? null}
            onChange={(year, month) => update({ period: toPeriod(year, month) })}
          />
          <Button icon={<ReloadOutlined />} onClick={status.reload}>
            刷新
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        {status.error !== undefined && (
          <Alert type="error" showIcon title={`指标加载失败:${errorMessage(status.error)}`} />
        )}
        {data && (
          <Flex align="center" gap={24} wrap data-testid="status-header">
            {data.month !== null && data.timeProgress !== null ? (
              <Typography.Text>
                序时进度 <Typography.Text strong>{data.month}/12</Typography.Text>({formatPercent(data.timeProgress)})
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">暂无填报数据</Typography.Text>
            )}
            {latest && (
              <Typography.Text type="secondary">
                最新数据期:{periodLabel(latest.year, latest.month)}
                {requested && data.latestPeriod !== data.period && (
                  <Typography.Link style={{ marginInlineStart: 8 }} onClick={() => update({ period: data.latestPeriod ?? '' })}>
                    查看最新
                  </Typography.Link>
                )}
              </Typography.Text>
            )}
            {data.month === 6 && halfYear.length > 0 && (
              <Typography.Text data-testid="half-year-summary">
                双过半:<Typography.Text strong type={halfPassed === halfYear.length ? 'success' : 'warning'}>
                  {halfPassed}/{halfYear.length}
                </Typography.Text>{' '}
                项指标完成率过半
              </Typography.Text>
            )}
          </Flex>
        )}
        <Table<StatusRow>
          rowKey={(row) => row.indicator.code}
          size="middle"
          columns={columns}
          dataSource={data?.rows ?? []}
          loading={status.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="暂无指标" /> }}
          onRow={(row) => ({
            style: { cursor: 'pointer' },
            onClick: () => {
              const query = new URLSearchParams({ region });
              if (shown) {
                query.set('year', String(shown.year));
                query.set('month', String(shown.month));
              }
              navigate(`/indicators/${encodeURIComponent(row.indicator.code)}?${query.toString()}`);
            },
          })}
        />
      </Flex>
    </Card>
  );
}
