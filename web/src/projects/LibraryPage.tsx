/**
 * 项目库: filters (level, tag, town, stage, light, text), totals with the lights and 双过半,
 * the table, and the three stalled lists (签约未开工, 开工未竣工, 竣工未投产).
 */
import { Alert, Button, Card, Col, Flex, Input, Modal, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { FileDropZone } from '../forms/FileDropZone';
import {
  LEVEL_LABELS,
  PROJECT_LEVELS,
  PROJECT_LIGHTS,
  PROJECT_STAGES,
  STAGE_LABELS,
  STALL_KINDS,
  STALL_LABELS,
  type ProjectLevel,
  type ProjectLight,
  type ProjectStage,
} from '../../../src/shared/project-vocabulary';
import { fetchLibrary, fetchTags, importSheet, type ImportRow, type LibraryQuery, type ProjectSummary, type StalledEntry } from './api';
import { LIGHT_COLOURS, LIGHT_SHORT, money, percent } from './format';
import { canCreateProjects, CreateProjectModal } from './ProjectFormModal';

/** The light as a coloured tag with its reasons on hover. */
export function LightTag({ light, reasons }: { light: ProjectLight; reasons?: string[] }) {
  return (
    <Tag color={LIGHT_COLOURS[light]} title={reasons?.join(';')}>
      {LIGHT_SHORT[light]}
    </Tag>
  );
}

function ImportModal({ open, onClose }: { open: boolean; onClose(imported: boolean): void }) {
  const [uploading, setUploading] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ created: number; skipped: number; rejected: number; rows: ImportRow[] } | null>(null);
  return (
    <Modal title="导入项目库" open={open} onCancel={() => onClose(result !== null && result.created > 0)} footer={null} width={720} destroyOnHidden>
      <FileDropZone
        accept=".xlsx,.csv"
        uploading={uploading}
        fileName={fileName}
        error={error}
        prompt="点击或拖拽 XLSX / CSV 文件到此处导入"
        hint="表头:项目编号、项目名称、级别、分类、所在镇街、业主单位、责任部门、建设地点、总投资(万元)、年度计划投资(万元)、计划签约…计划投产"
        onFile={(file) => {
          setFileName(file.name);
          setUploading(true);
          setError(null);
          importSheet(file)
            .then(setResult)
            .catch((e: unknown) => setError(errorMessage(e)))
            .finally(() => setUploading(false));
        }}
      />
      {result && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Alert type={result.rejected ? 'warning' : 'success'} title={`新增 ${result.created} 个,跳过 ${result.skipped} 个,错误 ${result.rejected} 行`} />
          <Table
            size="small"
            rowKey="row"
            pagination={{ pageSize: 8 }}
            dataSource={result.rows.filter((r) => r.status !== 'created')}
            columns={[
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '项目编号', dataIndex: 'code', width: 120 },
              { title: '结果', dataIndex: 'status', width: 80, render: (s: string) => (s === 'skipped' ? '跳过' : '错误') },
              { title: '列', dataIndex: 'field', width: 120 },
              { title: '说明', dataIndex: 'message' },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}

function StalledTable({ rows }: { rows: StalledEntry[] }) {
  const navigate = useNavigate();
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      onRow={(r) => ({ onClick: () => navigate(`/projects/${r.id}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: '项目编号', dataIndex: 'code', width: 140 },
        { title: '项目名称', dataIndex: 'name' },
        { title: '镇街', dataIndex: 'townName', width: 110, render: (v: string | null) => v ?? '全区' },
        { title: '进入本阶段', dataIndex: 'since', width: 120 },
        { title: '下一节点计划', dataIndex: 'overdueSince', width: 150, render: (v: string | null) => (v ? <Tag color="error">{v} 已逾期</Tag> : '—') },
      ]}
    />
  );
}

/** The project library. */
export function LibraryPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [query, setQuery] = useState<LibraryQuery>({});
  const [text, setText] = useState('');
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const library = useApi((signal) => fetchLibrary(query, signal), [JSON.stringify(query)]);
  const tags = useApi((signal) => fetchTags(signal), []);
  // Towns come from an unfiltered read so the filter keeps its choices while filtering.
  const all = useApi((signal) => fetchLibrary({}, signal), []);
  const towns = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of all.data?.projects ?? []) if (p.townCode) map.set(p.townCode, p.townName ?? p.townCode);
    return [...map].sort((a, b) => a[0].localeCompare(b[0]));
  }, [all.data]);
  const data = library.data;
  const set = (patch: Partial<LibraryQuery>) => setQuery((q) => ({ ...q, ...patch }));

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex wrap gap={8} align="center">
          <Select allowClear placeholder="级别" style={{ width: 100 }} value={query.level} onChange={(v: ProjectLevel | undefined) => set({ level: v })}
            options={PROJECT_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
          <Select allowClear placeholder="分类" style={{ width: 120 }} value={query.tag} onChange={(v: string | undefined) => set({ tag: v })}
            options={(tags.data ?? []).filter((t) => t.active).map((t) => ({ value: t.code, label: t.name }))} />
          <Select allowClear placeholder="镇街" style={{ width: 130 }} value={query.town} onChange={(v: string | undefined) => set({ town: v })}
            options={towns.map(([code, name]) => ({ value: code, label: name }))} />
          <Select allowClear placeholder="当前阶段" style={{ width: 120 }} value={query.stage} onChange={(v: ProjectStage | 'none' | undefined) => set({ stage: v })}
            options={[...PROJECT_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] })), { value: 'none', label: '未签约' }]} />
          <Select allowClear placeholder="亮灯" style={{ width: 110 }} value={query.light} onChange={(v: ProjectLight | undefined) => set({ light: v })}
            options={PROJECT_LIGHTS.map((l) => ({ value: l, label: LIGHT_SHORT[l] }))} />
          <Input.Search allowClear placeholder="项目名称、编号、业主单位" style={{ width: 240 }} value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => set({ q: v || undefined })} />
          <Button onClick={() => { setQuery({}); setText(''); }}>重置</Button>
          {canCreateProjects(user) && <Button type="primary" onClick={() => setCreating(true)}>新建项目</Button>}
          {user.role === 'admin' && <Button onClick={() => setImporting(true)}>导入项目库</Button>}
        </Flex>
      </Card>
      {library.error !== undefined && <Alert type="error" title={errorMessage(library.error)} />}
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={4}><Card size="small"><Statistic title="项目数" value={data.totals.count} suffix="个" /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title="总投资" value={money(data.totals.totalInvestment)} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={`${data.period.year}年计划投资`} value={money(data.totals.plannedThisYear)} /></Card></Col>
          <Col xs={12} md={4}>
            <Card size="small">
              <Statistic title={`1–${data.period.month}月完成投资`} value={money(data.totals.completedYtd)} />
              <Typography.Text type="secondary">完成率 {percent(data.totals.completion)} / 序时 {percent(data.totals.timeProgress)}</Typography.Text>
            </Card>
          </Col>
          <Col xs={24} md={5}>
            <Card size="small" title="亮灯" styles={{ body: { paddingTop: 8 } }}>
              <Space wrap>
                {PROJECT_LIGHTS.map((l) => (
                  <Tag key={l} color={LIGHT_COLOURS[l]} style={{ cursor: 'pointer' }} onClick={() => set({ light: query.light === l ? undefined : l })}>
                    {LIGHT_SHORT[l]} {data.totals.lights[l]}
                  </Tag>
                ))}
              </Space>
            </Card>
          </Col>
          <Col xs={24} md={3}>
            <Card size="small"><Statistic title="双过半" value={data.totals.halfway ? `${data.totals.halfway.passed}/${data.totals.halfway.rated}` : '—'} /></Card>
          </Col>
        </Row>
      )}
      <Card size="small" title={data ? `项目库(评价期 ${data.period.year}年1–${data.period.month}月)` : '项目库'}>
        <Table<ProjectSummary>
          size="small"
          rowKey="id"
          loading={library.loading}
          dataSource={data?.projects ?? []}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个` }}
          onRow={(p) => ({ onClick: () => navigate(`/projects/${p.id}`), style: { cursor: 'pointer' } })}
          scroll={{ x: 1100 }}
          columns={[
            { title: '亮灯', dataIndex: 'light', width: 80, render: (_: unknown, p) => <LightTag light={p.light} reasons={p.reasons} />,
              sorter: (a, b) => PROJECT_LIGHTS.indexOf(a.light) - PROJECT_LIGHTS.indexOf(b.light) },
            { title: '项目编号', dataIndex: 'code', width: 120 },
            { title: '项目名称', dataIndex: 'name', ellipsis: true },
            { title: '级别', dataIndex: 'levelLabel', width: 60 },
            { title: '镇街', dataIndex: 'townName', width: 90, render: (v: string | null) => v ?? '全区' },
            { title: '分类', dataIndex: 'tags', width: 100, render: (v: { name: string }[]) => v.map((t) => t.name).join('、') },
            { title: '阶段', dataIndex: 'stageLabel', width: 70 },
            { title: '总投资', dataIndex: 'totalInvestment', width: 100, align: 'right', render: money, sorter: (a, b) => a.totalInvestment - b.totalInvestment },
            { title: '年度计划', dataIndex: 'plannedThisYear', width: 100, align: 'right', render: money },
            { title: '累计完成', dataIndex: 'completedYtd', width: 100, align: 'right', render: money },
            { title: '完成率', dataIndex: 'completion', width: 80, align: 'right', render: percent, sorter: (a, b) => (a.completion ?? -1) - (b.completion ?? -1) },
            { title: '较序时', dataIndex: 'aheadPp', width: 90, align: 'right',
              render: (v: number | null) => (v === null ? '—' : <Typography.Text type={v < -10 ? 'danger' : undefined}>{v >= 0 ? '+' : ''}{v.toFixed(1)}个百分点</Typography.Text>) },
          ]}
        />
      </Card>
      {data && (
        <Card size="small" title="停滞清单">
          <Tabs
            items={STALL_KINDS.map((kind) => ({ key: kind, label: `${STALL_LABELS[kind]}(${data.stalled[kind].length})`, children: <StalledTable rows={data.stalled[kind]} /> }))}
          />
        </Card>
      )}
      <CreateProjectModal
        user={user}
        open={creating}
        onClose={(createdId) => {
          setCreating(false);
          if (createdId !== null) navigate(`/projects/${createdId}`);
        }}
      />
      <ImportModal
        open={importing}
        onClose={(imported) => {
          setImporting(false);
          if (imported) {
            library.reload();
            all.reload();
          }
        }}
      />
    </Flex>
  );
}
