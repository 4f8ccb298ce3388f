import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { AuditEntry, AuditProblem, AuditVerifyResult } from '../api/types';
import { useApi } from '../api/useApi';
import { fetchAuditEntries, verifyAuditChains } from './api';

function formatJson(value: unknown): string {
  if (value === null || value === undefined) return '(无)';
  return JSON.stringify(value, null, 2);
}

const columns: TableColumnsType<AuditEntry> = [
  { title: '区县', dataIndex: 'districtCode', width: 90 },
  { title: '序号', dataIndex: 'seq', width: 80, align: 'right' },
  {
    title: '时间',
    dataIndex: 'at',
    width: 180,
    render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }),
  },
  { title: '操作者', dataIndex: 'actor', width: 160 },
  { title: '操作', dataIndex: 'action', width: 180, render: (action: string) => <Typography.Text code>{action}</Typography.Text> },
  { title: '对象类型', dataIndex: 'entityType', width: 100 },
  { title: '对象', dataIndex: 'entityId', ellipsis: true },
];

const problemColumns: TableColumnsType<AuditProblem> = [
  { title: '区县', dataIndex: 'districtCode', width: 90 },
  { title: '序号', dataIndex: 'seq', width: 80 },
  { title: '问题', dataIndex: 'problem', width: 200 },
  { title: '详情', dataIndex: 'detail' },
];

function ChangeDetail({ entry }: { entry: AuditEntry }) {
  const pre = { margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, background: '#fafafa', padding: 8 } as const;
  return (
    <Flex gap={16}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text type="secondary">变更前</Typography.Text>
        <pre style={pre}>{formatJson(entry.before)}</pre>
      </div>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text type="secondary">变更后</Typography.Text>
        <pre style={pre}>{formatJson(entry.after)}</pre>
      </div>
    </Flex>
  );
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title="哈希链校验通过"
        description={`共校验 ${result.chains} 条哈希链、${result.rowsChecked} 条记录,未发现篡改。`}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={`哈希链校验未通过:发现 ${result.problems.length} 处问题`}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            共校验 {result.chains} 条哈希链、{result.rowsChecked} 条记录。以下记录可能被篡改或删除,请立即上报。
          </Typography.Paragraph>
          <Table<AuditProblem>
            size="small"
            rowKey={(p) => `${p.districtCode}-${p.seq}-${p.problem}`}
            columns={problemColumns}
            dataSource={result.problems}
            pagination={false}
          />
        </>
      }
    />
  );
}

/** 审计日志: the latest entries of the tamper-evident log and a check of its hash chains. */
export function AuditPage() {
  const [limit, setLimit] = useState(200);
  const entries = useApi((signal) => fetchAuditEntries(limit, signal), [limit]);
  const [verifying, setVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerifyResult(await verifyAuditChains());
    } catch (caught) {
      setVerifyResult(null);
      setVerifyError(errorMessage(caught));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card
        title="审计日志"
        extra={
          <Flex gap={8} align="center">
            <span>显示最近</span>
            <Select<number>
              value={limit}
              onChange={setLimit}
              style={{ width: 100 }}
              options={[100, 200, 500, 1000].map((n) => ({ value: n, label: `${n} 条` }))}
            />
            <Button icon={<ReloadOutlined />} onClick={entries.reload}>
              刷新
            </Button>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify}>
              校验哈希链
            </Button>
          </Flex>
        }
      >
        <Flex vertical gap={16}>
          {verifyError && <Alert type="error" showIcon title={`校验失败:${verifyError}`} />}
          {verifyResult && <VerifyResult result={verifyResult} />}
          {entries.error !== undefined && (
            <Alert type="error" showIcon title={`审计日志加载失败:${errorMessage(entries.error)}`} />
          )}
          <Table<AuditEntry>
            rowKey={(e) => `${e.districtCode}-${e.seq}`}
            size="middle"
            columns={columns}
            dataSource={entries.data ?? []}
            loading={entries.loading}
            expandable={{ expandedRowRender: (entry) => <ChangeDetail entry={entry} /> }}
            pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 条`, showSizeChanger: false }}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
