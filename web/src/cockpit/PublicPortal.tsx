/**
 * 公众服务 (no login): case statistics by town, a form to report a problem (taken in by the
 * same intake as Open311, channel 群众上报), and a report's status by its number or code.
 * Nothing personal is shown: the server answers numbers and states only.
 */
import { Alert, Button, Card, Col, Form, Input, Layout, Result, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage, isApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { EChart } from '../charts/EChart';
import type { EChartsCoreOption } from '../charts/echarts';
import { fetchPublicReport, fetchPublicServices, fetchPublicStatistics, submitPublicReport, type PublicReport } from './api';
import { count, pct } from './format';

function Statistics() {
  const stats = useApi((signal) => fetchPublicStatistics(signal), []);
  const s = stats.data;
  const option = useMemo<EChartsCoreOption | null>(
    () =>
      s ? {
        tooltip: { trigger: 'axis' },
        grid: { left: 100, right: 24, top: 16, bottom: 24 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: s.towns.map((t) => t.name) },
        series: [{ name: '本年受理', type: 'bar', data: s.towns.map((t) => t.metrics?.received ?? 0), itemStyle: { color: '#4096ff' } }],
      } : null,
    [s],
  );
  if (stats.error) return <Alert type="error" showIcon message={errorMessage(stats.error)} />;
  if (!s) return <Card loading />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="public-statistics">
      <Row gutter={16}>
        <Col span={6}><Card><Statistic title={`${s.year} 年受理`} value={s.totals.received} /></Card></Col>
        <Col span={6}><Card><Statistic title="已结案" value={s.totals.closed} /></Card></Col>
        <Col span={6}><Card><Statistic title="按期结案率" value={pct(s.totals.onTimeClosureRate)} /></Card></Col>
        <Col span={6}><Card><Statistic title="满意率" value={pct(s.totals.satisfactionRate)} /></Card></Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card title="各镇街事件统计(本年)" size="small">
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={s.towns}
              data-testid="public-towns"
              columns={[
                { title: '镇街', dataIndex: 'name' },
                { title: '受理', align: 'right', render: (_: unknown, t) => count(t.metrics?.received ?? 0) },
                { title: '结案', align: 'right', render: (_: unknown, t) => count(t.metrics?.closed ?? 0) },
                { title: '按期结案率', align: 'right', render: (_: unknown, t) => pct(t.metrics?.onTimeClosureRate ?? null) },
                { title: '满意率', align: 'right', render: (_: unknown, t) => pct(t.metrics?.satisfactionRate ?? null) },
              ]}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="各镇街受理量" size="small">{option && <EChart option={option} style={{ height: Math.max(300, s.towns.length * 28) }} />}</Card>
        </Col>
      </Row>
    </Space>
  );
}

function ReportForm() {
  const services = useApi((signal) => fetchPublicServices(signal), []);
  const [form] = Form.useForm();
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<{ number: number; token: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const options = useMemo(() => {
    const groups = new Map<string, { label: string; value: string }[]>();
    for (const s of services.data ?? []) {
      const list = groups.get(s.group) ?? [];
      list.push({ label: s.name, value: s.code });
      groups.set(s.group, list);
    }
    return [...groups.entries()].map(([label, list]) => ({ label, options: list }));
  }, [services.data]);

  const submit = async (values: { serviceCode: string; description: string; address: string; contactPhone?: string }) => {
    setSending(true);
    setFailure(null);
    try {
      setReceipt(await submitPublicReport({ ...values, contactPhone: values.contactPhone || null }));
      form.resetFields();
    } catch (error) {
      setFailure(isApiError(error) && error.status === 429 ? '提交过于频繁,请稍后再试' : errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  if (receipt) {
    return (
      <Result
        status="success"
        title="已收到您的反映"
        subTitle={
          <span data-testid="report-receipt" data-number={receipt.number} data-token={receipt.token}>
            受理编号 <b>{receipt.number}</b>,查询码 <Typography.Text copyable>{receipt.token}</Typography.Text>。请保存,凭编号或查询码查询办理进度。
          </span>
        }
        extra={<Button onClick={() => setReceipt(null)}>继续反映</Button>}
      />
    );
  }
  return (
    <Card title="我要反映问题" style={{ maxWidth: 720 }}>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="report-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="report-form">
        <Form.Item name="serviceCode" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
          <Select showSearch optionFilterProp="label" options={options} loading={services.loading} placeholder="例如:暴露垃圾、井盖缺失" data-testid="report-service" />
        </Form.Item>
        <Form.Item name="address" label="事发地址" rules={[{ required: true, message: '请填写事发地址' }, { max: 200 }]}>
          <Input placeholder="街道、小区、门牌号或附近标志" />
        </Form.Item>
        <Form.Item name="description" label="问题描述" rules={[{ required: true, min: 5, message: '请至少用 5 个字描述问题' }, { max: 2000 }]}>
          <Input.TextArea rows={4} placeholder="请描述问题的情况" />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话(选填,仅用于回访,不会公开)" rules={[{ pattern: /^1[3-9][0-9]{9}$/, message: '请填写 11 位手机号码' }]}>
          <Input maxLength={11} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sending}>
          提交
        </Button>
      </Form>
    </Card>
  );
}

function StatusLookup() {
  const [ref, setRef] = useState('');
  const [report, setReport] = useState<PublicReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const lookUp = async (value: string) => {
    setFailure(null);
    setReport(null);
    if (!value.trim()) return;
    try {
      setReport(await fetchPublicReport(value.trim()));
    } catch (error) {
      setFailure(isApiError(error) && error.status === 404 ? '没有找到该编号或查询码' : errorMessage(error));
    }
  };
  return (
    <Card title="查询办理进度" style={{ maxWidth: 720 }}>
      <Input.Search value={ref} onChange={(e) => setRef(e.target.value)} onSearch={(v) => void lookUp(v)} enterButton="查询" placeholder="受理编号或查询码" data-testid="status-input" />
      {failure && <Alert type="warning" showIcon message={failure} style={{ marginTop: 16 }} />}
      {report && (
        <Card size="small" style={{ marginTop: 16 }} data-testid="status-result" data-status={report.status}>
          <p>
            受理编号 <b>{report.number}</b> <Tag color={report.status === 'closed' ? 'green' : 'blue'}>{report.statusLabel}</Tag>
          </p>
          <p>问题类别:{report.serviceName ?? '—'}</p>
          <p>受理时间:{report.requestedAt ? new Date(report.requestedAt).toLocaleString('zh-CN') : '—'}</p>
          {report.expectedAt && <p>预计办结:{new Date(report.expectedAt).toLocaleString('zh-CN')}</p>}
          {report.agency && <p>承办单位:{report.agency}</p>}
          {report.statusNotes && <p>办理情况:{report.statusNotes}</p>}
        </Card>
      )}
    </Card>
  );
}

/** The public portal. */
export function PublicPortal() {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          数智 · 公众服务
        </Typography.Title>
        <Link to="/public/promises" style={{ color: '#bae0ff' }}>
          民生实事承诺与进度
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Tabs
          defaultActiveKey="stats"
          items={[
            { key: 'stats', label: '事件统计', children: <Statistics /> },
            { key: 'report', label: '我要反映', children: <ReportForm /> },
            { key: 'status', label: '进度查询', children: <StatusLookup /> },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 24 }}>
          本页面不显示任何个人信息。开发者也可通过 Open311 GeoReport v2 接口(/open311/v2/)读取公开事件。
        </Typography.Paragraph>
      </Layout.Content>
    </Layout>
  );
}
