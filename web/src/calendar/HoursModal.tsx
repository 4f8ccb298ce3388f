import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Modal, TimePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { saveCalendarHours } from './api';
import { fieldMessage } from './errors';
import { pickerToTime, timeToPicker, WEEKDAY_LABELS } from './format';
import type { CalendarView } from './types';
import { SaveErrorAlert } from '../forms/SaveErrorAlert';

interface HoursValues {
  periods: ([Dayjs, Dayjs] | null)[];
  weekendDays: number[];
}

const WEEKDAY_OPTIONS = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: WEEKDAY_LABELS[d] ?? String(d) }));

function initialValues(calendar: CalendarView): HoursValues {
  return {
    periods: calendar.workingHours.map((p) => [timeToPicker(p.start), timeToPicker(p.end)] as [Dayjs, Dayjs]),
    weekendDays: [...calendar.weekendDays],
  };
}

/** Where an envelope's `field` points in the form: a period row, the list, the weekend days, or nowhere. */
function fieldOf(path: string | undefined): ['periods', number] | ['periods'] | ['weekendDays'] | null {
  if (!path) return null;
  const row = /(?:^|\.)workingHours\.(\d+)(?:\.|$)/.exec(path);
  if (row) return ['periods', Number(row[1])];
  // The list as a whole (e.g. overlapping periods reported without a row): under the list.
  if (/(?:^|\.)workingHours$/.test(path)) return ['periods'];
  if (/(?:^|\.)weekendDays(?:\.|$)/.test(path)) return ['weekendDays'];
  return null;
}

/** Props of {@link HoursModal}. */
export interface HoursModalProps {
  open: boolean;
  calendar: CalendarView;
  onClose(): void;
  onSaved(calendar: CalendarView): void;
  /** Reloads the calendar and returns it as it now stands (after a conflict). */
  onReload(): Promise<CalendarView>;
}

/** 编辑工作时间: the daily working periods and the weekend days; sends the version it read. */
export function HoursModal({ open, calendar, onClose, onSaved, onReload }: HoursModalProps) {
  const [form] = Form.useForm<HoursValues>();
  const [version, setVersion] = useState(calendar.version);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialValues(calendar));
    setVersion(calendar.version);
    setError(null);
    setConflict(false);
    // Only when the modal opens: a reload of the page while it is open must not wipe what was typed.
  }, [open]);

  const submit = async () => {
    let values: HoursValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    setConflict(false);
    try {
      const saved = await saveCalendarHours({
        workingHours: values.periods
          .filter((p): p is [Dayjs, Dayjs] => p !== null)
          .map(([start, end]) => ({ start: pickerToTime(start), end: pickerToTime(end) })),
        weekendDays: [...values.weekendDays].sort((a, b) => a - b),
        version,
      });
      onSaved(saved);
    } catch (caught) {
      if (isApiError(caught) && (caught.code === 'CONFLICT' || caught.status === 409)) {
        setConflict(true);
        setError(caught.message);
        return;
      }
      const target = isApiError(caught) ? fieldOf(caught.field) : null;
      if (target) form.setFields([{ name: target, errors: [fieldMessage(caught)] }]);
      else setError(isApiError(caught) && caught.field ? fieldMessage(caught) : errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    setReloading(true);
    try {
      const latest = await onReload();
      form.resetFields();
      form.setFieldsValue(initialValues(latest));
      setVersion(latest.version);
      setConflict(false);
      setError(null);
    } catch (caught) {
      setError(`重新加载失败:${errorMessage(caught)}`);
    } finally {
      setReloading(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`编辑工作时间 · ${calendar.name}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: conflict }}
      onOk={submit}
      onCancel={onClose}
      width={520}
      forceRender
    >
      <SaveErrorAlert
        conflict={conflict}
        error={error}
        subject="工作时间"
        latest="设置"
        onReload={reload}
        reloading={reloading}
        testId="hours-conflict"
      />
      <Form<HoursValues> form={form} layout="vertical" name="calendar-hours">
        <Form.Item label="每日工作时段" required tooltip="按时间先后填写,时段之间不得重叠;工作时只在这些时段内计时" style={{ marginBottom: 8 }}>
          <Form.List
            name="periods"
            rules={[
              {
                validator: async (_, periods: unknown[] | undefined) => {
                  if (!periods || periods.length === 0) throw new Error('至少需要一个工作时段');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={0}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item
                      name={field.name}
                      rules={[
                        { required: true, message: '请选择开始和结束时间' },
                        {
                          validator: async (_, value: [Dayjs, Dayjs] | null | undefined) => {
                            if (value && pickerToTime(value[0]) >= pickerToTime(value[1])) throw new Error('结束时间须晚于开始时间');
                          },
                        },
                      ]}
                      style={{ flex: 1, marginBottom: 12 }}
                    >
                      <TimePicker.RangePicker
                        format="HH:mm"
                        minuteStep={5}
                        style={{ width: '100%' }}
                        placeholder={['开始时间', '结束时间']}
                        aria-label={`时段${index + 1}`}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`删除时段${index + 1}`}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 0 }}
                    />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(null)} block>
                  添加时段
                </Button>
                <Form.ErrorList errors={errors} />
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="weekendDays" label="每周休息日" tooltip="调休上班日会覆盖这里的休息日">
          <Checkbox.Group options={WEEKDAY_OPTIONS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
