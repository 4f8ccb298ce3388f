/**
 * 立项督办: the records other domains flag — overdue-case notices, red indicators, lagging
 * projects — with a bulk 立项督办 (choose rows, a deadline, go). Each source gets its own
 * result; one refused source does not stop the others.
 */
import { Alert, Button, Checkbox, DatePicker, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { fetchSources, raiseFromSources } from './api';
import { ColourTag, itemPath } from './format';
import type { RaiseOutcome, Source } from './types';

const KINDS = [
  { key: 'case', label: '超期案件督办通知' },
  { key: 'indicator', label: '红灯指标' },
  { key: 'project', label: '滞后项目' },
] as const;

/** The sources page. */
export function SourcesPage() {
  const [kind, setKind] = useState<(typeof KINDS)[number]['key']>('case');
  const [period, setPeriod] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [selected, setSelected] = useState<string[]>([]);
  const [deadline, setDeadline] = useState<Dayjs>(dayjs().add(15, 'day'));
  const [interval, setInterval] = useState<number | null>(7);
  const [assign, setAssign] = useState(true);
  const [saving, setSaving] = useState(false);
  const [results, setResults] = useState<RaiseOutcome[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sources = useApi((signal) => fetchSources(kind, kind === 'indicator' ? period.format('YYYY-MM') : undefined, signal), [kind, period.format('YYYY-MM')]);
  const raise = async () => {
    setSaving(true);
    setError(null);
    try {
      const outcome = await raiseFromSources({ sources: selected.map((id) => ({ kind, id })), deadline: deadline.format('YYYY-MM-DD'), feedbackIntervalDays: interval, assign });
      setResults(outcome);
      setSelected(outcome.filter((r) => !r.ok).map((r) => r.id));
      sources.reload();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };
  const okCount = results?.filter((r) => r.ok).length ?? 0;
  return (
    <div data-testid="supervision-sources">
      <Tabs activeKey={kind} onChange={(k) => { setKind(k as typeof kind); setSelected([]); setResults(null); }} items={KINDS.map((k) => ({ key: k.key, label: k.label }))} size="small" />
      <Space wrap style={{ marginBottom: 12 }}>
        {kind === 'indicator' && (
          <>
            <Typography.Text>指标期间</Typography.Text>
            <DatePicker picker="month" value={period} onChange={(v) => v && setPeriod(v)} allowClear={false} />
          </>
        )}
        <Typography.Text>办结时限</Typography.Text>
        <DatePicker value={deadline} onChange={(v) => v && setDeadline(v)} allowClear={false} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        <Typography.Text>反馈周期(天)</Typography.Text>
        <InputNumber min={1} max={365} value={interval} onChange={(v) => setInterval(v)} />
        <Checkbox checked={assign} onChange={(e) => setAssign(e.target.checked)}>
          立即交办
        </Checkbox>
        <Button type="primary" disabled={selected.length === 0} loading={saving} onClick={raise} data-testid="bulk-raise">
          立项督办({selected.length})
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {results && (
        <Alert
          type={okCount === results.length ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={`已立项 ${okCount} 件${okCount < results.length ? `,${results.length - okCount} 件未立项(仍保持选中)` : ''}`}
          description={results.filter((r) => !r.ok).map((r) => <div key={r.id}>{`${r.id}:${r.message ?? r.code}`}</div>)}
          data-testid="bulk-results"
        />
      )}
      {sources.error !== undefined && <Alert type="error" showIcon title={`加载失败:${errorMessage(sources.error)}`} />}
      <Table<Source>
        rowKey="id"
        size="small"
        loading={sources.loading}
        dataSource={sources.data ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (s) => ({ disabled: s.itemCode !== null }) }}
        pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 条` }}
        locale={{ emptyText: kind === 'project' ? '暂无滞后项目' : kind === 'indicator' ? '该期间暂无红灯指标' : '暂无未销号的超期案件督办通知' }}
        columns={[
          { title: '灯', width: 70, render: (_: unknown, s: Source) => <ColourTag colour={s.colour} /> },
          { title: '来源', dataIndex: 'title' },
          { title: '原因', dataIndex: 'reason', width: 260 },
          { title: '建议主办', width: 160, dataIndex: 'leadName' },
          { title: '督办', width: 130, render: (_: unknown, s: Source) => (s.itemCode ? <Link to={itemPath(s.itemCode)}>{s.itemCode}</Link> : <Tag>未立项</Tag>) },
        ]}
      />
    </div>
  );
}
