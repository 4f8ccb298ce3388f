/**
 * One tracked result: progress (rolled up from its parts), its goal, the milestones timeline,
 * the readable history of changes, the deputies' evaluations, and the forms to report
 * progress (managers, the owning department), add parts and milestones, and evaluate (deputies).
 */
import { Button, Card, Col, Descriptions, Form, Input, InputNumber, List, Row, Select, Space, Table, Tag, Timeline, Typography, message } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useCurrentUser } from '../auth/AuthContext';
import { RESULT_STATUSES, RESULT_STATUS_LABELS, SATISFACTIONS, SATISFACTION_LABELS } from '../../../src/shared/livelihood-vocabulary';
import { livelihoodApi } from './api';
import { goalLine } from './ResultsTab';
import { LoadError, ProgressBar, canManage, useLoad } from './shared';

function drop(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '' && v !== null));
}

/** The result page. */
export function ResultPage() {
  const { resultId = '' } = useParams();
  const user = useCurrentUser();
  const { data, error, loading, reload } = useLoad((signal) => livelihoodApi.result(resultId, signal), [resultId]);
  const [reportForm] = Form.useForm();
  const [partForm] = Form.useForm();
  const [milestoneForm] = Form.useForm();
  const [evalForm] = Form.useForm();
  if (!data) return <Card loading={loading}><LoadError error={error} /></Card>;
  const { result, history, evaluations } = data;
  const mayReport = canManage(user.role) || (user.role === 'department_handler' && user.departmentCode === result.departmentCode);
  const isLeaf = result.children.length === 0;
  const act = (action: () => Promise<unknown>, form?: { resetFields: () => void }) =>
    action()
      .then(() => {
        void message.success('已保存');
        form?.resetFields();
        reload();
      })
      .catch((e: unknown) => void message.error(errorMessage(e)));
  const average = evaluations.length ? evaluations.reduce((s, e) => s + e.score, 0) / evaluations.length : null;

  return (
    <Card title={result.title} extra={<Link to={`../${result.cycleId}`}>返回年度</Link>}>
      <Row gutter={24}>
        <Col xs={24} md={14}>
          <ProgressBar progress={result.progress} status={result.status} />
          <Descriptions size="small" column={2} bordered style={{ margin: '12px 0' }}>
            <Descriptions.Item label="状态"><Tag>{result.statusLabel}</Tag></Descriptions.Item>
            <Descriptions.Item label="责任部门">{result.departmentCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="目标与完成" span={2}>{goalLine(result) || '—'}</Descriptions.Item>
            <Descriptions.Item label="计划">{result.startDate ?? '—'} 至 {result.endDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="权重">{result.weight}</Descriptions.Item>
            <Descriptions.Item label="进度算法" span={2}>{isLeaf ? '有量化目标时按完成值/目标值,否则按填报进度或状态默认进度' : '各子项进度按权重加权平均'}</Descriptions.Item>
          </Descriptions>
          {result.children.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={result.children.map((c) => ({ ...c, children: undefined }))}
              columns={[
                { title: '子项', dataIndex: 'title', render: (t: string, c) => <Link to={`../results/${c.id}`}>{t}</Link> },
                { title: '权重', dataIndex: 'weight', width: 60 },
                { title: '进度', width: 180, render: (_v, c) => <ProgressBar size="small" progress={c.progress} status={c.status} /> },
              ]}
              style={{ marginBottom: 16 }}
            />
          )}
          <Typography.Title level={5}>节点</Typography.Title>
          <Timeline
            items={result.milestones.map((m) => ({
              color: m.doneDate ? 'green' : m.dueDate < new Date().toISOString().slice(0, 10) ? 'red' : 'blue',
              children: (
                <Space wrap>
                  <span>{m.title}</span>
                  <Typography.Text type="secondary">计划 {m.dueDate}</Typography.Text>
                  {m.doneDate ? <Tag color="green">{m.doneDate} 完成</Tag> : mayReport && <Button size="small" onClick={() => void act(() => livelihoodApi.updateMilestone(m.id, { version: m.version, doneDate: new Date().toISOString().slice(0, 10) }))}>标记完成</Button>}
                </Space>
              ),
            }))}
          />
          <Typography.Title level={5}>变更记录</Typography.Title>
          <List size="small" dataSource={history} renderItem={(h) => <List.Item><Typography.Text type="secondary">{h.at.slice(0, 16).replace('T', ' ')} {h.actor}</Typography.Text>&nbsp;{h.text}{h.note ? `(${h.note})` : ''}</List.Item>} />
        </Col>
        <Col xs={24} md={10}>
          {mayReport && (
            <Card size="small" title="填报进度" style={{ marginBottom: 12 }}>
              <Form form={reportForm} layout="vertical" onFinish={(v: Record<string, unknown>) => void act(() => livelihoodApi.updateResult(result.id, { ...drop(v), version: result.version }), reportForm)}>
                <Form.Item name="status" label="状态"><Select allowClear options={RESULT_STATUSES.map((s) => ({ value: s, label: RESULT_STATUS_LABELS[s] }))} /></Form.Item>
                {isLeaf && (
                  <Space>
                    <Form.Item name="progress" label="进度(%)"><InputNumber min={0} max={100} /></Form.Item>
                    <Form.Item name="achievedValue" label={`完成值${result.goalUnit ? `(${result.goalUnit})` : ''}`}><InputNumber min={0} /></Form.Item>
                  </Space>
                )}
                <Form.Item name="note" label="说明"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
                <Button type="primary" htmlType="submit">保存</Button>
              </Form>
            </Card>
          )}
          {mayReport && (
            <Card size="small" title="新增节点 / 子项" style={{ marginBottom: 12 }}>
              <Form form={milestoneForm} layout="inline" onFinish={(v: { title: string; dueDate: string }) => void act(() => livelihoodApi.addMilestone(result.id, v), milestoneForm)}>
                <Form.Item name="title" rules={[{ required: true, message: '节点名称' }]}><Input placeholder="节点名称" /></Form.Item>
                <Form.Item name="dueDate" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}><Input placeholder="计划日期 YYYY-MM-DD" style={{ width: 150 }} /></Form.Item>
                <Button htmlType="submit">加节点</Button>
              </Form>
              <Form form={partForm} layout="inline" style={{ marginTop: 8 }} onFinish={(v: Record<string, unknown>) => void act(() => livelihoodApi.createResult(result.cycleId, { ...drop(v), parentId: result.id }), partForm)}>
                <Form.Item name="title" rules={[{ required: true, message: '子项名称' }]}><Input placeholder="子项名称" /></Form.Item>
                <Form.Item name="weight"><InputNumber min={0} placeholder="权重" /></Form.Item>
                <Button htmlType="submit">加子项</Button>
              </Form>
            </Card>
          )}
          <Card size="small" title={`代表评议${average !== null ? `(平均 ${average.toFixed(1)} 分)` : ''}`}>
            <List
              size="small"
              dataSource={evaluations}
              locale={{ emptyText: '暂无评议' }}
              renderItem={(e) => (
                <List.Item>
                  {e.deputyName} <Tag>{e.satisfactionLabel}</Tag> {e.score} 分{e.comment ? `:${e.comment}` : ''}
                </List.Item>
              )}
            />
            {user.role === 'deputy' && (
              <Form form={evalForm} layout="vertical" style={{ marginTop: 8 }} onFinish={(v: Record<string, unknown>) => void act(() => livelihoodApi.evaluate(result.id, drop(v)), evalForm)}>
                <Space>
                  <Form.Item name="score" label="评分" rules={[{ required: true }]}><InputNumber min={0} max={100} /></Form.Item>
                  <Form.Item name="satisfaction" label="满意度" rules={[{ required: true }]}><Select style={{ width: 120 }} options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} /></Form.Item>
                </Space>
                <Form.Item name="comment" label="意见建议"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
                <Button type="primary" htmlType="submit">提交评议</Button>
              </Form>
            )}
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
