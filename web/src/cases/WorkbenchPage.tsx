/**
 * 工作台: the caller's queues as tabs (待受理, 待派遣, 部门收件箱 … by role), the filters, the
 * list, bulk actions on the selected rows and 新建事件 for those who take cases in.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ACTION_LABELS } from '../../../src/shared/case-vocabulary';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { actionSpec, BULK_ACTIONS } from './actions';
import { fetchCases } from './api';
import { BulkActionModal } from './BulkActionModal';
import { useCatalogue } from './catalogue';
import { CaseFilterBar } from './CaseFilterBar';
import { CaseTable } from './CaseTable';
import { canTakeIntake, QUEUE_LABELS, queuesOf } from './format';
import { NoticesPanel } from './NoticesPanel';
import { readQuery, writeQuery, type CaseFilters } from './query';
import type { CaseAction, CaseQuery, CaseSummary } from './types';

/** Below this width a screen is a phone's. */
const PHONE_WIDTH = 768;

interface BulkBarProps {
  actions: readonly CaseAction[];
  count: number;
  onAction: (action: CaseAction) => void;
  onClear: () => void;
}

/** The bulk action buttons for the selected rows. */
function BulkBar({ actions, count, onAction, onClear }: BulkBarProps) {
  if (count === 0) return null;
  return (
    <Alert
      type="info"
      title={
        <Flex align="center" gap={12} wrap>
          <span>已选择 {count} 件</span>
          <Space wrap>
            {actions.map((action) => (
              <Button key={action} size="small" danger={actionSpec(action).danger} onClick={() => onAction(action)}>
                批量{ACTION_LABELS[action]}
              </Button>
            ))}
          </Space>
          <Typography.Link onClick={onClear}>取消选择</Typography.Link>
        </Flex>
      }
      data-testid="bulk-bar"
    />
  );
}

/** 工作台. */
export function WorkbenchPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const queues = queuesOf(user.role);
  const query = useMemo(() => readQuery(params, queues), [params, queues]);
  const queryKey = writeQuery(query).toString();
  const list = useApi((signal) => fetchCases(query, signal), [queryKey]);
  const catalogue = useCatalogue();
  const [selected, setSelected] = useState<CaseSummary[]>([]);
  const [bulk, setBulk] = useState<{ action: CaseAction; cases: CaseSummary[] } | null>(null);
  const queue = query.queue ?? 'all';
  const bulkActions = BULK_ACTIONS[queue];

  const go = (next: CaseQuery) => {
    setSelected([]);
    setParams(writeQuery(next));
  };
  const { queue: _q, page: _p, pageSize, ...filters } = query;
  // A grid worker on a phone works from the patrol page; the desktop table has no room there.
  if (user.role === 'grid_worker' && window.innerWidth < PHONE_WIDTH) return <Navigate to="/events/patrol" replace />;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Tabs
          activeKey={queue}
          onChange={(key) => go({ ...filters, queue: key as CaseQuery['queue'], pageSize })}
          items={queues.map((q) => ({ key: q, label: QUEUE_LABELS[q] }))}
          style={{ marginBottom: -16, flex: 1, minWidth: 0 }}
          data-testid="queue-tabs"
        />
        {canTakeIntake(user.role) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/events/new')} data-testid="new-case">
            新建事件
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Flex vertical gap={12}>
          <CaseFilterBar
            filters={filters}
            categories={catalogue.data?.categories}
            onChange={(next: CaseFilters) => go({ ...next, queue, pageSize })}
            onRefresh={list.reload}
            refreshing={list.loading}
          />
          {list.error !== undefined && (
            <Alert type="error" showIcon title={`事件列表加载失败:${errorMessage(list.error)}`} />
          )}
          <BulkBar
            actions={bulkActions}
            count={selected.length}
            onAction={(action) => setBulk({ action, cases: selected })}
            onClear={() => setSelected([])}
          />
          <CaseTable
            page={list.data}
            loading={list.loading}
            catalogue={catalogue.data}
            selected={selected}
            onSelect={bulkActions.length ? setSelected : null}
            onPage={(page, size) =>
              setParams(writeQuery({ ...query, page: size === pageSize ? page : 1, pageSize: size }))
            }
          />
        </Flex>
      </Card>
      {(user.role === 'supervisor' || user.role === 'admin' || user.role === 'town_admin') && <NoticesPanel />}
      <BulkActionModal
        action={bulk?.action ?? null}
        cases={bulk?.cases ?? []}
        categories={catalogue.data?.categories}
        onClose={() => setBulk(null)}
        onApplied={() => {
          setSelected([]);
          list.reload();
        }}
      />
    </Flex>
  );
}
