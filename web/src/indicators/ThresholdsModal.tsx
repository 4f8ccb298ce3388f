import { Alert, Form, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { saveThresholds } from './api';
import { fieldMessage } from './errors';
import type { BoardThresholds } from './types';

interface ThresholdsModalProps {
  open: boolean;
  thresholds: BoardThresholds;
  onClose(): void;
  onSaved(thresholds: BoardThresholds): void;
}

const FIELDS: { name: keyof BoardThresholds; label: string }[] = [
  { name: 'yellowBehindPp', label: '完成率落后序时进度达到(个百分点)为黄灯' },
  { name: 'redBehindPp', label: '完成率落后序时进度超过(个百分点)为红灯' },
  { name: 'growthYellowBelowPp', label: '同比增速低于目标超过(个百分点)为黄灯' },
  { name: 'growthRedBelowPp', label: '同比增速低于目标超过(个百分点)为红灯' },
];

/** 设置评价阈值: the district administrator changes the traffic-light thresholds (STANDARDS §7). */
export function ThresholdsModal({ open, thresholds, onClose, onSaved }: ThresholdsModalProps) {
  const [form] = Form.useForm<BoardThresholds>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      onSaved(await saveThresholds(values));
    } catch (caught) {
      const field = isApiError(caught) ? caught.field?.replace(/^body\./, '') : undefined;
      if (field && FIELDS.some((f) => f.name === field)) {
        form.setFields([{ name: field as keyof BoardThresholds, errors: [fieldMessage(caught)] }]);
      } else {
        setError(fieldMessage(caught));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="设置评价阈值" open={open} onOk={submit} onCancel={onClose} confirmLoading={saving} okText="保存" destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={thresholds}>
        {FIELDS.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: '请输入' }]}>
            <InputNumber min={0} max={100} step={1} style={{ width: 160 }} addonAfter="pp" />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
