import { CheckOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { confirmActual, downloadExport, fetchIndicators, importActuals, importContentType, reportActual } from './api';
import { clean, levelUnits, periodLabel, percentToFraction, reportingMonths } from './format';
import { fieldMessage } from './errors';
import { IndicatorRegionSelect } from './IndicatorRegionSelect';
import type { ActualInput, ActualKey, ActualResult, ImportIssue, ImportResult, IndicatorView } from './types';
import { YearPicker } from './widgets';
import { FileDropZone } from '../forms/FileDropZone';

interface EntryValues {
  indicatorCode: string;
  regionCode: string;
  year: number;
  month: number;
  cumulativeValue?: number | null;
  cumulativeUnit: string;
  yoyPercent?: number | null;
  priorValue?: number | null;
  priorUnit: string;
  source?: string;
}

/** Envelope paths (last segment first) to the form field they name. */
const FIELD_PATHS: readonly [RegExp, keyof EntryValues][] = [
  [/(^|\.)indicator(Code)?$/, 'indicatorCode'],
  [/(^|\.)region(Code)?$/, 'regionCode'],
  [/(^|\.)year$/, 'year'],
  [/(^|\.)month$/, 'month'],
  [/(^|\.)cumulative\.unit$/, 'cumulativeUnit'],
  [/(^|\.)cumulative(\.value)?$/, 'cumulativeValue'],
  [/(^|\.)prior\.unit$/, 'priorUnit'],
  [/(^|\.)prior(\.value)?$/, 'priorValue'],
  [/(^|\.)yoy$/, 'yoyPercent'],
  [/(^|\.)source$/, 'source'],
];

function fieldOf(path: string | undefined): keyof EntryValues | null {
  if (!path) return null;
  return FIELD_PATHS.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}

/** The month just ended: what a person usually reports. */
function lastMonth(): { year: number; month: number } {
  const now = new Date();
  return now.getMonth() === 0 ? { year: now.getFullYear() - 1, month: 12 } : { year: now.getFullYear(), month: now.getMonth() };
}

const issueColumns: TableColumnsType<ImportIssue> = [
  { title: '单元格', dataIndex: 'cell', width: 90, render: (cell: string) => <Typography.Text code>{cell}</Typography.Text> },
  { title: '行', dataIndex: 'row', width: 70, align: 'right' },
  { title: '列', dataIndex: 'column', width: 110 },
  { title: '原因', dataIndex: 'message' },
];

/** What one saved figure came back with, and the confirm step for a flagged cumulative. */
function EntryResult({
  result,
  entryKey,
  indicator,
  onConfirmed,
}: {
  result: ActualResult;
  entryKey: ActualKey;
  indicator: IndicatorView | undefined;
  onConfirmed: (result: ActualResult) => void;
}) {
  const { message } = App.useApp();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const what = `${indicator?.name ?? entryKey.indicatorCode} ${periodLabel(entryKey.year, entryKey.month)}`;
  const needsConfirm =
    (result.actual?.flagged === true && !result.actual.confirmed) || result.warnings.some((w) => w.code === 'CUMULATIVE_DECREASE');

  const confirm = async () => {
    setConfirming(true);
    setError(null);
    try {
      const actual = await confirmActual(entryKey);
      message.success('已确认该累计值');
      onConfirmed({ actual, warnings: [] });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setConfirming(false);
    }
  };

  return (
    <Flex vertical gap={8}>
      <Alert
        type="success"
        showIcon
        title={`已保存:${what}${result.actual?.cumulativeText ? ` 累计 ${result.actual.cumulativeText}` : ''}`}
        description={result.actual ? `第 ${result.actual.revision} 版${result.actual.confirmed ? ',已确认' : ''}` : undefined}
      />
      {result.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="请核对以下提示"
          data-testid="entry-warnings"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {result.warnings.map((w) => (
                <li key={`${w.code}-${w.message}`}>{w.message}</li>
              ))}
            </ul>
          }
          action={
            needsConfirm && (
              <Button size="small" type="primary" icon={<CheckOutlined />} loading={confirming} onClick={confirm}>
                确认
              </Button>
            )
          }
        />
      )}
      {error && <Alert type="error" showIcon title={`确认失败:${error}`} />}
    </Flex>
  );
}

