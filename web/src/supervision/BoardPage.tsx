/**
 * 督办台账: items by state (tabs with counts), filtered by unit, source, colour and text, each
 * with its light, notice, deadline countdown and progress. The office raises new items here.
 */
import { Alert, Badge, Button, Input, Progress, Select, Space, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import {
  COLOUR_LABELS,
  SOURCE_LABELS,
  STATE_LABELS,
  SUPERVISION_COLOURS,
  SUPERVISION_SOURCES,
  SUPERVISION_STATES,
} from '../../../src/shared/supervision-vocabulary';
import { fetchItems, fetchUnits } from './api';
import { ColourTag, countdown, isOffice, itemPath, NoticeTag } from './format';
import { RaiseModal } from './RaiseModal';
import type { Item } from './types';

const OPEN_TAB = 'open';

/** The board. */
export function BoardPage() {
  const { role } = useCurrentUser();
  const [tab, setTab] = useState<string>(OPEN_TAB);
  const [unit, setUnit] = useState<string | undefined>();
  const [source, setSource] = useState<string | undefined>();
  const [colour, setColour] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [raising, setRaising] = useState(false);
  const pageSize = 20;
  const state = tab === OPEN_TAB ? 'pending,assigned,signed,in_progress,reported' : tab === 'overdue' ? 'pending,assigned,signed,in_progress,reported' : tab;
  const items = useApi(
    (signal) => fetchItems({ state, unit, source, colour, q, overdue: tab === 'overdue', page, pageSize }, signal),
    [state, unit, source, colour, q, tab, page],
  );
  const units = useApi((signal) => fetchUnits(signal), []);
  const counts = useMemo(() => {
    const byState = new Map<string, number>();
    let open = 0;
    let overdue = 0;
    let red = 0;
    for (const c of items.data?.counts ?? []) {
      byState.set(c.state, (byState.get(c.state) ?? 0) + c.n);
      if (c.state !== 'completed' && c.state !== 'cancelled') {
        open += c.n;
        if (c.overdue) overdue += c.n;
        if (c.colour === 'red') red += c.n;
      }
    }
    return { byState, open, overdue, red };
  }, [items.data]);
  const tabs = [
    { key: OPEN_TAB, label: <Badge count={counts.open} overflowCount={9999} color="blue" offset={[10, -2]}>在办</Badge> },
    { key: 'overdue', label: <Badge count={counts.overdue} overflowCount={9999} offset={[10, -2]}>逾期</Badge> },
    ...SUPERVISION_STATES.map((s) => ({ key: s, label: `${STATE_LABELS[s]}(${counts.byState.get(s) ?? 0})` })),
  ];
  const columns = [
    { title: '编号', dataIndex: 'code', width: 120, render: (code: string) => <Link to={itemPath(code)}>{code}</Link> },
    {
      title: '灯',
      width: 110,
      render: (_: unknown, i: Item) => (
        <Space size={2}>
          <ColourTag colour={i.colour} title={i.colourReasons.join(';') || COLOUR_LABELS[i.colour]} />
          <NoticeTag level={i.noticeLevel} />
        </Space>
      ),
    },
    { title: '督办事项', dataIndex: 'title', render: (title: string, i: Item) => <Link to={itemPath(i.code)}>{title}</Link> },
    { title: '来源', dataIndex: 'sourceLabel', width: 110 },
    { title: '主办单位', width: 160, render: (_: unknown, i: Item) => i.leadUnit.name },
    { title: '状态', dataIndex: 'stateLabel', width: 80 },
    {
      title: '办结时限',
      width: 150,
      render: (_: unknown, i: Item) => (
        <span>
          {i.deadline}
          <br />
          <Typography.Text type={i.daysLeft < 0 && i.state !== 'completed' && i.state !== 'cancelled' ? 'danger' : 'secondary'}>{countdown(i)}</Typography.Text>
        </span>
      ),
    },
    { title: '进度', width: 120, render: (_: unknown, i: Item) => <Progress percent={i.progress} size="small" status={i.colour === 'red' && i.state !== 'completed' ? 'exception' : undefined} /> },
  ];
  return (
    <div data-testid="supervision-board">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          placeholder="单位(主办或协办)"
          style={{ width: 220 }}
          value={unit}
          onChange={(v) => { setUnit(v); setPage(1); }}
          optionFilterProp="label"
          options={(units.data ?? []).map((u) => ({ value: `${u.kind}:${u.code}`, label: u.name }))}
        />
        <Select allowClear placeholder="来源" style={{ width: 140 }} value={source} onChange={(v) => { setSource(v); setPage(1); }} options={SUPERVISION_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
        <Select allowClear placeholder="灯色" style={{ width: 150 }} value={colour} onChange={(v) => { setColour(v); setPage(1); }} options={SUPERVISION_COLOURS.map((c) => ({ value: c, label: COLOUR_LABELS[c] }))} />
        <Input.Search allowClear placeholder="标题、编号" style={{ width: 220 }} onSearch={(v) => { setQ(v || undefined); setPage(1); }} />
        {isOffice(role) && (
          <Button type="primary" onClick={() => setRaising(true)} data-testid="raise-button">
            新建督办
          </Button>
        )}
        <Typography.Text type="secondary">在办 {counts.open} 件,红灯 {counts.red} 件,逾期 {counts.overdue} 件</Typography.Text>
      </Space>
      <Tabs activeKey={tab} onChange={(k) => { setTab(k); setPage(1); }} items={tabs} size="small" />
      {items.error !== undefined && <Alert type="error" showIcon title={`加载失败:${errorMessage(items.error)}`} />}
      <Table<Item>
        rowKey="id"
        size="small"
        loading={items.loading}
        dataSource={items.data?.items ?? []}
        columns={columns}
        pagination={{ current: page, pageSize, total: items.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 件`, showSizeChanger: false }}
        locale={{ emptyText: '暂无督办事项' }}
      />
      <RaiseModal open={raising} onClose={(made) => { setRaising(false); if (made) items.reload(); }} units={units.data ?? []} />
    </div>
  );
}
