/**
 * 民生实事年度列表: every cycle in scope by year and phase; managers open a new one.
 */
import { Alert, Button, Card, Form, InputNumber, Input, Modal, Space, Steps, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useCurrentUser } from '../auth/AuthContext';
import { LIVELIHOOD_PHASES, PHASE_LABELS } from '../../../src/shared/livelihood-vocabulary';
import { livelihoodApi, type Cycle } from './api';
import { LoadError, canManage, useLoad } from './shared';

/** The phases as steps, the current one highlighted. */
export function PhaseSteps({ phase }: { phase: Cycle['phase'] }) {
  return <Steps size="small" current={LIVELIHOOD_PHASES.indexOf(phase)} items={LIVELIHOOD_PHASES.map((p) => ({ title: PHASE_LABELS[p] }))} />;
}

/** The list of cycles. */
export function CyclesPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useLoad((signal) => livelihoodApi.cycles(signal), []);
  const mine = useLoad((signal) => (user.role === 'deputy' ? livelihoodApi.mySessions(signal) : Promise.resolve({ sessions: [] })), [user.role]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ regionCode: string; year: number; plannedSeats: number; title?: string }>();

  const create = async () => {
    const values = await form.validateFields();
    try {
      const { cycle } = await livelihoodApi.createCycle({ ...values, title: values.title || undefined });
      setOpen(false);
      reload();
      navigate(cycle.id);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <Card
      title="民生实事项目"
      extra={
        <Space>
          <Link to="/public/promises">公开承诺页</Link>
          {canManage(user.role) && (
            <Button type="primary" onClick={() => setOpen(true)}>
              新建年度
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        征集候选项目 → 筛选论证 → 人大代表票决 → 组织实施 → 督查评估。票决按 STANDARDS §8:出席代表超过全体代表三分之二会议有效,获得全体代表过半数选票的项目按得票多少确定。
      </Typography.Paragraph>
      <LoadError error={error} />
      {(mine.data?.sessions ?? []).map((s) => (
        <Alert
          key={s.id}
          type={s.hasVoted ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={s.hasVoted ? `${s.title}:您已投票` : `${s.title}:${s.status === 'open' ? '正在投票' : '即将开始'}`}
          action={!s.hasVoted && <Link to={`/ballot/${s.id}`}>进入手机票决页</Link>}
        />
      ))}
      <Table<Cycle>
        rowKey="id"
        loading={loading}
        dataSource={data?.cycles ?? []}
        pagination={false}
        columns={[
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '名称', dataIndex: 'title', render: (title: string, c) => <Link to={c.id}>{title}</Link> },
          { title: '阶段', dataIndex: 'phaseLabel', width: 120, render: (label: string, c) => <Tag color={c.phase === 'balloting' ? 'red' : c.phase === 'implementing' ? 'blue' : 'default'}>{label}</Tag> },
          { title: '计划名额', dataIndex: 'plannedSeats', width: 100 },
        ]}
      />
      <Modal title="新建年度民生实事" open={open} onOk={() => void create()} onCancel={() => setOpen(false)} okText="创建" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ regionCode: user.regionCode.slice(0, 9), year: new Date().getFullYear() + 1, plannedSeats: 10 }}>
          <Form.Item name="regionCode" label="组织票决的区县或镇街编码" rules={[{ required: true, pattern: /^[0-9]{6}([0-9]{3})?$/, message: '6位区县或9位镇街编码' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={1990} max={2100} />
          </Form.Item>
          <Form.Item name="plannedSeats" label="计划票决名额" rules={[{ required: true }]}>
            <InputNumber min={1} max={100} />
          </Form.Item>
          <Form.Item name="title" label="名称(可选)">
            <Input placeholder="默认:某某镇2027年民生实事项目" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
