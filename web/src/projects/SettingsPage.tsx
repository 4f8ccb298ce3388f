/**
 * 分类与阈值: the district's tag classes (产业, 基础设施, 民生, 生态 …) and the light thresholds
 * of STANDARDS §7. Everyone may read; a district administrator changes them.
 */
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { fetchTags, fetchThresholds, putTag, putThresholds, type ProjectTag, type ProjectThresholds } from './api';

function ThresholdsCard({ editable }: { editable: boolean }) {
  const { message } = App.useApp();
  const thresholds = useApi((signal) => fetchThresholds(signal), []);
  const [form] = Form.useForm<ProjectThresholds>();
  if (!thresholds.data) return <Card size="small" title="亮灯阈值" loading />;
  return (
    <Card size="small" title="亮灯阈值(STANDARDS §7)">
      <Form
        form={form}
        layout="inline"
        disabled={!editable}
        initialValues={thresholds.data}
        onFinish={(values) =>
          putThresholds(values)
            .then(() => {
              message.success('已保存');
              thresholds.reload();
            })
            .catch((e: unknown) => message.error(errorMessage(e)))
        }
        style={{ rowGap: 8 }}
      >
        <Form.Item name="yellowBehindPp" label="投资落后序时进度 ≥ N 个百分点黄灯">
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="redBehindPp" label="> N 个百分点红灯">
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="startYellowMonthsLate" label="逾期 N 个月未开工黄灯">
          <InputNumber min={1} max={120} />
        </Form.Item>
        <Form.Item name="startRedMonthsLate" label="逾期 N 个月未开工红灯">
          <InputNumber min={1} max={120} />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        )}
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        落后序时进度不足黄灯阈值(默认 0–10 个百分点)按“基本正常”计绿灯;序时进度 = 月份 / 12。
      </Typography.Paragraph>
    </Card>
  );
}

function TagRow({ tag, editable, onSaved }: { tag: ProjectTag; editable: boolean; onSaved(): void }) {
  const { message } = App.useApp();
  const [name, setName] = useState(tag.name);
  const save = (patch: Partial<ProjectTag>) =>
    putTag(tag.code, { name: patch.name ?? name, sortOrder: tag.sortOrder, active: patch.active ?? tag.active, version: tag.version })
      .then(() => {
        message.success('已保存');
        onSaved();
      })
      .catch((e: unknown) => message.error(errorMessage(e)));
  return (
    <Space>
      <Input value={name} disabled={!editable} onChange={(e) => setName(e.target.value)} style={{ width: 160 }} maxLength={20} />
      {editable && name !== tag.name && <Button onClick={() => save({ name })}>保存</Button>}
      <Switch checked={tag.active} disabled={!editable} checkedChildren="启用" unCheckedChildren="停用" onChange={(active) => save({ active })} />
    </Space>
  );
}

/** The tag and threshold administration page. */
export function SettingsPage() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const editable = user.role === 'admin';
  const tags = useApi((signal) => fetchTags(signal), []);
  const [form] = Form.useForm<{ code: string; name: string }>();
  return (
    <Flex vertical gap={16}>
      {!editable && <Alert type="info" title="只有区级系统管理员可以修改项目分类和亮灯阈值。" />}
      <Card size="small" title="项目分类">
        <Table<ProjectTag>
          size="small"
          rowKey="code"
          pagination={false}
          loading={tags.loading}
          dataSource={tags.data ?? []}
          columns={[
            { title: '编码', dataIndex: 'code', width: 160 },
            { title: '名称', render: (_: unknown, t) => <TagRow key={t.version} tag={t} editable={editable} onSaved={tags.reload} /> },
          ]}
        />
        {editable && (
          <Form
            form={form}
            layout="inline"
            style={{ marginTop: 12 }}
            onFinish={(values) =>
              putTag(values.code, { name: values.name })
                .then(() => {
                  message.success('已新增分类');
                  form.resetFields();
                  tags.reload();
                })
                .catch((e: unknown) => message.error(errorMessage(e)))
            }
          >
            <Form.Item name="code" rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,31}$/, message: '小写字母开头的字母数字' }]}>
              <Input placeholder="编码,如 culture" />
            </Form.Item>
            <Form.Item name="name" rules={[{ required: true, message: '请填写名称' }]}>
              <Input placeholder="名称,如 文化旅游" maxLength={20} />
            </Form.Item>
            <Button htmlType="submit">新增分类</Button>
          </Form>
        )}
      </Card>
      <ThresholdsCard editable={editable} />
    </Flex>
  );
}
