/**
 * A supervision item: its facts, light and why, the three-colour notices issued, the steps
 * so far (timeline), and the actions the viewer may take (feedback form, 签收, 办结 …).
 */
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Progress, Row, Select, Space, Steps, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { ACTION_LABELS, NOTICE_LABELS, SATISFACTIONS, SATISFACTION_LABELS, type SupervisionAction } from '../../../src/shared/supervision-vocabulary';
import { actOnItem, fetchItem } from './api';
import { ColourTag, countdown, NoticeTag } from './format';
import type { Item } from './types';

const STEP_ORDER = ['pending', 'assigned', 'signed', 'in_progress', 'reported', 'completed'] as const;
const STEP_LABELS = ['待交办', '已交办', '已签收', '办理中', '已反馈', '办结'];
const DANGER: readonly SupervisionAction[] = ['reject', 'cancel'];

const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

interface ActionValues {
  note?: string;
  progress?: number | null;
  date?: Dayjs;
  satisfaction?: string;
  deadline?: Dayjs;
}

/** The fields each action asks for. */
function fieldsOf(action: SupervisionAction, item: Item) {
  return {
    note: ['feedback', 'submit', 'reject', 'cancel', 'reply', 'assign', 'approve'].includes(action),
    noteRequired: ['feedback', 'submit', 'reject', 'cancel'].includes(action),
    progress: action === 'feedback' && item.relations.includes('lead'),
    date: action === 'meet' || action === 'reply',
    satisfaction: action === 'evaluate',
    deadline: action === 'assign',
  };
}

const NOTE_LABELS: Partial<Record<SupervisionAction, string>> = {
  feedback: '反馈内容',
  submit: '办理结果',
  reject: '驳回理由',
  cancel: '撤销理由',
  reply: '答复内容摘要',
  assign: '交办意见',
  approve: '审核意见',
};

