import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, InputNumber, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { fetchDeadline } from './api';
import { fieldMessage } from './errors';
import { DEADLINE_KINDS, deadlineUnit, formatDateTime, isHoursKind, pickerToShanghaiIso, shanghaiNow } from './format';
import type { DeadlineKind, DeadlineResult } from './types';

interface DeadlineValues {
  start: Dayjs;
  kind: DeadlineKind;
  amount: number;
}

/** Envelope paths to the form field they name. */
function fieldOf(path: string | undefined): keyof DeadlineValues | null {
  if (!path) return null;
  const last = path.split('.').pop();
  return last === 'start' || last === 'kind' || last === 'amount' ? last : null;
}

/** 时限计算器: when a limit that starts now (or at any time) runs out, by this calendar. */
export function DeadlineCard() {
  const [form] = Form.useForm<DeadlineValues>();
  const [computing, setComputing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DeadlineResult | null>(null);
  const kind = Form.useWatch('kind', form);
  const hours = isHoursKind(kind);

  const submit = async (values: DeadlineValues) => {
    setComputing(true);
    setError(null);
    setResult(null);
    try {
      setResult(await fetchDeadline(pickerToShanghaiIso(values.start), values.kind, values.amount));
    } catch (caught) {
      const field = isApiError(caught) ? fieldOf(caught.field) : null;
      if (field) form.setFields([{ name: field, errors: [fieldMessage(caught)] }]);
      else setError(errorMessage(caught));
    } finally {
      setComputing(false);
    }
  };

  const kindLabel = (value: DeadlineKind) => DEADLINE_KINDS.find((k) => k.value === value)?.label ?? value;

  return (
    <Card title="时限计算器" size="small" style={{ height: '100%' }}>
      <Form<DeadlineValues>
        form={form}
        layout="vertical"
        name="calendar-deadline"
        onFinish={submit}
        initialValues={{ start: shanghaiNow(), kind: 'working_hours', amount: 4 }}
        onValuesChange={(changed: Partial<DeadlineValues>) => {
          // Day kinds count whole days: round a fractional amount left from an hours kind.
          if (changed.kind && !isHoursKind(changed.kind)) {
            const amount = form.getFieldValue('amount') as number | null | undefined;
            if (typeof amount === 'number' && !Number.isInteger(amount)) form.setFieldValue('amount', Math.max(1, Math.round(amount)));
          }
          setResult(null);
          setError(null);
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="start" label="起算时间" tooltip="北京时间" rules={[{ required: true, message: '请选择起算时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="kind" label="时限类型" rules={[{ required: true, message: '请选择时限类型' }]}>
              <Select<DeadlineKind>
                options={DEADLINE_KINDS.map((k) => ({
                  value: k.value,
                  label: (
                    <Flex justify="space-between" gap={8}>
                      <span>{k.label}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {k.hint}
                      </Typography.Text>
                    </Flex>
                  ),
                }))}
                labelRender={({ value }) => kindLabel(value as DeadlineKind)}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item
              name="amount"
              label="数量"
              rules={[
                { required: true, message: '请输入数量' },
                {
                  validator: async (_, value: number | null | undefined) => {
                    if (value === null || value === undefined) return;
                    if (value <= 0) throw new Error('须大于 0');
                    if (!hours && !Number.isInteger(value)) throw new Error('天数须为整数');
                  },
                },
              ]}
            >
              <InputNumber<number>
                min={hours ? 0.5 : 1}
                step={1}
                precision={hours ? undefined : 0}
                style={{ width: '100%' }}
                suffix={deadlineUnit(kind)}
              />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={computing}>
          计算截止时间
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={`计算失败:${error}`} style={{ marginTop: 16 }} />}
      {result && (
        <Alert
          type="info"
          style={{ marginTop: 16 }}
          data-testid="deadline-result"
          title={
            <span>
              截止时间:
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="deadline">
                {formatDateTime(result.deadline)}
              </Typography.Text>
            </span>
          }
          description={
            result.explanation ? (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{result.explanation}</Typography.Paragraph>
            ) : undefined
          }
        />
      )}
    </Card>
  );
}
