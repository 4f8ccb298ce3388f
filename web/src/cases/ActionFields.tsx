/**
 * The fields of one workflow action's form (the single-case and the bulk form share them):
 * always a note, and what the action needs besides — a department, an extension in working
 * days, the case to merge into, the call-back result, the class, photos.
 */
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { CASE_URGENCIES, SATISFACTION_LABELS, SATISFACTIONS, URGENCY_LABELS } from '../../../src/shared/case-vocabulary';
import { actionSpec, type ActionParam } from './actions';
import { PhotoUpload } from './PhotoUpload';
import type { ActionParams, CaseAction, CaseId, CaseUrgency, Category, Satisfaction } from './types';
import { CategorySelect, DepartmentSelect, TownSelect } from './widgets';

/** The values of an action's form. */
export interface ActionValues {
  note?: string;
  departmentCode?: string;
  amount?: number;
  mergeInto?: string;
  satisfaction?: Satisfaction;
  categoryCode?: string;
  urgency?: CaseUrgency;
  attachmentIds?: string[];
  townCode?: string;
}

/** The form's field names, for placing the server's field errors. */
export const ACTION_FIELDS = [
  'note',
  'departmentCode',
  'amount',
  'mergeInto',
  'satisfaction',
  'categoryCode',
  'urgency',
  'attachmentIds',
  'townCode',
] as const;

/** A typed case number as the API's id: a number when it is all digits. */
function caseIdOf(text: string | undefined): CaseId | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The parameters to send: the values the action takes, blanks left out. */
export function toActionParams(action: CaseAction, values: ActionValues): ActionParams {
  const { params } = actionSpec(action);
  const note = values.note?.trim();
  return {
    note: note ? note : undefined,
    departmentCode: params.includes('department') ? values.departmentCode : undefined,
    amount: params.includes('amount') ? values.amount : undefined,
    mergeInto: params.includes('mergeInto') ? caseIdOf(values.mergeInto) : undefined,
    satisfaction: params.includes('satisfaction') ? values.satisfaction : undefined,
    categoryCode: params.includes('category') ? values.categoryCode : undefined,
    urgency: params.includes('category') ? values.urgency : undefined,
    attachmentIds: params.includes('photos') && values.attachmentIds?.length ? values.attachmentIds : undefined,
    townCode: params.includes('category') && values.townCode ? values.townCode : undefined,
  };
}

/** Props of {@link ActionFields}. */
export interface ActionFieldsProps {
  action: CaseAction;
  categories: readonly Category[] | undefined;
  /**
   * The form acts on many cases: no photos (one photo cannot prove many cases) and no change
   * of class (each case keeps its own).
   */
  bulk?: boolean;
  /** The case has no town yet: registering it may place it in one. */
  unrouted?: boolean;
  onUploadingChange?: (busy: boolean) => void;
}

/** The Form.Items of one action; place inside a Form. */
export function ActionFields({ action, categories, bulk = false, unrouted = false, onUploadingChange }: ActionFieldsProps) {
  const spec = actionSpec(action);
  const perCase: readonly ActionParam[] = ['photos', 'category'];
  const has = (param: ActionParam) => spec.params.includes(param) && !(bulk && perCase.includes(param));
  return (
    <>
      {has('department') && (
        <Form.Item name="departmentCode" label="处置部门" rules={[{ required: true, message: '请选择处置部门' }]}>
          <DepartmentSelect />
        </Form.Item>
      )}
      {has('amount') && (
        <Form.Item
          name="amount"
          label="延期时长"
          rules={[{ required: true, message: '请填写延期的工作日数' }]}
          extra="须在到期前至少一个工作日提出,经审批后计时顺延"
        >
          <InputNumber<number> min={1} max={30} precision={0} suffix="个工作日" style={{ width: 200 }} />
        </Form.Item>
      )}
      {has('mergeInto') && (
        <Form.Item name="mergeInto" label="并入事件编号" rules={[{ required: true, whitespace: true, message: '请填写要并入的事件编号' }]}>
          <Input placeholder="主事件的编号" />
        </Form.Item>
      )}
      {has('satisfaction') && (
        <Form.Item name="satisfaction" label="回访结果" rules={[{ required: true, message: '请选择回访结果' }]}>
          <Radio.Group
            options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))}
            optionType="button"
          />
        </Form.Item>
      )}
      {has('category') && (
        <>
          <Form.Item name="categoryCode" label="事件分类" extra="立案时可更正分类">
            <CategorySelect categories={categories} />
          </Form.Item>
          <Form.Item name="urgency" label="紧急程度">
            <Select options={CASE_URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} style={{ width: 160 }} />
          </Form.Item>
          {unrouted && (
            <Form.Item name="townCode" label="所属镇街" extra="事件尚未定位到镇街,立案时可指定">
              <TownSelect style={{ width: 200 }} />
            </Form.Item>
          )}
        </>
      )}
      <Form.Item
        name="note"
        label={spec.noteRequired ? '意见说明' : '意见说明(选填)'}
        rules={[{ required: spec.noteRequired, whitespace: true, message: '请填写意见说明' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      {has('photos') && (
        <Form.Item name="attachmentIds" label="现场照片">
          <PhotoUpload onBusyChange={onUploadingChange} />
        </Form.Item>
      )}
    </>
  );
}
