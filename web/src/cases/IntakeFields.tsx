/**
 * What the two intake forms (新建事件 and 巡查上报) share: the fields about the problem itself
 * and how their values become the body of `POST /api/cases`.
 */
import { Form, Input, Radio } from 'antd';
import { CASE_URGENCIES, URGENCY_LABELS } from '../../../src/shared/case-vocabulary';
import type { LonLat } from './CaseMap';
import type { CaseIntake, CaseUrgency } from './types';

/** The values both intake forms have. */
export interface CoreIntakeValues {
  categoryCode?: string;
  urgency: CaseUrgency;
  description: string;
  point?: LonLat | null;
  attachmentIds?: string[];
}

/** The API's names that the forms keep under another name (the point holds both). */
export const INTAKE_ALIASES: Readonly<Record<string, string>> = { lon: 'point', lat: 'point' };

/** The part of the body that comes from the shared values. */
export function coreIntake(values: CoreIntakeValues): Omit<CaseIntake, 'channel'> {
  return {
    description: values.description.trim(),
    categoryCode: values.categoryCode,
    urgency: values.urgency,
    lon: values.point?.lon,
    lat: values.point?.lat,
    attachmentIds: values.attachmentIds?.length ? values.attachmentIds : undefined,
  };
}

/** 紧急程度 as two buttons; `wide` fills the row with solid buttons (phones). */
export function UrgencyField({ wide = false }: { wide?: boolean }) {
  return (
    <Form.Item name="urgency" label="紧急程度">
      <Radio.Group
        block={wide}
        optionType="button"
        buttonStyle={wide ? 'solid' : 'outline'}
        options={CASE_URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))}
      />
    </Form.Item>
  );
}

/** 问题描述, required, at most 4000 characters with a counter. */
export function DescriptionField({ rows, placeholder }: { rows: number; placeholder: string }) {
  return (
    <Form.Item
      name="description"
      label="问题描述"
      rules={[
        { required: true, whitespace: true, message: '请填写问题描述' },
        { max: 4000, message: '问题描述不能超过4000字' },
      ]}
    >
      <Input.TextArea rows={rows} maxLength={4000} showCount placeholder={placeholder} />
    </Form.Item>
  );
}
