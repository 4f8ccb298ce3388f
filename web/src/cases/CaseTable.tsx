/**
 * The list of the workbench: one row per case with its number, time, channel, class, text,
 * place, department, state and running clock; rows are selectable for bulk actions.
 */
import { Badge, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { Link } from 'react-router-dom';
import { caseNumber, casePath, formatTime, pendingText } from './format';
import type { CasePage, CaseSummary, Catalogue } from './types';
import { CaseSlaTag, ChannelTag, StatusTag } from './widgets';

function buildColumns(catalogue: Catalogue | undefined): TableColumnsType<CaseSummary> {
  return [
    {
      title: '事件编号',
      key: 'number',
      width: 150,
      fixed: 'left',
      render: (_, item) => (
        <Flex vertical>
          <Link to={casePath(item.id)} data-testid="case-link">
            {caseNumber(item)}
          </Link>
          {item.urgency === 'urgent' && (
            <Tag color="red" style={{ width: 'fit-content' }}>
              紧急
            </Tag>
          )}
        </Flex>
      ),
    },
    { title: '受理时间', key: 'receivedAt', width: 140, render: (_, item) => formatTime(item.receivedAt) },
    { title: '来源', key: 'channel', width: 100, render: (_, item) => <ChannelTag channel={item.channel} /> },
    {
      title: '事件分类',
      key: 'category',
      width: 130,
      render: (_, item) => item.categoryName ?? <Typography.Text type="secondary">未分类</Typography.Text>,
    },
    {
      title: '问题描述',
      key: 'description',
      ellipsis: { showTitle: false },
      render: (_, item) => (
        <Tooltip title={item.description} placement="topLeft">
          <span>{item.description}</span>
        </Tooltip>
      ),
    },
    {
      title: '镇街 / 网格',
      key: 'place',
      width: 160,
      render: (_, item) => (
        <Flex vertical>
          <span>{item.townName ?? <Typography.Text type="warning">未定位</Typography.Text>}</span>
          {item.regionName && item.regionName !== item.townName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.regionName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: '责任部门', key: 'department', width: 120, render: (_, item) => item.departmentName ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, item) => {
        const pending = pendingText(item.pendingRequest);
        return (
          <Flex vertical gap={2} align="flex-start">
            <StatusTag status={item.status} />
            {pending && <Badge status="warning" text={<Typography.Text style={{ fontSize: 12 }}>{pending}</Typography.Text>} />}
            {item.duplicateOf && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                疑似重复
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      title: '时限',
      key: 'sla',
      width: 130,
      render: (_, item) => <CaseSlaTag item={item} catalogue={catalogue} />,
    },
  ];
}

/** Props of {@link CaseTable}. */
export interface CaseTableProps {
  page: CasePage | undefined;
  loading: boolean;
  catalogue: Catalogue | undefined;
  selected: CaseSummary[];
  /** Null turns selection off (no bulk action in this queue). */
  onSelect: ((rows: CaseSummary[]) => void) | null;
  onPage: (page: number, pageSize: number) => void;
}

/** The paginated list of cases. */
export function CaseTable({ page, loading, catalogue, selected, onSelect, onPage }: CaseTableProps) {
  const pagination: TablePaginationConfig = {
    current: page?.page ?? 1,
    pageSize: page?.pageSize ?? 20,
    total: page?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (total) => `共 ${total} 件`,
    onChange: onPage,
  };
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={page?.items ?? []}
      columns={buildColumns(catalogue)}
      pagination={pagination}
      scroll={{ x: 1150 }}
      rowSelection={
        onSelect
          ? {
              selectedRowKeys: selected.map((c) => c.id),
              onChange: (_keys, rows) => onSelect(rows),
              preserveSelectedRowKeys: true,
            }
          : undefined
      }
      locale={{ emptyText: '暂无事件' }}
      data-testid="case-table"
    />
  );
}
