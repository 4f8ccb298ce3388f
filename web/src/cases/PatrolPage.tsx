/**
 * 网格巡查: the grid worker's phone page. Take a photo, fix the place (the device's position or
 * a tap on the map), pick the class, describe it and report it as channel 网格巡查; below, the
 * worker's recent reports and tasks as cards. Built for 390 px wide screens: one column, large
 * touch targets, no tables.
 */
import { Alert, App, Button, Card, Empty, Flex, Form, Segmented, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { fetchCases } from './api';
import { useCatalogue } from './catalogue';
import { caseNumber, formatTime } from './format';
import { useIntakeSubmit } from './idempotency';
import { coreIntake, DescriptionField, INTAKE_ALIASES, UrgencyField, type CoreIntakeValues } from './IntakeFields';
import { MobileFrame } from './MobileFrame';
import { PhotoUpload } from './PhotoUpload';
import { PointField } from './PointField';
import type { CaseQueue, CaseSummary, Catalogue } from './types';
import { CaseSlaTag, CategorySelect, StatusTag } from './widgets';

const FIELDS = ['attachmentIds', 'point', 'categoryCode', 'urgency', 'description'] as const;

/** One case as a card to tap. */
function CaseCard({ item, catalogue }: { item: CaseSummary; catalogue: Catalogue | undefined }) {
  return (
    <Link to={`/events/patrol/${encodeURIComponent(String(item.id))}`} style={{ color: 'inherit' }} data-testid="patrol-card">
      <Card size="small" hoverable>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong>{caseNumber(item)}</Typography.Text>
          <StatusTag status={item.status} />
        </Flex>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0' }}>
          {item.description}
        </Typography.Paragraph>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.categoryName ?? '未分类'} · {formatTime(item.receivedAt)}
          </Typography.Text>
          <CaseSlaTag item={item} catalogue={catalogue} />
        </Flex>
        {item.address && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {item.address}
          </Typography.Text>
        )}
      </Card>
    </Link>
  );
}

const LIST_QUEUES: readonly { value: CaseQueue; label: string }[] = [
  { value: 'mine', label: '我的上报与任务' },
  { value: 'check', label: '待核查' },
];

/** The worker's cases as cards. */
function MyCases({ version, catalogue }: { version: number; catalogue: Catalogue | undefined }) {
  const [queue, setQueue] = useState<CaseQueue>('mine');
  const list = useApi((signal) => fetchCases({ queue, pageSize: 20 }, signal), [queue, version]);
  return (
    <Flex vertical gap={8}>
      <Segmented<CaseQueue> block size="large" value={queue} onChange={setQueue} options={[...LIST_QUEUES]} />
      {list.loading && <Spin style={{ padding: 24 }} />}
      {list.error !== undefined && <Alert type="error" showIcon title={`加载失败:${errorMessage(list.error)}`} />}
      {list.data && list.data.items.length === 0 && <Empty description="暂无事件" />}
      {list.data?.items.map((item) => <CaseCard key={item.id} item={item} catalogue={catalogue} />)}
    </Flex>
  );
}

/** The phone page of grid patrol. */
export function PatrolPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<CoreIntakeValues>();
  const catalogue = useCatalogue();
  const { submitting, error, uploading, setUploading, send } = useIntakeSubmit(form, FIELDS, INTAKE_ALIASES);
  const [reported, setReported] = useState(0);

  const onFinish = (values: CoreIntakeValues) =>
    send({ ...coreIntake(values), channel: 'grid_patrol' }, () => {
      message.success('上报成功');
      form.resetFields();
      setReported((n) => n + 1);
    });

  return (
    <MobileFrame title="网格巡查" back="/events" testId="patrol-page">
      <Flex vertical gap={12}>
        <Card size="small" title="巡查上报">
          {error && <Alert type="error" showIcon title={`上报失败:${error}`} style={{ marginBottom: 12 }} />}
          <Form<CoreIntakeValues> form={form} layout="vertical" size="large" initialValues={{ urgency: 'normal' }} onFinish={onFinish}>
            <Form.Item name="attachmentIds" label="现场照片">
              <PhotoUpload camera max={6} onBusyChange={setUploading} />
            </Form.Item>
            <Form.Item name="point" label="事发位置" rules={[{ required: true, message: '请获取当前位置或在地图上点选' }]}>
              <PointField geolocate mapHeight={240} />
            </Form.Item>
            <Form.Item name="categoryCode" label="事件分类" rules={[{ required: true, message: '请选择事件分类' }]}>
              <CategorySelect categories={catalogue.data?.categories} />
            </Form.Item>
            <UrgencyField wide />
            <DescriptionField rows={3} placeholder="发现了什么问题、具体位置…" />
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={submitting}
              disabled={uploading}
              style={{ height: 52 }}
              data-testid="patrol-submit"
            >
              {uploading ? '照片上传中…' : '提交上报'}
            </Button>
          </Form>
        </Card>
        <MyCases version={reported} catalogue={catalogue.data} />
      </Flex>
    </MobileFrame>
  );
}