function ActionModal({ item, action, onClose }: { item: Item; action: SupervisionAction; onClose: (changed: boolean) => void }) {
  const [form] = Form.useForm<ActionValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const fields = fieldsOf(action, item);
  const submit = async (values: ActionValues) => {
    setSaving(true);
    setError(null);
    try {
      await actOnItem(item.code, {
        action,
        version: item.version,
        note: values.note?.trim() || null,
        progress: values.progress ?? null,
        date: values.date ? values.date.format('YYYY-MM-DD') : null,
        satisfaction: values.satisfaction ?? null,
        deadline: values.deadline ? values.deadline.format('YYYY-MM-DD') : null,
      });
      form.resetFields();
      onClose(true);
    } catch (caught) {
      const conflict = isApiError(caught) && caught.code === 'CONFLICT';
      setError({ message: conflict ? '该事项已被他人办理,请关闭后刷新再试(您填写的内容仍在表单中)' : errorMessage(caught), conflict });
      if (isApiError(caught) && caught.field) {
        const name = caught.field.replace(/^body\./, '') as keyof ActionValues;
        if (['note', 'progress', 'date', 'satisfaction', 'deadline'].includes(name)) form.setFields([{ name, errors: [caught.message] }]);
      }
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      title={`${ACTION_LABELS[action]} · ${item.code}`}
      open
      onCancel={() => onClose(error?.conflict ?? false)}
      onOk={() => form.submit()}
      okText={ACTION_LABELS[action]}
      okButtonProps={{ danger: DANGER.includes(action) }}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form<ActionValues> form={form} layout="vertical" onFinish={submit} initialValues={{ progress: item.progress }}>
        {fields.deadline && (
          <Form.Item name="deadline" label={`办结时限(现为 ${item.deadline},可调整)`}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
          </Form.Item>
        )}
        {fields.progress && (
          <Form.Item name="progress" label="办理进度(%)">
            <InputNumber min={0} max={100} />
          </Form.Item>
        )}
        {fields.date && (
          <Form.Item name="date" label={action === 'meet' ? '见面日期' : '答复日期'} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
          </Form.Item>
        )}
        {fields.satisfaction && (
          <Form.Item name="satisfaction" label="代表评价" rules={[{ required: true, message: '请选择评价' }]}>
            <Select options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} />
          </Form.Item>
        )}
        {fields.note && (
          <Form.Item name="note" label={NOTE_LABELS[action] ?? '说明'} rules={fields.noteRequired ? [{ required: true, whitespace: true, message: `请填写${NOTE_LABELS[action] ?? '说明'}` }] : []}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
        )}
        {!fields.note && !fields.date && !fields.satisfaction && !fields.progress && <Typography.Text>确认{ACTION_LABELS[action]}?</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** The item's page. */
export function ItemPage() {
  const { ref = '' } = useParams();
  const detail = useApi((signal) => fetchItem(ref, signal), [ref]);
  const [action, setAction] = useState<SupervisionAction | null>(null);
  if (detail.error !== undefined) {
    return <Alert type="error" showIcon title={`加载失败:${errorMessage(detail.error)}`} action={<Link to="/supervision">返回台账</Link>} />;
  }
  const data = detail.data;
  if (!data) return <Card loading />;
  const { item, events, notices } = data;
  const current = item.state === 'cancelled' ? -1 : STEP_ORDER.indexOf(item.state as (typeof STEP_ORDER)[number]);
  return (
    <div data-testid="supervision-item">
      <Space style={{ marginBottom: 12 }} wrap>
        <Link to="/supervision">← 督办台账</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {item.code} {item.title}
        </Typography.Title>
        <ColourTag colour={item.colour} />
        <NoticeTag level={item.noticeLevel} />
        <Tag>{item.stateLabel}</Tag>
        {item.overdue && item.state !== 'completed' && <Tag color="red">逾期</Tag>}
      </Space>
      {item.colourReasons.length > 0 && <Alert type={item.colour === 'red' ? 'error' : 'warning'} showIcon title={item.colourReasons.join(';')} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }} data-testid="supervision-actions">
        {item.actions.map((a) => (
          <Button key={a} type={DANGER.includes(a) ? 'default' : 'primary'} danger={DANGER.includes(a)} onClick={() => setAction(a)}>
            {ACTION_LABELS[a]}
          </Button>
        ))}
        {item.actions.length === 0 && <Typography.Text type="secondary">当前无可办理的操作</Typography.Text>}
      </Space>
      {item.state !== 'cancelled' && <Steps size="small" current={current} items={STEP_LABELS.map((title) => ({ title }))} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title="事项信息" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label="来源">
                {item.sourceLabel}
                {item.sourceId ? ` ${item.sourceId}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="所属区域">{item.regionName}</Descriptions.Item>
              <Descriptions.Item label="主办单位">{item.leadUnit.name}</Descriptions.Item>
              <Descriptions.Item label="协办单位">{item.assistingUnits.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="办结时限">
                {item.deadline}({countdown(item)})
              </Descriptions.Item>
              <Descriptions.Item label="反馈周期">{item.feedbackIntervalDays ? `每 ${item.feedbackIntervalDays} 天` : '—'}</Descriptions.Item>
              <Descriptions.Item label="最近反馈">{time(item.lastFeedbackAt)}</Descriptions.Item>
              <Descriptions.Item label="交办时间">{time(item.assignedAt)}</Descriptions.Item>
              <Descriptions.Item label="办结时间">
                {time(item.completedAt)}
                {item.completedOnTime === false ? '(逾期办结)' : ''}
              </Descriptions.Item>
              <Descriptions.Item label="驳回次数">{item.rejectCount}</Descriptions.Item>
              <Descriptions.Item label="内容" span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.description || '—'}</Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">办理进度</Typography.Text>
              <Progress percent={item.progress} status={item.colour === 'red' && item.state !== 'completed' ? 'exception' : undefined} />
              {item.timeProgress !== null && item.state !== 'completed' && (
                <Typography.Text type="secondary">时间进度 {item.timeProgress}%</Typography.Text>
              )}
            </div>
          </Card>
          {item.deputy && (
            <Card size="small" title="人大代表建议办理" style={{ marginBottom: 16 }} data-testid="deputy-card">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label="提出代表">{item.deputy.name}</Descriptions.Item>
                <Descriptions.Item label="见面">{item.deputy.metOn ?? '未见面'}</Descriptions.Item>
                <Descriptions.Item label="答复">{item.deputy.repliedOn ?? '未答复'}</Descriptions.Item>
                <Descriptions.Item label="代表评价">{item.deputy.satisfactionLabel ?? '未评价'}</Descriptions.Item>
              </Descriptions>
            </Card>
          )}
          <Card size="small" title="三色督办单">
            <List
              size="small"
              dataSource={notices}
              locale={{ emptyText: '尚未发督办单' }}
              renderItem={(n) => (
                <List.Item>
                  <NoticeTag level={n.colour} />
                  <span style={{ flex: 1 }}>
                    {NOTICE_LABELS[n.colour]} → {n.unit.name}:{n.reason}
                  </span>
                  <Typography.Text type="secondary">{time(n.issuedAt)}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title="办理过程">
            <Timeline
              items={events.map((e) => ({
                key: e.id,
                color: e.action === 'overdue' || e.action === 'reject' ? 'red' : e.action === 'notice' ? 'orange' : e.action === 'approve' ? 'green' : 'blue',
                title: time(e.at),
                content: (
                  <div>
                    <Typography.Text strong>{e.actionLabel}</Typography.Text> <Typography.Text type="secondary">{e.actor}</Typography.Text>
                    {e.progress !== null && <div>进度 {e.progress}%</div>}
                    {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {action && (
        <ActionModal
          item={item}
          action={action}
          onClose={(changed) => {
            setAction(null);
            if (changed) detail.reload();
          }}
        />
      )}
    </div>
  );
}
