import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { fetchBoard, fetchIndicators } from './api';
import { formatPercent, parsePeriod, periodLabel, toPeriod } from './format';
import type { BoardEntry, BoardThresholds, IndicatorView } from './types';
import { useLatestPeriod } from './useLatestPeriod';
import { ThresholdsModal } from './ThresholdsModal';
import { ColourTag, PeriodPicker, PpText, RateText } from './widgets';

function columns(
  withStreak: boolean,
  directions: ReadonlyMap<string, IndicatorView['direction']>,
): TableColumnsType<BoardEntry> {
  const list: TableColumnsType<BoardEntry> = [
    { title: '指标', dataIndex: 'indicatorName', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
    { title: '镇街', dataIndex: 'regionName', width: 140 },
    { title: '完成率', key: 'completion', width: 100, align: 'right', render: (_, e) => formatPercent(e.completion) },
    { title: '超序时(pp)', key: 'aheadPp', width: 110, align: 'right', render: (_, e) => <PpText value={e.aheadPp} /> },
    {
      title: <span title="同比增速 − 目标增速,单位:百分点">增速差(pp)</span>,
      key: 'growthGapPp',
      width: 110,
      align: 'right',
      render: (_, e) => <PpText value={e.growthGapPp} />,
    },
    {
      title: '同比',
      key: 'yoy',
      width: 100,
      align: 'right',
      render: (_, e) => <RateText value={e.yoy} direction={directions.get(e.indicatorCode)} />,
    },
    { title: '评价', key: 'colour', width: 70, align: 'center', render: (_, e) => <ColourTag colour={e.colour} /> },
  ];
  if (withStreak) {
    list.push({
      title: '连续红灯',
      dataIndex: 'redStreak',
      width: 100,
      align: 'center',
      render: (n: number) => <Tag color="#262626">{n} 期</Tag>,
    });
  }
  return list;
}

/** The rules in force, as one sentence. */
function ThresholdLine({ thresholds, green }: { thresholds: BoardThresholds; green: number }) {
  const t = {
    yellow: Math.abs(thresholds.yellowBehindPp),
    red: Math.abs(thresholds.redBehindPp),
    growthYellow: Math.abs(thresholds.growthYellowBelowPp),
    growthRed: Math.abs(thresholds.growthRedBelowPp),
  };
  const growthYellow =
    t.growthYellow === 0 ? '同比增速低于目标增速为黄灯' : `同比增速低于目标增速 ${t.growthYellow} 个百分点及以上为黄灯`;
  return (
    <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="board-thresholds">
      评价规则:完成率落后序时进度 {t.yellow}–{t.red} 个百分点为黄灯、超过 {t.red} 个百分点为红灯;{growthYellow}、低于超过{' '}
      {t.growthRed} 个百分点为红灯;两项取较差者;连续两期及以上红灯列入黑榜。本期绿灯{' '}
      <Typography.Text strong type="success">
        {green}
      </Typography.Text>{' '}
      项。
    </Typography.Paragraph>
  );
}

function Section({
  title,
  colour,
  entries,
  withStreak = false,
  directions,
  onOpen,
  testId,
}: {
  title: ReactNode;
  colour: string;
  entries: BoardEntry[];
  withStreak?: boolean;
  directions: ReadonlyMap<string, IndicatorView['direction']>;
  onOpen: (entry: BoardEntry) => void;
  testId: string;
}) {
  const cols = useMemo(() => columns(withStreak, directions), [withStreak, directions]);
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 6, background: colour }} />
          {title}
          <Typography.Text type="secondary">({entries.length} 项)</Typography.Text>
        </Flex>
      }
      style={{ borderTop: `3px solid ${colour}` }}
      data-testid={testId}
    >
      <Table<BoardEntry>
        rowKey={(e) => `${e.indicatorCode}-${e.regionCode}`}
        size="small"
        columns={cols}
        dataSource={entries}
        pagination={entries.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无" /> }}
        onRow={(entry) => ({ style: { cursor: 'pointer' }, onClick: () => onOpen(entry) })}
      />
    </Card>
  );
}

/** 红黄黑榜: the period's laggards — red, yellow, and black (red two periods running). */
export function BoardPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const requested = parsePeriod(params.get('period'));
  const latest = useLatestPeriod(user.regionCode, requested !== null);
  const period = requested ?? (latest.latest === undefined ? undefined : latest.latest);
  const periodText = period ? toPeriod(period.year, period.month) : null;

  const board = useApi((signal) => (periodText ? fetchBoard(periodText, signal) : null), [periodText]);
  const data = board.data;
  const [editingThresholds, setEditingThresholds] = useState(false);
  // Which way is good per indicator, so a rise of a lower-is-better one (能耗) shows red.
  const catalogue = useApi((signal) => fetchIndicators(signal), []);
  const directions = useMemo(
    () => new Map((catalogue.data ?? []).map((i) => [i.code, i.direction] as const)),
    [catalogue.data],
  );

  const open = (entry: BoardEntry) => {
    const query = new URLSearchParams({ region: entry.regionCode });
    if (period) {
      query.set('year', String(period.year));
      query.set('month', String(period.month));
    }
    navigate(`/indicators/${encodeURIComponent(entry.indicatorCode)}?${query.toString()}`);
  };

  return (
    <Card
      title={
        <Flex align="center" gap={12}>
          <span>红黄黑榜</span>
          {period && <Typography.Text type="secondary">{periodLabel(period.year, period.month)}</Typography.Text>}
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <PeriodPicker
            year={period?.year ?? null}
            month={period?.month ?? null}
            onChange={(year, month) => setParams({ period: toPeriod(year, month) }, { replace: true })}
          />
          {user.role === 'admin' && data && (
            <Button icon={<SettingOutlined />} onClick={() => setEditingThresholds(true)}>
              评价阈值
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={board.reload} disabled={!periodText}>
            刷新
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        {(board.error ?? latest.error) !== undefined && (
          <Alert type="error" showIcon title={`榜单加载失败:${errorMessage(board.error ?? latest.error)}`} />
        )}
        {period === null && !latest.error && <Empty description="暂无填报数据,请选择年份和月份" />}
        {period !== null && !data && board.loading && <Skeleton active />}
        {data && (
          <>
            <ThresholdLine thresholds={data.thresholds} green={data.green} />
            <ThresholdsModal
              open={editingThresholds}
              thresholds={data.thresholds}
              onClose={() => setEditingThresholds(false)}
              onSaved={() => {
                setEditingThresholds(false);
                board.reload();
              }}
            />
            <Section title="红榜" colour="#ff4d4f" entries={data.red} directions={directions} onOpen={open} testId="board-red" />
            <Section title="黄榜" colour="#faad14" entries={data.yellow} directions={directions} onOpen={open} testId="board-yellow" />
            <Section title="黑榜" colour="#262626" entries={data.black} withStreak directions={directions} onOpen={open} testId="board-black" />
          </>
        )}
      </Flex>
    </Card>
  );
}
