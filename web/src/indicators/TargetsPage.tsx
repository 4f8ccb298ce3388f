import { CheckCircleFilled, EditOutlined, ReloadOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { fetchTargets } from './api';
import { canEditIndicators, formatQuantity, formatTarget } from './format';
import { TargetEditModal, type TargetEditing } from './TargetEditModal';
import type { RegionTarget, TargetCheck, TargetItem } from './types';
import { YearPicker } from './widgets';

/** The decomposition check: green tick when the towns add up, the gap in red when not. */
function CheckCell({ check, item }: { check: TargetCheck | null; item: TargetItem }) {
  if (!check) return <Typography.Text type="secondary">—</Typography.Text>;
  if (check.consistent) {
    return (
      <Typography.Text type="success" data-testid="target-check">
        {check.text}
        {/✓/.test(check.text) ? null : <CheckCircleFilled style={{ marginInlineStart: 4 }} />}
      </Typography.Text>
    );
  }
  // The server's text names both sides; add the gap in the indicator's unit when it is a sum.
  const gap =
    check.kind === 'sum' && check.difference !== null && !/差/.test(check.text)
      ? `(差 ${formatQuantity(check.difference, item.indicator.displayUnit)})`
      : '';
  return (
    <Typography.Text type="danger" data-testid="target-check">
      <WarningFilled /> {check.text}
      {gap}
    </Typography.Text>
  );
}

function TargetText({ target }: { target: RegionTarget['target'] }) {
  if (!target) return <Typography.Text type="secondary">未设置</Typography.Text>;
  const text = formatTarget(target);
  return target.note ? (
    <span>
      {text}
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        {target.note}
      </Typography.Text>
    </span>
  ) : (
    <span>{text}</span>
  );
}

/** 目标管理: each indicator's district target and its towns' shares, with the decomposition check. */
export function TargetsPage() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const editor = canEditIndicators(user.role);
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const targets = useApi((signal) => fetchTargets(year, signal), [year]);
  const [editing, setEditing] = useState<TargetEditing | null>(null);

  const edit = (item: TargetItem, region: RegionTarget) =>
    setEditing({
      indicator: item.indicator,
      regionCode: region.regionCode,
      regionName: region.regionName,
      year,
      target: region.target,
    });

  const columns: TableColumnsType<TargetItem> = [
    {
      title: '指标',
      key: 'name',
      width: 200,
      render: (_, item) => (
        <Flex vertical>
          <span>{item.indicator.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.indicator.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '单位', key: 'unit', width: 70, render: (_, item) => item.indicator.displayUnit },
    {
      title: '区目标',
      key: 'district',
      render: (_, item) => (
        <Flex align="center" gap={4}>
          <TargetText target={item.district.target} />
          {editor && (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              aria-label={`编辑${item.indicator.name}区目标`}
              onClick={(event) => {
                event.stopPropagation();
                edit(item, item.district);
              }}
            />
          )}
        </Flex>
      ),
    },
    {
      title: '镇街分解',
      key: 'towns',
      width: 110,
      align: 'center',
      render: (_, item) => {
        const set = item.towns.filter((t) => t.target !== null).length;
        return (
          <Typography.Text type={set === item.towns.length ? undefined : 'warning'}>
            {set}/{item.towns.length} 已设
          </Typography.Text>
        );
      },
    },
    { title: '分解校验', key: 'check', width: 360, render: (_, item) => <CheckCell check={item.check} item={item} /> },
  ];

  const townColumns = (item: TargetItem): TableColumnsType<RegionTarget> => [
    { title: '镇街', dataIndex: 'regionName', width: 180 },
    { title: '目标', key: 'target', render: (_, town) => <TargetText target={town.target} /> },
    ...(editor
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, town: RegionTarget) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => edit(item, town)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  /** After a conflict: reload the page, and hand the modal this target as it now stands. */
  const reloadEditing = async () => {
    if (!editing) return null;
    const fresh = await fetchTargets(year);
    targets.reload();
    const item = fresh.items.find((i) => i.indicator.code === editing.indicator.code);
    const region = item && [item.district, ...item.towns].find((r) => r.regionCode === editing.regionCode);
    return region?.target ?? null;
  };

  const items = targets.data?.items ?? [];
  const inconsistent = items.filter((i) => i.check && !i.check.consistent).length;

  return (
    <Card
      title="目标管理"
      extra={
        <Flex gap={8}>
          <YearPicker value={year} onChange={(next) => setParams({ year: String(next) }, { replace: true })} />
          <Button icon={<ReloadOutlined />} onClick={targets.reload}>
            刷新
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        {targets.error !== undefined && (
          <Alert type="error" showIcon title={`目标加载失败:${errorMessage(targets.error)}`} />
        )}
        {targets.data && (
          <Typography.Text type="secondary">
            {year}年共 {items.length} 项指标;展开一行{editor ? '查看并编辑' : '查看'}各镇街目标。
            {inconsistent > 0 && <Typography.Text type="danger">{inconsistent} 项指标的镇街分解与区目标不一致。</Typography.Text>}
            {!editor && ' 当前角色只能查看。'}
          </Typography.Text>
        )}
        <Table<TargetItem>
          rowKey={(item) => item.indicator.code}
          size="middle"
          columns={columns}
          dataSource={items}
          loading={targets.loading}
          pagination={false}
          locale={{ emptyText: <Empty description="暂无指标" /> }}
          expandable={{
            rowExpandable: (item) => item.towns.length > 0,
            expandRowByClick: true,
            expandedRowRender: (item) => (
              <Table<RegionTarget>
                rowKey="regionCode"
                size="small"
                columns={townColumns(item)}
                dataSource={item.towns}
                pagination={false}
                style={{ margin: '4px 0' }}
              />
            ),
          }}
        />
      </Flex>
      <TargetEditModal
        editing={editing}
        onClose={() => setEditing(null)}
        onReload={reloadEditing}
        onSaved={() => {
          message.success(`已保存 ${editing?.regionName ?? ''}${editing?.indicator.name ?? ''}目标`);
          setEditing(null);
          targets.reload();
        }}
      />
    </Card>
  );
}
