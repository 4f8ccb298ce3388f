/**
 * Edits one class of the catalogue (admin), or adds a minor class under a major one: name,
 * department and the towns' own departments, time limits per urgency and clock, and the
 * register and close conditions. Sends the version it read; a concurrent edit is a conflict.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Modal, Row, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CASE_URGENCIES, SLA_STAGE_LABELS, SLA_STAGES, URGENCY_LABELS } from '../../../src/shared/case-vocabulary';
import { errorMessage, isApiError } from '../api/client';
import { SaveErrorAlert } from '../forms/SaveErrorAlert';
import { createCategory, fetchCatalogue, saveCategory } from './api';
import { isConflict, showFieldError } from './errors';
import { LimitInput } from './LimitInput';
import { useFormSubmit } from './useFormSubmit';
import type { CaseUrgency, Category, StageLimits } from './types';
import { DepartmentSelect, TownSelect } from './widgets';

/** What is being edited: an existing class, or a new minor class under `parent`. */
export type CategoryEditing = { mode: 'edit'; category: Category } | { mode: 'create'; parent: Category };

interface TownRow {
  town?: string;
  department?: string;
}

interface CategoryValues {
  minorCode?: string;
  name: string;
  departmentCode?: string;
  active: boolean;
  registerCondition?: string;
  closeCondition?: string;
  limits?: Record<CaseUrgency, StageLimits>;
  towns: TownRow[];
}

const FIELDS = ['minorCode', 'name', 'departmentCode', 'active', 'registerCondition', 'closeCondition', 'limits', 'towns'];

/** Starting limits of a new minor class (STANDARDS.md §4 examples). */
const NEW_LIMITS: Record<CaseUrgency, StageLimits> = {
  normal: {
    dispatch: { kind: 'working_hours', amount: 1 },
    handle: { kind: 'working_hours', amount: 4 },
    check: { kind: 'working_hours', amount: 2 },
    total: { kind: 'working_days', amount: 5 },
  },
  urgent: {
    dispatch: { kind: 'emergency_hours', amount: 0.5 },
    handle: { kind: 'emergency_hours', amount: 2 },
    check: { kind: 'emergency_hours', amount: 1 },
    total: { kind: 'emergency_hours', amount: 24 },
  },
};

function valuesOf(editing: CategoryEditing, latest?: Category): CategoryValues {
  const category = latest ?? (editing.mode === 'edit' ? editing.category : null);
  if (!category) {
    return { name: '', active: true, limits: NEW_LIMITS, towns: [] };
  }
  return {
    minorCode: category.minorCode ?? undefined,
    name: category.name,
    departmentCode: category.departmentCode ?? undefined,
    active: category.active,
    registerCondition: category.registerCondition ?? '',
    closeCondition: category.closeCondition ?? '',
    limits: category.limits ?? undefined,
    towns: Object.entries(category.townDepartments ?? {}).map(([town, department]) => ({ town, department })),
  };
}

