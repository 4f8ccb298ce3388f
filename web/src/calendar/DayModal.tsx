import { Alert, Form, Input, Modal, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { removeCalendarDay, saveCalendarDay } from './api';
import { fieldMessage } from './errors';
import { DAY_KIND_LABELS, formatDateWithWeekday, isoWeekday } from './format';
import type { CalendarDay, DayKind } from './types';

/** The date being edited and what it is now. */
export interface DayEditing {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** The special day on that date, or null for an ordinary day. */
  day: CalendarDay | null;
  /** ISO weekdays that are weekend days in this calendar. */
  weekendDays: readonly number[];
}

type Choice = DayKind | 'normal';

interface DayValues {
  choice: Choice;
  name?: string;
}

/** What a date is without any special day: '工作日' or '周末休息日'. */
function ordinaryLabel(editing: DayEditing): string {
  return editing.weekendDays.includes(isoWeekday(editing.date)) ? '周末休息日' : '工作日';
}

/** Props of {@link DayModal}. */
export interface DayModalProps {
  editing: DayEditing | null;
  onClose(): void;
  /** After a save: the message to show. */
  onSaved(message: string): void;
}

/** Sets one date as 休 (holiday), 班 (调休 working day), or back to normal; admin only. */
export function DayModal({ editing, onClose, onSaved }: DayModalProps) {
  const [form] = Form.useForm<DayValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choice = Form.useWatch('choice', form);

  useEffect(() => {
    if (!editing) return;
    const weekend = editing.weekendDays.includes(isoWeekday(editing.date));
    // An ordinary weekend day is usually made a 调休 working day; an ordinary weekday a holiday.
    const initial: Choice = editing.day?.kind ?? (weekend ? 'workday' : 'holiday');
    form.setFieldsValue({ choice: initial, name: editing.day?.name ?? '' });
    setError(null);
  }, [editing, form]);

  if (!editing) return null;
  const when = formatDateWithWeekday(editing.date);

  const submit = async () => {
    let values: DayValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      if (values.choice === 'normal') {
        const removed = await removeCalendarDay(editing.date);
        onSaved(removed ? `${when} 已恢复为${ordinaryLabel(editing)}` : `${when} 本来就是${ordinaryLabel(editing)}`);
      } else {
        const name = values.name?.trim() ? values.name.trim() : null;
        await saveCalendarDay(editing.date, { kind: values.choice, name });
        onSaved(`${when} 已设为${DAY_KIND_LABELS[values.choice]}${name ? `(${name})` : ''}`);
      }
    } catch (caught) {
      const field = isApiError(caught) ? caught.field : undefined;
      if (field && /(^|\.)name$/.test(field)) form.setFields([{ name: 'name', errors: [fieldMessage(caught)] }]);
      else if (field && /(^|\.)kind$/.test(field)) form.setFields([{ name: 'choice', errors: [fieldMessage(caught)] }]);
      else setError(field ? fieldMessage(caught) : errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const current = editing.day
    ? `${DAY_KIND_LABELS[editing.day.kind]}${editing.day.name ? `(${editing.day.name})` : ''}`
    : ordinaryLabel(editing);

  return (
    <Modal
      open
      title={`设置日期 · ${when}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      width={440}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">当前:{current}</Typography.Paragraph>
      <Form<DayValues> form={form} layout="vertical" name="calendar-day">
        <Form.Item name="choice" label="设为" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'holiday', label: '休 · 法定节假日' },
              { value: 'workday', label: '班 · 调休上班' },
              { value: 'normal', label: '恢复正常', disabled: !editing.day },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          tooltip="节日名称,如 春节、国庆节;调休上班日可填对应节日"
          style={{ marginBottom: 0 }}
        >
          <Input
            maxLength={50}
            allowClear
            disabled={choice === 'normal'}
            placeholder={choice === 'workday' ? '选填,如 春节调休' : '选填,如 春节'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
