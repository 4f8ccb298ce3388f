import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../api/client';
import type { UserView } from '../api/types';
import { useApi } from '../api/useApi';
import { ROLE_LABELS, ROLES } from '../auth/roles';
import { fetchDepartments, fetchUsers } from './api';
import { CreateUserModal } from './CreateUserModal';

function buildColumns(departmentNames: Map<string, string>): TableColumnsType<UserView> {
  return [
    { title: '用户名', dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
    { title: '姓名', dataIndex: 'displayName' },
    {
      title: '角色',
      dataIndex: 'roleLabel',
      filters: ROLES.map((role) => ({ text: ROLE_LABELS[role], value: role })),
      onFilter: (value, user) => user.role === value,
    },
    {
      title: '所属区域',
      dataIndex: 'regionName',
      render: (_, user) => (
        <span title={user.regionCode}>
          {user.regionName}
        </span>
      ),
    },
    {
      title: '部门',
      dataIndex: 'departmentCode',
      render: (value: string | null) => (value ? <span title={value}>{departmentNames.get(value) ?? value}</span> : '—'),
    },
    { title: '电话', dataIndex: 'phone', render: (value: string | null) => value ?? '—' },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 90,
      render: (disabled: boolean) => (disabled ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>),
    },
  ];
}

/** 用户与权限: the users in the caller's scope and a form to create one. */
export function UsersPage() {
  const { message } = App.useApp();
  const users = useApi((signal) => fetchUsers(signal), []);
  const departments = useApi((signal) => fetchDepartments(signal), []);
  const columns = useMemo(
    () => buildColumns(new Map((departments.data ?? []).map((d) => [d.code, d.name]))),
    [departments.data],
  );
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = users.data ?? [];
    if (!q) return all;
    return all.filter((u) =>
      [u.username, u.displayName, u.regionName, u.departmentCode ?? ''].some((text) => text.toLowerCase().includes(q)),
    );
  }, [users.data, filter]);

  return (
    <Card
      title="用户列表"
      extra={
        <Flex gap={8}>
          <Input.Search placeholder="筛选用户名/姓名/区域"
            allowClear
            onChange={(e) => setFilter(e.target.value)}
            style={{ width: 260 }} />
          <Button icon={<ReloadOutlined />} onClick={users.reload}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建用户
          </Button>
        </Flex>
      }
    >
      {users.error !== undefined && (
        <Alert type="error" showIcon title={`用户加载失败:${errorMessage(users.error)}`} style={{ marginBottom: 16 }} />
      )}
      <Table<UserView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={users.loading}
        pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 人`, showSizeChanger: false }}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          message.success(`已创建用户 ${user.displayName}(${user.username})`);
          users.reload();
        }}
      />
    </Card>
  );
}
