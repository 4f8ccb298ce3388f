/**
 * 新建事件: the intake form of operators. Sends a fresh Idempotency-Key per submission and the
 * same key when the same submission is retried; the server's validation errors appear at their
 * field.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { CASE_CHANNELS, CASE_NATURES, CHANNEL_LABELS, NATURE_LABELS } from '../../../src/shared/case-vocabulary';
import { useCatalogue } from './catalogue';
import { casePath } from './format';
import { useIntakeSubmit } from './idempotency';
import { coreIntake, DescriptionField, INTAKE_ALIASES, UrgencyField, type CoreIntakeValues } from './IntakeFields';
import { PhotoUpload } from './PhotoUpload';
import { PointField } from './PointField';
import type { CaseChannel, CaseIntake, CaseNature, Category } from './types';
import { CategorySelect, TownSelect } from './widgets';

interface IntakeValues extends CoreIntakeValues {
  channel: CaseChannel;
  nature?: CaseNature;
  address?: string;
  townCode?: string;
  reporterName?: string;
  reporterPhone?: string;
  externalId?: string;
  occurredAt?: Dayjs | null;
}

const FIELDS = [
  'channel',
  'nature',
  'categoryCode',
  'urgency',
  'description',
  'address',
  'point',
  'townCode',
  'reporterName',
  'reporterPhone',
  'externalId',
  'occurredAt',
  'attachmentIds',
] as const;


/** Channels an operator types in; patrol reports and Open311 come in by their own paths. */
const INTAKE_CHANNELS = CASE_CHANNELS.filter((c) => c !== 'open311' && c !== 'grid_patrol');

/** A trimmed text, or undefined when blank. */
function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function toIntake(values: IntakeValues): CaseIntake {
  return {
    ...coreIntake(values),
    channel: values.channel,
    nature: values.channel === 'hotline' ? values.nature : undefined,
    address: text(values.address),
    townCode: values.point ? undefined : values.townCode,
    reporterName: text(values.reporterName),
    reporterPhone: text(values.reporterPhone),
    externalId: text(values.externalId),
    occurredAt: values.occurredAt ? values.occurredAt.toISOString() : undefined,
  };
}

/** What the chosen class says: its department and when to register it. */
function CategoryHint({ category }: { category: Category | undefined }) {
  if (!category) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {category.registerCondition ? `立案条件:${category.registerCondition}` : '该分类未设立案条件'}
    </Typography.Text>
  );
}

/** 新建事件. */
export function IntakePage() {
  const [form] = Form.useForm<IntakeValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const catalogue = useCatalogue();
  const { submitting, error, uploading, setUploading, send } = useIntakeSubmit(form, FIELDS, INTAKE_ALIASES);
  const channel = Form.useWatch('channel', form);
  const point = Form.useWatch('point', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  const category = catalogue.data?.categories.find((c) => c.code === categoryCode);

  const onFinish = (values: IntakeValues) =>
    send(toIntake(values), (created) => {
      message.success('事件已登记');
      navigate(casePath(created.id));
    });

  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/events')}>
          返回工作台
        </Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          新建事件
        </Typography.Title>
      </Flex>
      {error && <Alert type="error" showIcon title={`提交失败:${error}`} data-testid="intake-error" />}
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        name="case-intake"
        initialValues={{ channel: 'hotline', urgency: 'normal' }}
        onFinish={onFinish}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} lg={13}>
            <Card size="small" title="事件信息">
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="channel" label="来源渠道" rules={[{ required: true, message: '请选择来源渠道' }]}>
                    <Select options={INTAKE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  {channel === 'hotline' && (
                    <Form.Item name="nature" label="诉求性质" rules={[{ required: true, message: '请选择12345诉求性质' }]}>
                      <Select
                        placeholder="咨询 / 求助 / 投诉 / 建议 / 举报"
                        options={CASE_NATURES.map((n) => ({ value: n, label: NATURE_LABELS[n] }))}
                      />
                    </Form.Item>
                  )}
                </Col>
                <Col xs={24} sm={16}>
                  <Form.Item name="categoryCode" label="事件分类" extra={<CategoryHint category={category} />}>
                    <CategorySelect categories={catalogue.data?.categories} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <UrgencyField />
                </Col>
              </Row>
              <DescriptionField rows={5} placeholder="时间、地点、问题现象、诉求…" />
              <Form.Item name="address" label="事发地址">
                <Input maxLength={500} placeholder="如 瓜沥镇航坞路88号东侧" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="reporterName" label="反映人">
                    <Input maxLength={50} autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="reporterPhone" label="联系电话">
                    <Input maxLength={20} autoComplete="off" inputMode="tel" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="externalId" label="外部工单号" tooltip="12345 等系统的原工单号,用于查重">
                    <Input maxLength={64} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="occurredAt" label="发生时间">
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="attachmentIds" label="附件(图片或PDF,每个不超过5 MB)" style={{ marginBottom: 0 }}>
                <PhotoUpload allowPdf onBusyChange={setUploading} />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={11}>
            <Card size="small" title="事发位置">
              <Form.Item name="point" style={{ marginBottom: 0 }}>
                <PointField mapHeight={340} />
              </Form.Item>
              {!point && (
                <Form.Item name="townCode" label="所属镇街" tooltip="无坐标时按镇街归属;都不填则进入全区未定位队列" style={{ marginTop: 12 }}>
                  <TownSelect placeholder="无坐标时选择镇街" />
                </Form.Item>
              )}
            </Card>
          </Col>
        </Row>
        <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
          <Button onClick={() => navigate('/events')}>取消</Button>
          <Button type="primary" htmlType="submit" loading={submitting} disabled={uploading} data-testid="intake-submit">
            {uploading ? '附件上传中…' : '提交登记'}
          </Button>
        </Flex>
      </Form>
    </Flex>
  );
}
