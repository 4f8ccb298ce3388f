/**
 * The results of a cycle's chosen projects: a tree with weighted progress (a parent is the
 * weighted mean of its parts), goals and achieved values, and CSV import for managers.
 */
import { Button, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useCurrentUser } from '../auth/AuthContext';
import type { LivelihoodPhase } from '../../../src/shared/livelihood-vocabulary';
import { livelihoodApi, type Result } from './api';
import { LoadError, ProgressBar, canManage, useLoad } from './shared';

/** Text of a goal and what is achieved of it. */
export function goalLine(r: Pick<Result, 'goalText' | 'goalValue' | 'goalUnit' | 'achievedValue'>): string {
  if (!r.goalText && r.goalValue === null) return '';
  const achieved = r.achievedValue !== null ? `,已完成 ${r.achievedValue}${r.goalUnit ?? ''}` : '';
  return `${r.goalText ?? `${r.goalValue}${r.goalUnit ?? ''}`}${achieved}`;
}

/** The results tab of a cycle. */
export function ResultsTab({ cycleId, phase }: { cycleId: string; phase: LivelihoodPhase }) {
  const user = useCurrentUser();
  const { data, error, loading, reload } = useLoad((signal) => livelihoodApi.results(cycleId, signal), [cycleId]);
  const tracking = phase === 'implementing' || phase === 'evaluating';
  const strip = (rows: Result[]): Result[] => rows.map((r) => ({ ...r, children: r.children.length ? strip(r.children) : (undefined as unknown as Result[]) }));
  return (
    <div>
      <LoadError error={error} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text strong>总体进度</Typography.Text>
        <div style={{ width: 240 }}>
          <ProgressBar progress={data?.progress ?? 0} />
        </div>
        {canManage(user.role) && tracking && (
          <Upload
            accept=".csv,text/csv"
            showUploadList={false}
            beforeUpload={(file) => {
              livelihoodApi
                .importResults(cycleId, file)
                .then((report) => {
                  const problems = report.rejected.map((r) => `第${r.row}行 ${r.field}:${r.message}`).join(';');
                  void message.info(`新增 ${report.created} 项,更新 ${report.updated} 项${problems ? `;错误:${problems}` : ''}`, 8);
                  reload();
                })
                .catch((e: unknown) => void message.error(errorMessage(e)));
              return false;
            }}
          >
            <Button>导入CSV(标题,上级,权重,状态,进度,目标,目标值,单位,完成值,开始日期,完成日期,责任部门)</Button>
          </Upload>
        )}
      </Space>
      <Table<Result>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={strip(data?.results ?? [])}
        expandable={{ defaultExpandAllRows: false }}
        columns={[
          { title: '项目 / 子项', dataIndex: 'title', render: (t: string, r) => <Link to={`../results/${r.id}`}>{t}</Link> },
          { title: '目标与完成', width: 240, render: (_v, r) => goalLine(r) },
          { title: '权重', dataIndex: 'weight', width: 60 },
          { title: '状态', dataIndex: 'statusLabel', width: 80, render: (l: string, r) => <Tag color={r.status === 'delayed' ? 'orange' : r.status === 'completed' ? 'green' : 'blue'}>{l}</Tag> },
          { title: '进度', width: 200, render: (_v, r) => <ProgressBar size="small" progress={r.progress} status={r.status} /> },
          { title: '节点', width: 90, render: (_v, r) => (r.milestones.length ? `${r.milestones.filter((m) => m.doneDate).length}/${r.milestones.length}` : '') },
          { title: '部门', dataIndex: 'departmentCode', width: 70 },
        ]}
      />
    </div>
  );
}
