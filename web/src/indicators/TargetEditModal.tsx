import { Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { saveTarget } from './api';
import { fieldMessage } from './errors';
import { clean, formatTarget, fractionToPercent, fromBase, levelUnits, percentToFraction, QUALIFIERS } from './format';
import type { IndicatorView, TargetInput, TargetView } from './types';
import { SaveErrorAlert } from '../forms/SaveErrorAlert';

/** Which target is being edited. */
export interface TargetEditing {
  indicator: IndicatorView;
  regionCode: string;
  regionName: string;
  year: number;
  target: TargetView | null;
}

interface TargetValues {
  levelValue?: number | null;
  levelUnit: string;
  growthPercent?: number | null;
  qualifier?: string | null;
  note?: string;
}

const FIELDS: Record<string, keyof TargetValues> = {
  level: 'levelValue',
  value: 'levelValue',
  unit: 'levelUnit',
  growth: 'growthPercent',
  qualifier: 'qualifier',
  note: 'note',
};

/** The form field an envelope's `field` (e.g. 'body.level.unit') points at. */
function fieldOf(path: string | undefined): keyof TargetValues | null {
  if (!path) return null;
  const parts = path.split('.').reverse();
  for (const part of parts) {
    const found = FIELDS[part];
    if (found) return found;
  }
  return null;
}

/** The form's starting values for a target: the level in the display unit, growth in percent. */
function initialValues(indicator: IndicatorView, target: TargetView | null): TargetValues {
  const units = levelUnits(indicator);
  const unit = units.includes(indicator.displayUnit) ? indicator.displayUnit : (units[0] ?? indicator.displayUnit);
  return {
    levelValue: target?.level === null || target?.level === undefined ? null : fromBase(target.level, unit),
    levelUnit: unit,
    growthPercent: fractionToPercent(target?.growth),
    qualifier: target?.qualifier ?? null,
    note: target?.note ?? '',
  };
}

/** Props of {@link TargetEditModal}. */
export interface TargetEditModalProps {
  editing: TargetEditing | null;
  onClose: () => void;
  onSaved: (target: TargetView) => void;
  /** Reloads the page's targets and returns this target as it now stands (after a conflict). */
  onReload: () => Promise<TargetView | null>;
}

/** Edits one region's annual target; sends the version it read, so a concurrent edit is a CONFLICT. */
export function TargetEditModal({ editing, onClose, onSaved, onReload }: TargetEditModalProps) {
  const [form] = Form.useForm<TargetValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [reloading, setReloading] = useState(false);

  useEffect(() => {
    if (!editing) return;
    form.setFieldsValue(initialValues(editing.indicator, editing.target));
    setVersion(editing.target?.version);
    setError(null);
    setConflict(false);
  }, [editing, form]);

  if (!editing) return null;
  const { indicator } = editing;
  const units = levelUnits(indicator);
  const levelAllowed = indicator.kind !== 'growth';

  const submit = async () => {
    let values: TargetValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    setConflict(false);
    const hasLevel = levelAllowed && values.levelValue !== null && values.levelValue !== undefined;
    const input: TargetInput = {
      indicatorCode: indicator.code,
      regionCode: editing.regionCode,
      year: editing.year,
      level: hasLevel ? { value: clean(values.levelValue as number), unit: values.levelUnit } : null,
      growth:
        values.growthPercent === null || values.growthPercent === undefined ? null : percentToFraction(values.growthPercent),
      qualifier: values.qualifier ?? null,
      note: values.note?.trim() ? values.note.trim() : null,
      version,
    };
    try {
      const saved = await saveTarget(input);
      onSaved(saved);
    } catch (caught) {
      if (isApiError(caught) && (caught.code === 'CONFLICT' || caught.status === 409)) {
        setConflict(true);
        setError(caught.message);
      } else {
        const found = isApiError(caught) ? fieldOf(caught.field) : null;
        // A growth-only indicator has no level input to show a level error under.
        const field = found === 'levelValue' || found === 'levelUnit' ? (levelAllowed ? found : null) : found;
        if (field) form.setFields([{ name: field, errors: [fieldMessage(caught)] }]);
        else setError(errorMessage(caught));
      }
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    setReloading(true);
    try {
      const latest = await onReload();
      form.setFieldsValue(initialValues(indicator, latest));
      setVersion(latest?.version);
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
      open
      title={`编辑目标 · ${indicator.name} · ${editing.regionName} · ${editing.year}年`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: conflict }}
      onOk={submit}
      onCancel={onClose}
      width={560}
    >
      <SaveErrorAlert
        conflict={conflict}
        error={error}
        subject="该目标"
        latest="目标"
        onReload={reload}
        reloading={reloading}
        testId="target-conflict"
      />
      <Typography.Paragraph type="secondary">当前目标:{formatTarget(editing.target)}</Typography.Paragraph>
      <Form<TargetValues> form={form} layout="vertical" name="target-edit">
        {levelAllowed && (
          <Form.Item label="目标值" tooltip="总量目标;留空表示只设增速目标">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="levelValue" noStyle>
                <InputNumber<number> style={{ width: '100%' }} min={0} placeholder="如 128.5" aria-label="目标值" />
              </Form.Item>
              <Form.Item name="levelUnit" noStyle>
                <Select style={{ width: 110 }} options={units.map((u) => ({ value: u, label: u }))} aria-label="单位" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        )}
        <Form.Item label="增长目标" tooltip="填 16 表示增长 16%;下降填负数" style={{ marginBottom: 0 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="growthPercent" noStyle>
              <InputNumber<number> style={{ width: '100%' }} placeholder="如 16" suffix="%" aria-label="增长目标" />
            </Form.Item>
            <Form.Item name="qualifier" noStyle>
              <Select
                allowClear
                placeholder="限定词"
                style={{ width: 110 }}
                options={QUALIFIERS.map((q) => ({ value: q, label: q }))}
                aria-label="限定词"
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="note" label="备注" style={{ marginTop: 24 }}>
          <Input.TextArea rows={2} maxLength={200} placeholder="选填,如 口径说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
