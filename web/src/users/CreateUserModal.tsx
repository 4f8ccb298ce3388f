import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { errorMessage, isApiError } from '../api/client';
import type { Role, UserView } from '../api/types';
import { ROLE_LABELS, ROLES } from '../auth/roles';
import { RegionPicker } from '../regions/RegionPicker';
import { useApi } from '../api/useApi';
import { createUser, fetchDepartments, type CreateUserInput } from './api';

interface CreateUserValues {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  departmentCode?: string;
  phone?: string;
  password: string;
}

const FIELDS: readonly (keyof CreateUserValues)[] = [
  'username',
  'displayName',
  'role',
  'regionCode',
  'departmentCode',
  'phone',
  'password',
];

/** The form field a server error points at; the envelope may give a dotted path (`body.phone`). */
function fieldOf(path: string | undefined): keyof CreateUserValues | null {
  if (!path) return null;
  const found = FIELDS.find((name) => path === name || path.endsWith(`.${name}`) || path.startsWith(`${name}.`));
  return found ?? null;
}

/** The message to show under a field, without a leading `body.phone:` the field already says. */
function fieldMessage(error: unknown): string {
  const message = errorMessage(error);
  const path = isApiError(error) ? error.field : undefined;
  if (!path) return message;
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = message.replace(new RegExp(`^${escaped}\\s*[:：]\\s*`), '');
  return stripped || message;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Props of {@link CreateUserModal}. */
export interface CreateUserModalProps {
  open: boolean;
  /** Roles offered; which ones the caller may actually grant is the server's decision. */
  roles?: readonly Role[];
  onClose: () => void;
  onCreated: (user: UserView) => void;
}

/** 新建用户: the create form; server field errors show under the field they name. */
export function CreateUserModal({ open, roles = ROLES, onClose, onCreated }: CreateUserModalProps) {
  const [form] = Form.useForm<CreateUserValues>();
  const departments = useApi((signal) => (open ? fetchDepartments(signal) : null), [open]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let values: CreateUserValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    const input: CreateUserInput = {
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      role: values.role,
      regionCode: values.regionCode,
      departmentCode: blankToUndefined(values.departmentCode),
      phone: blankToUndefined(values.phone),
      password: values.password,
    };
    try {
      const user = await createUser(input);
      form.resetFields();
      onCreated(user);
    } catch (caught) {
      const field = isApiError(caught) ? fieldOf(caught.field) : null;
      if (field) form.setFields([{ name: field, errors: [fieldMessage(caught)] }]);
      else setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建用户"
      okText="创建"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose();
      }}
      forceRender
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<CreateUserValues> form={form} layout="vertical" name="create-user" requiredMark>
        <Form.Item
          name="username"
          label="用户名"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
        >
          <Input placeholder="登录用的账号,如 zhangsan" autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input placeholder="如 张三" maxLength={50} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select placeholder="请选择角色" options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
        </Form.Item>
        <Form.Item name="regionCode" label="所属区域" rules={[{ required: true, message: '请选择所属区域' }]}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="departmentCode" label="所属部门" tooltip="部门处置人员须选择所属部门">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="选填"
            loading={departments.loading}
            options={(departments.data ?? []).map((d) => ({ value: d.code, label: `${d.name}(${d.code})` }))}
          />
        </Form.Item>
        <Form.Item name="phone" label="电话">
          <Input placeholder="选填" />
        </Form.Item>
        <Form.Item
          name="password"
          label="初始密码"
          rules={[{ required: true, message: '请输入初始密码' }]}
        >
          <Input.Password placeholder="请输入初始密码" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
