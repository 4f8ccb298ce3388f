/**
 * 新建督办: a leadership instruction (领导批示), a deputy's suggestion (人大代表建议) or another
 * matter, with its lead and assisting units, deadline and feedback interval. Bad input comes
 * back from the server with the field at fault, shown on that field; nothing typed is lost.
 */
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { apiGet, errorMessage, isApiError } from '../api/client';
import type { UserView } from '../api/types';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { raiseItem } from './api';
import type { Unit } from './types';

interface FormValues {
  sourceType: 'leadership' | 'deputy_suggestion' | 'other';
  sourceId?: string;
  title: string;
  description?: string;
  regionCode: string;
  lead: string;
  assisting?: string[];
  deadline: Dayjs;
  feedbackIntervalDays?: number | null;
  deputyName?: string;
  deputyUserId?: string;
  assign: boolean;
}

const unitOf = (value: string) => {
  const [kind, code] = value.split(':');
  return { kind: kind ?? '', code: code ?? '' };
};

/** The dialog; `onClose(true)` when an item was made. */
export function RaiseModal({ open, onClose, units }: { open: boolean; onClose: (made: boolean) => void; units: Unit[] }) {
  const user = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sourceType = Form.useWatch('sourceType', form);
  const deputies = useApi((signal) => (open && sourceType === 'deputy_suggestion' ? apiGet<{ users: UserView[] }>('/api/users', { query: { role: 'deputy' }, signal }) : null), [open, sourceType]);
  const regions = [
    { value: user.regionCode, label: user.regionName },
    ...units.filter((u) => u.kind === 'region' && u.code !== user.regionCode && u.code.startsWith(user.regionCode)).map((u) => ({ value: u.code, label: u.name })),
  ];
  const unitOptions = units.map((u) => ({ value: `${u.kind}:${u.code}`, label: `${u.name}${u.kind === 'region' ? '(镇街)' : ''}` }));

  const submit = async (values: FormValues) => {
    setSaving(true);
    setError(null);
    try {
      await raiseItem({
        sourceType: values.sourceType,
        sourceId: values.sourceId?.trim() || null,
        title: values.title,
        description: values.description ?? '',
        regionCode: values.regionCode,
        leadUnit: unitOf(values.lead),
        assistingUnits: (values.assisting ?? []).map(unitOf),
        deadline: values.deadline.format('YYYY-MM-DD'),
        feedbackIntervalDays: values.feedbackIntervalDays ?? null,
        deputyName: values.sourceType === 'deputy_suggestion' ? (values.deputyName ?? null) : null,
        deputyUserId: values.sourceType === 'deputy_suggestion' ? (values.deputyUserId ?? null) : null,
        assign: values.assign,
      });
      form.resetFields();
      onClose(true);
    } catch (caught) {
      setError(errorMessage(caught));
      if (isApiError(caught) && caught.field) {
        const field = caught.field.replace(/^body\./, '').replace(/^leadUnit.*/, 'lead').replace(/^assistingUnits.*/, 'assisting');
        if (['title', 'description', 'regionCode', 'lead', 'assisting', 'deadline', 'feedbackIntervalDays', 'deputyName', 'deputyUserId', 'sourceId'].includes(field)) {
          form.setFields([{ name: field as keyof FormValues, errors: [caught.message] }]);
        }
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="新建督办事项" open={open} onCancel={() => onClose(false)} onOk={() => form.submit()} okText="立项" confirmLoading={saving} width={640} forceRender>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="raise-error" />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} initialValues={{ sourceType: 'leadership', regionCode: user.regionCode, assign: true }}>
        <Form.Item name="sourceType" label="来源" rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'leadership', label: '领导批示' },
              { value: 'deputy_suggestion', label: '人大代表建议' },
              { value: 'other', label: '其他' },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label="督办事项" rules={[{ required: true, whitespace: true, message: '请填写督办事项标题' }, { max: 200 }]}>
          <Input placeholder="如:区长批示——整治主干道乱停车" />
        </Form.Item>
        <Form.Item name="description" label="内容与要求" rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {sourceType === 'deputy_suggestion' && (
          <>
            <Form.Item name="sourceId" label="建议编号">
              <Input placeholder="如:瓜人大建〔2026〕12 号" />
            </Form.Item>
            <Form.Item name="deputyName" label="提出代表" rules={[{ required: true, whitespace: true, message: '请填写代表姓名' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="deputyUserId" label="代表账号(可选:关联后代表可查看并评价)">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={deputies.loading}
                options={(deputies.data?.users ?? []).map((u) => ({ value: u.id, label: `${u.displayName}(${u.regionName})` }))}
                onChange={(id: string | undefined) => {
                  const chosen = deputies.data?.users.find((u) => u.id === id);
                  if (chosen && !form.getFieldValue('deputyName')) form.setFieldValue('deputyName', chosen.displayName);
                }}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="regionCode" label="所属区域" rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={regions} />
        </Form.Item>
        <Form.Item name="lead" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
          <Select showSearch optionFilterProp="label" options={unitOptions} />
        </Form.Item>
        <Form.Item name="assisting" label="协办单位">
          <Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions} />
        </Form.Item>
        <Form.Item name="deadline" label="办结时限" rules={[{ required: true, message: '请选择办结时限' }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
        <Form.Item name="feedbackIntervalDays" label="定期反馈周期(天,可不填)">
          <InputNumber min={1} max={365} />
        </Form.Item>
        <Form.Item name="assign" valuePropName="checked">
          <Checkbox>立项后立即交办</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