function blankToNull(text: string | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

/** The class to send from the form. */
function categoryOf(editing: CategoryEditing, values: CategoryValues, version: number): Category {
  const base = editing.mode === 'edit' ? editing.category : editing.parent;
  const minor = editing.mode === 'edit' ? base.parentCode !== null : true;
  const minorCode = editing.mode === 'create' ? (values.minorCode ?? '') : base.minorCode;
  const townDepartments: Record<string, string> = {};
  for (const row of values.towns) if (row.town && row.department) townDepartments[row.town] = row.department;
  return {
    code: editing.mode === 'create' ? `${base.code}${minorCode}` : base.code,
    kind: base.kind,
    majorCode: base.majorCode,
    minorCode,
    name: values.name.trim(),
    parentCode: editing.mode === 'create' ? base.code : base.parentCode,
    registerCondition: minor ? blankToNull(values.registerCondition) : null,
    closeCondition: minor ? blankToNull(values.closeCondition) : null,
    departmentCode: minor ? (values.departmentCode ?? null) : null,
    townDepartments: minor ? townDepartments : {},
    limits: minor ? (values.limits ?? null) : null,
    active: values.active,
    version,
  };
}

/** The limits of both urgencies, one row per clock. */
function LimitsGrid() {
  return (
    <>
      <Row gutter={8} style={{ marginBottom: 4 }}>
        <Col span={4} />
        {CASE_URGENCIES.map((u) => (
          <Col key={u} span={10}>
            <Typography.Text type="secondary">{URGENCY_LABELS[u]}</Typography.Text>
          </Col>
        ))}
      </Row>
      {SLA_STAGES.map((stage) => (
        <Row key={stage} gutter={8} align="middle">
          <Col span={4}>{SLA_STAGE_LABELS[stage]}</Col>
          {CASE_URGENCIES.map((u) => (
            <Col key={u} span={10}>
              <Form.Item name={['limits', u, stage]} style={{ marginBottom: 8 }} rules={[{ required: true, message: '请填写时限' }]}>
                <LimitInput aria-label={`${URGENCY_LABELS[u]}${SLA_STAGE_LABELS[stage]}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      ))}
    </>
  );
}

/** The towns whose own department handles this class. */
function TownDepartments() {
  return (
    <Form.List name="towns">
      {(rows, { add, remove }) => (
        <>
          {rows.map((row) => (
            <Row key={row.key} gutter={8} align="middle">
              <Col span={10}>
                <Form.Item name={[row.name, 'town']} style={{ marginBottom: 8 }} rules={[{ required: true, message: '请选择镇街' }]}>
                  <TownSelect allowClear={false} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={[row.name, 'department']} style={{ marginBottom: 8 }} rules={[{ required: true, message: '请选择部门' }]}>
                  <DepartmentSelect allowClear={false} />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label="删除" />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
            添加镇街专属部门
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Props of {@link CategoryEditModal}. */
export interface CategoryEditModalProps {
  editing: CategoryEditing | null;
  onClose: () => void;
  /** After a save, or after loading the latest version: the page reloads the catalogue. */
  onChanged: () => void;
}

/** The edit (or add) form of one class. */
export function CategoryEditModal({ editing, onClose, onChanged }: CategoryEditModalProps) {
  const [form] = Form.useForm<CategoryValues>();
  const { saving, error, setError, submitWith } = useFormSubmit(form);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    form.setFieldsValue(valuesOf(editing));
    setVersion(editing.mode === 'edit' ? editing.category.version : 0);
    setError(null);
    setConflict(false);
  }, [editing, form]);

  if (!editing) return null;
  const minor = editing.mode === 'create' || editing.category.parentCode !== null;

  const submit = submitWith(
    async (values) => {
      const category = categoryOf(editing, values, version);
      await (editing.mode === 'create' ? createCategory(category) : saveCategory(category));
      onChanged();
      onClose();
    },
    (caught) => {
      setConflict(isConflict(caught));
      return isConflict(caught) ? errorMessage(caught) : showFieldError(form, caught, FIELDS);
    },
  );

  const reload = async () => {
    if (editing.mode !== 'edit') return;
    setReloading(true);
    try {
      const latest = (await fetchCatalogue()).categories.find((c) => c.code === editing.category.code);
      if (latest) {
        form.setFieldsValue(valuesOf(editing, latest));
        setVersion(latest.version);
      }
      setConflict(false);
      setError(null);
      onChanged();
    } catch (caught) {
      setError(`重新加载失败:${isApiError(caught) ? caught.message : errorMessage(caught)}`);
    } finally {
      setReloading(false);
    }
  };

  const title =
    editing.mode === 'create'
      ? `新增小类 · ${editing.parent.code} ${editing.parent.name}`
      : `编辑分类 · ${editing.category.code} ${editing.category.name}`;

  return (
    <Modal
      open
      title={title}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: conflict }}
      onOk={submit}
      onCancel={onClose}
      width={760}
      destroyOnHidden
    >
      <SaveErrorAlert
        conflict={conflict}
        error={error}
        subject="该分类"
        latest="分类"
        onReload={reload}
        reloading={reloading}
        testId="category-conflict"
      />
      <Form<CategoryValues> form={form} layout="vertical" name="category-edit">
        <Row gutter={12}>
          {editing.mode === 'create' && (
            <Col span={8}>
              <Form.Item
                name="minorCode"
                label="小类编码"
                rules={[{ required: true, pattern: /^\d{2}$/, message: '请填写两位数字' }]}
                extra={`完整编码为 ${editing.parent.code} + 两位小类码`}
              >
                <Input maxLength={2} prefix={editing.parent.code} />
              </Form.Item>
            </Col>
          )}
          <Col span={editing.mode === 'create' ? 10 : 16}>
            <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={editing.mode === 'create' ? 6 : 8}>
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          </Col>
        </Row>
        {minor && (
          <>
            <Form.Item name="departmentCode" label="责任部门(派单目录)" rules={[{ required: true, message: '请选择责任部门' }]}>
              <DepartmentSelect />
            </Form.Item>
            <Form.Item label="镇街专属部门" tooltip="该镇街的此类事件派往所填部门,优先于上面的责任部门">
              <TownDepartments />
            </Form.Item>
            <Form.Item label="办理时限" tooltip="工作时、工作日按工作日历计算;紧急工作时全天候计时">
              <LimitsGrid />
            </Form.Item>
            <Form.Item name="registerCondition" label="立案条件">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="closeCondition" label="结案条件">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