/** The single-figure form. */
function EntryForm({ indicators, loading }: { indicators: IndicatorView[]; loading: boolean }) {
  const user = useCurrentUser();
  const [form] = Form.useForm<EntryValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ result: ActualResult; key: ActualKey } | null>(null);
  const indicatorCode = Form.useWatch('indicatorCode', form);
  const indicator = indicators.find((i) => i.code === indicatorCode);
  const units = indicator ? levelUnits(indicator) : ['亿元', '万元', '元'];
  const months = reportingMonths(indicator);
  const initial = lastMonth();

  const onIndicator = (code: string) => {
    const next = indicators.find((i) => i.code === code);
    if (!next) return;
    const month = form.getFieldValue('month') as number | undefined;
    const allowed = reportingMonths(next);
    form.setFieldsValue({
      cumulativeUnit: next.displayUnit,
      priorUnit: next.displayUnit,
      month: month && allowed.includes(month) ? month : allowed[allowed.length - 1],
    });
  };

  const submit = async (values: EntryValues) => {
    setSaving(true);
    setError(null);
    setResult(null);
    const key: ActualKey = {
      indicatorCode: values.indicatorCode,
      regionCode: values.regionCode,
      year: values.year,
      month: values.month,
    };
    const input: ActualInput = { ...key };
    if (values.cumulativeValue !== null && values.cumulativeValue !== undefined) {
      input.cumulative = { value: clean(values.cumulativeValue), unit: values.cumulativeUnit };
    }
    if (values.yoyPercent !== null && values.yoyPercent !== undefined) input.yoy = percentToFraction(values.yoyPercent);
    if (values.priorValue !== null && values.priorValue !== undefined) {
      input.prior = { value: clean(values.priorValue), unit: values.priorUnit };
    }
    if (values.source?.trim()) input.source = values.source.trim();
    try {
      const saved = await reportActual(input);
      setResult({ result: saved, key });
      form.setFieldsValue({ cumulativeValue: null, yoyPercent: null, priorValue: null });
    } catch (caught) {
      const field = isApiError(caught) ? fieldOf(caught.field) : null;
      if (field) form.setFields([{ name: field, errors: [fieldMessage(caught)] }]);
      else setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const atLeastOne = () => ({
    validator: async () => {
      const v = form.getFieldsValue(['cumulativeValue', 'yoyPercent', 'priorValue']) as Partial<EntryValues>;
      const any = [v.cumulativeValue, v.yoyPercent, v.priorValue].some((x) => x !== null && x !== undefined);
      if (!any) throw new Error('累计值、同比增长、上年同期至少填写一项');
    },
  });

  return (
    <Card title="数据填报" size="small">
      <Form<EntryValues>
        form={form}
        layout="vertical"
        name="indicator-entry"
        onFinish={submit}
        initialValues={{ regionCode: user.regionCode, year: initial.year, month: initial.month, cumulativeUnit: '亿元', priorUnit: '亿元' }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="indicatorCode" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="请选择指标"
                loading={loading}
                onChange={onIndicator}
                options={indicators.map((i) => ({ value: i.code, label: `${i.name}(${i.code})` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="regionCode" label="地区" rules={[{ required: true, message: '请选择地区' }]}>
              <IndicatorRegionSelect />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="year" label="年份" rules={[{ required: true, message: '请选择年份' }]}>
              <YearSelect />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="month" label="截至月份" rules={[{ required: true, message: '请选择月份' }]}>
              <Select options={months.map((m) => ({ value: m, label: m === 1 ? '1月' : `1–${m}月` }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label="1–n月累计值" required={false}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="cumulativeValue" noStyle dependencies={['yoyPercent', 'priorValue']} rules={[atLeastOne]}>
                  <InputNumber<number> style={{ width: '100%' }} placeholder="如 13.05" aria-label="累计值" />
                </Form.Item>
                <Form.Item name="cumulativeUnit" noStyle>
                  <Select style={{ width: 100 }} options={units.map((u) => ({ value: u, label: u }))} aria-label="累计值单位" />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={4}>
            <Form.Item
              name="yoyPercent"
              label="同比增长"
              tooltip={indicator?.priceBasis === 'comparable' ? '按可比价填报的增速,填 16.6 表示增长 16.6%' : '填 16.6 表示增长 16.6%,下降填负数'}
            >
              <InputNumber<number> style={{ width: '100%' }} placeholder="如 16.6" suffix="%" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label="上年同期" tooltip="上年 1–n月累计值(可比口径)">
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="priorValue" noStyle>
                  <InputNumber<number> style={{ width: '100%' }} placeholder="选填" aria-label="上年同期" />
                </Form.Item>
                <Form.Item name="priorUnit" noStyle>
                  <Select style={{ width: 100 }} options={units.map((u) => ({ value: u, label: u }))} aria-label="上年同期单位" />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={4}>
            <Form.Item name="source" label="来源">
              <Input placeholder="如 区统计局月报" maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Flex gap={16} align="start" vertical>
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={saving}>
            提交
          </Button>
          {result && (
            <div style={{ width: '100%' }}>
              <EntryResult
                result={result.result}
                entryKey={result.key}
                indicator={indicators.find((i) => i.code === result.key.indicatorCode)}
                onConfirmed={(confirmed) => setResult({ result: confirmed, key: result.key })}
              />
            </div>
          )}
        </Flex>
      </Form>
    </Card>
  );
}

/** A year Select usable as a Form control. */
function YearSelect({ value, onChange }: { value?: number; onChange?: (year: number) => void }) {
  return <YearPicker value={value ?? new Date().getFullYear()} onChange={(year) => onChange?.(year)} />;
}

/** The spreadsheet import and export. */
function ImportCard() {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sheetYear, setSheetYear] = useState(new Date().getFullYear());
  const [exporting, setExporting] = useState(false);

  const upload = async (file: File) => {
    setFileName(file.name);
    setResult(null);
    setError(null);
    if (!importContentType(file.name)) {
      setError('仅支持 .xlsx 或 .csv 文件');
      return;
    }
    setUploading(true);
    try {
      const imported = await importActuals(file, sheetYear);
      setResult(imported);
      if (imported.rejected.length === 0) message.success(`导入完成:已导入 ${imported.accepted} 项,未变化 ${imported.unchanged} 项`);
      else message.warning(`导入完成,${imported.rejected.length} 个单元格未导入`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setUploading(false);
    }
  };

  const exportYearFile = async () => {
    setExporting(true);
    try {
      const name = await downloadExport(sheetYear);
      message.success(`已下载 ${name}`);
    } catch (caught) {
      message.error(`导出失败:${errorMessage(caught)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title="导入"
      size="small"
      extra={
        <Flex gap={8} align="center">
          <YearPicker value={sheetYear} onChange={setSheetYear} />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportYearFile}>
            下载模板/导出
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          表格每行一项:<Typography.Text code>年份 | 地区编码 | 地区 | 指标编码 | 指标 | 项目 | 单位 | 1月 … 12月</Typography.Text>
          ,其中「项目」为 <Typography.Text code>累计值</Typography.Text>、<Typography.Text code>同比增长(%)</Typography.Text>{' '}
          或 <Typography.Text code>上年同期</Typography.Text>;累计值为 1–n月累计,同比增长填百分数(16.6 表示 16.6%)。表中没有「年份」列时,按右上角所选年份导入。可先「下载模板/导出」该年已有数据,修改后再导入;与已有数据相同的单元格不会重复记录。
        </Typography.Paragraph>
        <FileDropZone
          accept=".xlsx,.csv"
          uploading={uploading}
          fileName={fileName}
          error={error}
          onFile={(file) => void upload(file)}
          prompt="点击或拖拽文件到此处导入"
          hint="支持 .xlsx 或 .csv,单次一个文件"
          testId="import-dragger"
        />
        {result && (
          <Flex vertical gap={16} data-testid="import-result">
            <Flex gap={48}>
              <Statistic title="已导入" value={result.accepted} suffix="项" />
              <Statistic title="未变化" value={result.unchanged} suffix="项" />
              <Statistic
                title="被拒绝"
                value={result.rejected.length}
                suffix="格"
                styles={{ content: { color: result.rejected.length > 0 ? '#ff4d4f' : undefined } }}
              />
              <Statistic title="提示" value={result.warnings.length} suffix="条" />
            </Flex>
            {result.rejected.length > 0 && (
              <>
                <Typography.Text strong type="danger">
                  未导入的单元格
                </Typography.Text>
                <Table<ImportIssue>
                  rowKey={(i) => `r-${i.cell}-${i.row}-${i.column}-${i.message}`}
                  size="small"
                  columns={issueColumns}
                  dataSource={result.rejected}
                  pagination={result.rejected.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                />
              </>
            )}
            {result.warnings.length > 0 && (
              <>
                <Typography.Text strong type="warning">
                  提示(已导入,请核对)
                </Typography.Text>
                <Table<ImportIssue>
                  rowKey={(i) => `w-${i.cell}-${i.row}-${i.column}-${i.message}`}
                  size="small"
                  columns={issueColumns}
                  dataSource={result.warnings}
                  pagination={result.warnings.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                />
              </>
            )}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/** 数据填报: report one figure by hand, or import a spreadsheet of them. */
export function EntryPage() {
  const indicators = useApi((signal) => fetchIndicators(signal), []);
  return (
    <Flex vertical gap={16}>
      {indicators.error !== undefined && (
        <Alert type="error" showIcon title={`指标目录加载失败:${errorMessage(indicators.error)}`} />
      )}
      <EntryForm indicators={indicators.data ?? []} loading={indicators.loading} />
      <ImportCard />
    </Flex>
  );
}
