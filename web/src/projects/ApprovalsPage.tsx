/**
 * 节点审批: stage-change requests in scope; the owner's supervisor approves or rejects those
 * they may decide (never their own).
 */
import { Alert, Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { LEVEL_LABELS, STAGE_REQUEST_LABELS } from '../../../src/shared/project-vocabulary';
import { fetchStageRequests, type StageRequest } from './api';
import { DecisionButtons } from './ProjectPage';

/** The approvals page. */
export function ApprovalsPage() {
  const [state, setState] = useState<StageRequest['state']>('pending');
  const requests = useApi((signal) => fetchStageRequests(state, signal), [state]);
  return (
    <Card
      size="small"
      title="节点变更申请"
      extra={
        <Segmented
          value={state}
          onChange={(v) => setState(v as StageRequest['state'])}
          options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: STAGE_REQUEST_LABELS[s] }))}
        />
      }
    >
      {requests.error !== undefined && <Alert type="error" title={errorMessage(requests.error)} />}
      <Table<StageRequest>
        size="small"
        rowKey="id"
        loading={requests.loading}
        dataSource={requests.data ?? []}
        columns={[
          { title: '项目', render: (_: unknown, r) => <Link to={`/projects/${r.projectId}`}>{r.projectCode} {r.projectName}</Link> },
          { title: '级别', dataIndex: 'projectLevel', width: 60, render: (v: 'district' | 'town' | undefined) => (v ? LEVEL_LABELS[v] : '') },
          { title: '节点', dataIndex: 'stageLabel', width: 60 },
          { title: '实际日期', dataIndex: 'actualDate', width: 110 },
          { title: '说明', dataIndex: 'note' },
          { title: '申请人', dataIndex: 'requestedBy', width: 150 },
          { title: '申请时间', dataIndex: 'requestedAt', width: 110, render: (v: string) => v.slice(0, 10) },
          {
            title: '审批',
            width: 160,
            render: (_: unknown, r) =>
              r.state === 'pending' ? (r.canDecide ? <DecisionButtons request={r} onDone={requests.reload} /> : <Tag>待上级审批</Tag>) : `${r.decidedBy ?? ''} ${r.decisionNote ?? ''}`,
          },
        ]}
      />
    </Card>
  );
}
