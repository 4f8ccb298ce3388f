/**
 * 年度计划: a year's planned investment and, optionally, its monthly plan — the 12 months'
 * own amounts (not cumulative), as `PUT /api/projects/:id/plans/:year` takes them. Typed in
 * 万元, sent in 元; the months must add up to the year's amount (the server allows 1 元 of
 * rounding and checks again).
 */
import { Alert, App, Button, Col, Form, InputNumber, Modal, Row, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { putYearPlan, type ProjectDetail } from './api';
import { isConflict, placeServerError } from './errors';
import { money } from './format';

interface PlanValues {
  year: number;
  plannedWan: number;
  split: boolean;
  months?: (number | null)[];
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function toYuan(wan: number | null | undefined): number {
  return Math.round((wan ?? 0) * 1e4);
}

/** The form's values for a year, from the plan stored (if any). */
function valuesFor(detail: ProjectDetail, year: number): PlanValues {
  const plan = detail.plans.find((p) => p.year === year);
  return {
    year,
    plannedWan: plan ? plan.plannedInvestment / 1e4 : (undefined as unknown as number),
    split: Boolean(plan?.monthlyPlan),
    months: plan?.monthlyPlan ? plan.monthlyPlan.map((v) => v / 1e4) : MONTHS.map(() => null),
  };
}

/** Spreads a year's amount (元) over 12 months evenly; the remainder goes to December. */
export function spreadEvenly(totalYuan: number): number[] {
  const each = Math.floor(totalYuan / 12);
  return MONTHS.map((m) => (m === 12 ? totalYuan - each * 11 : each));
}

/** The year-plan dialog; `onClose(true)` after a save or a conflict (the page reloads). */
export function YearPlanModal({ detail, open, onClose }: { detail: ProjectDetail; open: boolean; onClose(reload: boolean): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const split = Form.useWatch('split', form);
  const plannedWan = Form.useWatch('plannedWan', form);
  const months = Form.useWatch('months', form);
  const year = Form.useWatch('year', form) ?? detail.period.year;
  const sumYuan = (months ?? []).reduce<number>((a, b) => a + toYuan(b), 0);
  const differenceYuan = sumYuan - toYuan(plannedWan);

  const submit = async () => {
    let values: PlanValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (values.split) {
      // The months must add up to the year (1 元 of rounding allowed, as the server allows).
      const sum = (values.months ?? []).reduce<number>((a, b) => a + toYuan(b), 0);
      if (Math.abs(sum - toYuan(values.plannedWan)) > 1) {
        form.setFields([{ name: 'plannedWan', errors: [`各月合计 ${money(sum)},须等于年度计划投资`] }]);
        return;
      }
    }
    const plan = detail.plans.find((p) => p.year === values.year);
    setSaving(true);
    setError(null);
    try {
      await putYearPlan(detail.project.id, values.year, {
        plannedInvestment: toYuan(values.plannedWan),
        monthlyPlan: values.split ? (values.months ?? []).map((v) => toYuan(v)) : null,
        version: plan?.version,
      });
      message.success(`已保存${values.year}年计划`);
      onClose(true);
    } catch (caught) {
      const text = placeServerError(form, caught, (path) => {
        if (path === 'plannedInvestment') return 'plannedWan';
        const [head, index] = path.split('.');
        if (head === 'monthlyPlan') return index === undefined ? 'plannedWan' : ['months', Number(index)];
        return null;
      });
      setError(text === null ? null : { text, conflict: isConflict(caught) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="年度计划投资" open={open} width={720} onCancel={() => onClose(false)} onOk={() => void submit()} okText="保存" confirmLoading={saving} destroyOnHidden>
      {error && (
        <Alert
          type={error.conflict ? 'warning' : 'error'}
          showIcon
          title={error.text}
          action={error.conflict ? <Button size="small" onClick={() => onClose(true)}>重新加载</Button> : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={valuesFor(detail, detail.period.year)}
        data-testid="year-plan-form"
        onValuesChange={(changed: Partial<PlanValues>) => {
          // Another year: show what is stored for it.
          if (changed.year !== undefined && changed.year !== null) form.setFieldsValue(valuesFor(detail, changed.year));
        }}
      >
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
              <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="plannedWan" label={`${year}年计划投资(万元)`} rules={[{ required: true, message: '请填写年度计划投资' }]}>
              <InputNumber min={0} max={1e9} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="split" label="按月分解" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        {split && (
          <>
            <Space style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">填写各月当月计划投资(万元,非累计),合计须等于年度计划。</Typography.Text>
              <Button
                size="small"
                disabled={!plannedWan}
                onClick={() => {
                  form.setFieldValue('months', spreadEvenly(toYuan(plannedWan)).map((v) => v / 1e4));
                }}
              >
                平均分配
              </Button>
            </Space>
            <Row gutter={12}>
              {MONTHS.map((m, i) => (
                <Col span={6} key={m}>
                  <Form.Item name={['months', i]} label={`${m}月`} rules={[{ required: true, message: '请填写(可为0)' }]} style={{ marginBottom: 8 }}>
                    <InputNumber min={0} max={1e9} style={{ width: '100%' }} aria-label={`${m}月计划`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Typography.Text type={Math.abs(differenceYuan) <= 1 ? 'success' : 'warning'} data-testid="month-sum">
              各月合计 {money(sumYuan)} / 年度计划 {money(toYuan(plannedWan))}
              {Math.abs(differenceYuan) > 1 ? `(相差 ${money(Math.abs(differenceYuan))})` : ''}
            </Typography.Text>
          </>
        )}
      </Form>
    </Modal>
  );
}
