/**
 * 民生实事承诺公开 (/public/promises, no login): each cycle's promises with their goals,
 * progress bars and milestones, and the ballot's counts per project. No personal data.
 */
import { Card, Collapse, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import type { PublicCycle, PublicPromise } from './api';
import { livelihoodApi } from './api';
import { LoadError, useLoad } from './shared';

function PromiseRow({ p, depth = 0 }: { p: PublicPromise; depth?: number }) {
  const achieved = p.achievedValue !== null ? `已完成 ${p.achievedValue}${p.goalUnit ?? ''}` : '';
  return (
    <div style={{ marginLeft: depth * 20, padding: '8px 0', borderBottom: depth === 0 ? '1px solid #f0f0f0' : undefined }}>
      <Space wrap>
        <Typography.Text strong={depth === 0}>{p.title}</Typography.Text>
        {p.goalText && <Tag color="red">{p.goalText}</Tag>}
        <Tag color={p.status === 'completed' ? 'green' : p.status === 'delayed' ? 'orange' : 'blue'}>{p.statusLabel}</Tag>
        {achieved && <Typography.Text type="secondary">{achieved}</Typography.Text>}
      </Space>
      <Progress percent={p.progress} size="small" status={p.status === 'completed' ? 'success' : 'normal'} strokeColor={p.status === 'delayed' ? '#fa8c16' : undefined} />
      {depth === 0 && p.milestones.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {p.milestones.map((m) => `${m.title}(${m.doneDate ? `${m.doneDate} 完成` : `计划 ${m.dueDate}`})`).join(' → ')}
        </Typography.Text>
      )}
      {p.children.map((c) => (
        <PromiseRow key={c.id} p={c} depth={depth + 1} />
      ))}
    </div>
  );
}

function CycleCard({ cycle }: { cycle: PublicCycle }) {
  return (
    <Card title={cycle.title} extra={<Tag>{cycle.phaseLabel}</Tag>} style={{ marginBottom: 16 }}>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text>总体进度</Typography.Text>
        <Progress type="circle" percent={cycle.progress} size={56} />
      </Space>
      {cycle.promises.map((p) => (
        <PromiseRow key={p.id} p={p} />
      ))}
      {cycle.ballots.length > 0 && (
        <Collapse
          style={{ marginTop: 12 }}
          items={cycle.ballots.map((b) => ({
            key: String(b.round),
            label: `票决结果(第${b.round}轮):应到 ${b.roll} 人,实到 ${b.present} 人,收回选票 ${b.cast} 张${b.valid ? '' : ',未达法定人数'}`,
            children: (
              <Table
                size="small"
                rowKey="title"
                pagination={false}
                dataSource={b.tallies}
                columns={[
                  { title: '项目', dataIndex: 'title' },
                  { title: '得票', dataIndex: 'votes', width: 80 },
                  { title: '结果', dataIndex: 'outcome', width: 120, render: (o: string) => (o === 'elected' ? <Tag color="green">当选</Tag> : o === 'runoff' ? <Tag color="orange">另行投票</Tag> : <Tag>未当选</Tag>) },
                ]}
              />
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** The public page. */
export function PromisesPage() {
  const { data, error, loading } = useLoad((signal) => livelihoodApi.publicPromises(signal), []);
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3}>民生实事 · 向群众承诺的事</Typography.Title>
      <Typography.Paragraph type="secondary">由人民代表大会代表票决产生的民生实事项目及其实施进度,按月更新。</Typography.Paragraph>
      <LoadError error={error} />
      {loading && !data && <Card loading />}
      {data && data.cycles.length === 0 && <Empty description="暂无公开的民生实事项目" />}
      {data?.cycles.map((c) => <CycleCard key={c.id} cycle={c} />)}
    </div>
  );
}
