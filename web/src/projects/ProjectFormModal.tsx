/**
 * 新建项目 and 编辑项目: one form for a project's details, tags and planned milestone dates.
 * Money is typed in 万元 and sent in 元 (the API's base unit). Who may add what mirrors
 * src/domains/projects/projects-policy.ts: an admin anything in scope; a town admin only
 * projects of their own town (the town is fixed); a department handler only projects their
 * department owns (the department is fixed). The server still decides; its refusals and
 * validation failures are shown under the field they name.
 */
import { Alert, App, Button, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { UserView } from '../api/types';
import { useApi } from '../api/useApi';
import { DepartmentSelect, TownSelect } from '../cases/widgets';
import { LEVEL_LABELS, PROJECT_LEVELS, PROJECT_STAGES, STAGE_LABELS, type ProjectLevel, type ProjectStage } from '../../../src/shared/project-vocabulary';
import { createProject, fetchTags, patchProject, type ProjectDetail, type ProjectSummary } from './api';
import { isConflict, placeServerError, type FieldName } from './errors';

/** The roles that may add projects at all (each within its own town or department). */
const CREATOR_ROLES: readonly string[] = ['admin', 'town_admin', 'department_handler'];

/** True when the user may add some project (policy: admin; town admin; department handler). */
export function canCreateProjects(user: UserView): boolean {
  if (user.role === 'department_handler') return user.departmentCode !== null;
  return CREATOR_ROLES.includes(user.role);
}

/** The form's values: money in 万元, dates as picker values keyed by stage. */
interface ProjectFormValues {
  code: string;
  name: string;
  level: ProjectLevel;
  townCode?: string;
  ownerUnit: string;
  ownerDepartmentCode?: string;
  location?: string;
  totalWan: number;
  plannedThisYearWan?: number;
  description?: string;
  tags?: string[];
  planned?: Partial<Record<ProjectStage, Dayjs | null>>;
}

/** 万元 → 元, rounded to the 元 so float noise never reaches the API. */
function toYuan(wan: number): number {
  return Math.round(wan * 1e4);
}

/** Form fields by the API's names, where they differ. */
const ALIASES: Record<string, string> = { totalInvestment: 'totalWan', plannedThisYear: 'plannedThisYearWan' };
const PLAIN_FIELDS = ['code', 'name', 'level', 'townCode', 'ownerUnit', 'ownerDepartmentCode', 'location', 'totalWan', 'plannedThisYearWan', 'description', 'tags'];

/**
 * Maps an API field path to the form: `milestones.2.plannedDate` / `plannedDates.2.plannedDate`
 * to the date of the stage sent at index 2, `tags.1` to the tags, the rest by name.
 */
function resolverFor(sentStages: ProjectStage[]) {
  return (path: string): FieldName | null => {
    const parts = path.split('.');
    const [head, index] = parts;
    if ((head === 'milestones' || head === 'plannedDates') && index !== undefined) {
      const stage = sentStages[Number(index)];
      return stage ? ['planned', stage] : null;
    }
    if (head === 'tags') return 'tags';
    const name = ALIASES[head ?? ''] ?? head ?? '';
    return PLAIN_FIELDS.includes(name) ? name : null;
  };
}

/** The planned dates entered, in stage order. */
function plannedOf(values: ProjectFormValues): { stage: ProjectStage; plannedDate: string | null }[] {
  return PROJECT_STAGES.map((stage) => {
    const date = values.planned?.[stage];
    return { stage, plannedDate: date ? date.format('YYYY-MM-DD') : null };
  });
}

/** Client-side check of the planned dates' order; the server checks again. */
function plannedOrderRule(stage: ProjectStage) {
  return ({ getFieldValue }: { getFieldValue(name: FieldName): unknown }) => ({
    validator: (_: unknown, value: Dayjs | null | undefined) => {
      if (!value) return Promise.resolve();
      const index = PROJECT_STAGES.indexOf(stage);
      for (let i = index - 1; i >= 0; i -= 1) {
        const before = PROJECT_STAGES[i] as ProjectStage;
        const earlier = getFieldValue(['planned', before]) as Dayjs | null | undefined;
        if (earlier) {
          return value.isBefore(earlier, 'day') ? Promise.reject(new Error(`不能早于计划${STAGE_LABELS[before]}日期`)) : Promise.resolve();
        }
      }
      return Promise.resolve();
    },
  });
}

function ProjectFields({ user, creating }: { user: UserView; creating: boolean }) {
  const tags = useApi((signal) => fetchTags(signal), []);
  const form = Form.useFormInstance<ProjectFormValues>();
  const level = Form.useWatch('level', form);
  const isTownAdmin = user.role === 'town_admin';
  const isHandler = user.role === 'department_handler';
  // Level and town decide who approves stage changes: after creation only a district-wide admin changes them.
  const canRelocate = creating || (user.role === 'admin' && user.regionCode.length === 6);
  return (
    <>
      <Row gutter={16}>
        {creating && (
          <Col span={8}>
            <Form.Item name="code" label="项目编号" rules={[{ required: true, message: '请填写项目编号' }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, message: '字母、数字、-、_,不超过32位' }]}>
              <Input placeholder="如 GL2026-101" maxLength={32} />
            </Form.Item>
          </Col>
        )}
        <Col span={creating ? 16 : 24}>
          <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="level" label="级别" rules={[{ required: true }]} extra={canRelocate ? undefined : '级别和所在镇街只能由区级系统管理员变更'}>
            <Radio.Group optionType="button" disabled={!canRelocate} options={PROJECT_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="townCode"
            label="所在镇街"
            rules={[{ required: level === 'town' || isTownAdmin, message: level === 'town' ? '镇级项目须选择所在镇街' : '请选择镇街' }]}
            extra={level === 'district' && !isTownAdmin ? '区级项目可不选(全区)' : undefined}
          >
            <TownSelect disabled={isTownAdmin || !canRelocate} allowClear={!isTownAdmin && canRelocate} placeholder="所在镇街" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="tags" label="分类">
            <Select
              mode="multiple"
              aria-label="分类"
              placeholder="选择分类"
              loading={tags.loading}
              options={(tags.data ?? []).filter((t) => t.active).map((t) => ({ value: t.code, label: t.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="ownerUnit" label="业主单位" rules={[{ required: true, whitespace: true, message: '请填写业主单位' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="ownerDepartmentCode" label="责任部门" rules={[{ required: isHandler, message: '请选择责任部门' }]}>
            <DepartmentSelect disabled={isHandler} allowClear={!isHandler} placeholder="责任部门(可不选)" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={creating ? 8 : 12}>
          <Form.Item name="totalWan" label="总投资(万元)" rules={[{ required: true, message: '请填写总投资' }]}>
            <InputNumber min={0} max={1e9} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {creating && (
          <Col span={8}>
            <Form.Item name="plannedThisYearWan" label={`${dayjs().year()}年计划投资(万元)`}>
              <InputNumber min={0} max={1e9} style={{ width: '100%' }} placeholder="可稍后填写" />
            </Form.Item>
          </Col>
        )}
        <Col span={creating ? 8 : 12}>
          <Form.Item name="location" label="建设地点">
            <Input maxLength={200} placeholder="如 瓜沥镇航坞路以东" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label="建设内容">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Divider plain style={{ margin: '4px 0 12px' }}>
        计划节点日期
      </Divider>
      <Row gutter={16}>
        {PROJECT_STAGES.map((stage) => (
          <Col span={8} key={stage}>
            <Form.Item
              name={['planned', stage]}
              label={`计划${STAGE_LABELS[stage]}`}
              rules={[plannedOrderRule(stage)]}
              dependencies={PROJECT_STAGES.slice(0, PROJECT_STAGES.indexOf(stage)).map((s) => ['planned', s])}
            >
              <DatePicker style={{ width: '100%' }} aria-label={`计划${STAGE_LABELS[stage]}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}

/** The 新建项目 dialog; `onClose(id)` gets the new project's id, or null when cancelled. */
export function CreateProjectModal({ user, open, onClose }: { user: UserView; open: boolean; onClose(createdId: number | null): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial: Partial<ProjectFormValues> = {
    level: user.role === 'town_admin' ? 'town' : 'district',
    townCode: user.role === 'town_admin' ? user.regionCode : undefined,
    ownerDepartmentCode: user.role === 'department_handler' ? (user.departmentCode ?? undefined) : undefined,
  };
  const submit = async () => {
    let values: ProjectFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const milestones = plannedOf(values).filter((m) => m.plannedDate !== null);
    setSaving(true);
    setError(null);
    try {
      const { project } = await createProject({
        code: values.code.trim(),
        name: values.name,
        level: values.level,
        townCode: values.townCode ?? null,
        ownerUnit: values.ownerUnit,
        ownerDepartmentCode: values.ownerDepartmentCode ?? null,
        location: values.location || undefined,
        totalInvestment: toYuan(values.totalWan),
        description: values.description || undefined,
        tags: values.tags ?? [],
        plannedThisYear: values.plannedThisYearWan === undefined || values.plannedThisYearWan === null ? undefined : toYuan(values.plannedThisYearWan),
        milestones,
      });
      message.success(`已新增项目 ${project.code}`);
      form.resetFields();
      onClose(project.id);
    } catch (caught) {
      setError(placeServerError(form, caught, resolverFor(milestones.map((m) => m.stage))));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title="新建项目" open={open} width={820} onCancel={() => onClose(null)} onOk={() => void submit()} okText="保存" confirmLoading={saving} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="project-create-form" preserve={false}>
        <ProjectFields user={user} creating />
      </Form>
    </Modal>
  );
}

/** The 编辑项目 dialog; sends the version read, and shows a CONFLICT with a reload button. */
export function EditProjectModal({
  user,
  detail,
  open,
  onClose,
}: {
  user: UserView;
  detail: ProjectDetail;
  open: boolean;
  /** `reload` true when the page should read the project again (after a save or a conflict). */
  onClose(reload: boolean): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const p: ProjectSummary = detail.project;
  const initial: Partial<ProjectFormValues> = {
    name: p.name,
    level: p.level,
    townCode: p.townCode ?? undefined,
    ownerUnit: p.ownerUnit,
    ownerDepartmentCode: p.ownerDepartmentCode ?? undefined,
    location: p.location,
    totalWan: p.totalInvestment / 1e4,
    description: p.description,
    tags: p.tags.map((t) => t.code),
    planned: Object.fromEntries(detail.milestones.map((m) => [m.stage, m.plannedDate ? dayjs(m.plannedDate) : null])),
  };
  const submit = async () => {
    let values: ProjectFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const plannedDates = plannedOf(values);
    setSaving(true);
    setError(null);
    try {
      await patchProject(p.id, {
        version: p.version,
        name: values.name,
        level: values.level,
        townCode: values.townCode ?? null,
        ownerUnit: values.ownerUnit,
        ownerDepartmentCode: values.ownerDepartmentCode ?? null,
        location: values.location ?? '',
        totalInvestment: toYuan(values.totalWan),
        description: values.description ?? '',
        tags: values.tags ?? [],
        plannedDates,
      });
      message.success('已保存项目信息');
      onClose(true);
    } catch (caught) {
      const text = placeServerError(form, caught, resolverFor(plannedDates.map((m) => m.stage)));
      setError(text === null ? null : { text, conflict: isConflict(caught) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={`编辑项目 ${p.code}`} open={open} width={820} onCancel={() => onClose(false)} onOk={() => void submit()} okText="保存" confirmLoading={saving} destroyOnHidden>
      {error && (
        <Alert
          type={error.conflict ? 'warning' : 'error'}
          showIcon
          title={error.text}
          data-testid={error.conflict ? 'project-conflict' : undefined}
          action={error.conflict ? <Button size="small" onClick={() => onClose(true)}>重新加载</Button> : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="project-edit-form" preserve={false}>
        <ProjectFields user={user} creating={false} />
      </Form>
    </Modal>
  );
}
