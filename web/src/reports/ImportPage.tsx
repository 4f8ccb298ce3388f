import { CheckCircleOutlined, FileSearchOutlined, ImportOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { FileDropZone } from '../forms/FileDropZone';
import { IndicatorRegionSelect } from '../indicators/IndicatorRegionSelect';
import { fromBase } from '../indicators/format';
import { MENTION_KIND_LABELS, type MentionKind } from '../../../src/shared/report-vocabulary';
import {
  fetchReportDocuments,
  importReport,
  proposeImport,
  readReportFile,
  type ImportableIndicator,
  type ImportedRecordView,
  type ProposalField,
  type ReportDocumentView,
  type ReportProposals,
} from './api';

/** Proposals at least this sure start ticked; the server uses the same figure for `--yes`. */
const ACCEPT_BY_DEFAULT = 0.75;

const FIELD_LABELS: Record<ProposalField, string> = {
  actual_cumulative: '实际值(累计)',
  actual_yoy: '实际增速(同比)',
  target_level: '年度目标(总量)',
  target_growth: '年度目标(增速)',
};

const KIND_COLOURS: Record<MentionKind, string> = {
  level: '#e6f4ff',
  growth: '#f6ffed',
  avg_growth: '#fcffe6',
  share: '#fff7e6',
  pp_change: '#f9f0ff',
  target: '#fff0f6',
  other: '#f5f5f5',
};

/** One row of the review table: a figure and what the person will store for it. */
interface Row {
  index: number;
  accepted: boolean;
  indicatorCode: string | null;
  field: ProposalField | null;
  year: number;
  month: number | null;
  /** As shown: a rate in %, a level in the indicator's display unit. */
  shown: number | null;
  confidence: number;
  reason: string;
}

function isRate(field: ProposalField | null): boolean {
  return field === 'actual_yoy' || field === 'target_growth';
}

function toShown(value: number | null, field: ProposalField | null, indicator: ImportableIndicator | undefined): number | null {
  if (value === null) return null;
  if (isRate(field)) return Number((value * 100).toFixed(4));
  return indicator ? fromBase(value, indicator.displayUnit) : value;
}

function toBase(shown: number, field: ProposalField, indicator: ImportableIndicator): number {
  if (isRate(field)) return shown / 100;
  const factor = fromBase(1, indicator.displayUnit);
  return factor === 0 ? shown : shown / factor;
}

/** The report text with every figure highlighted by its kind; the selected one stands out. */
function HighlightedText({ proposals, selected, onSelect }: { proposals: ReportProposals; selected: number | null; onSelect: (i: number) => void }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  proposals.mentions.forEach((m, i) => {
    if (m.span[0] < at) return;
    if (m.span[0] > at) parts.push(proposals.text.slice(at, m.span[0]));
    const proposed = proposals.proposals[i]?.indicatorCode;
    parts.push(
      <Tooltip key={i} title={`${MENTION_KIND_LABELS[m.kind]} · ${m.subject || '未识别指标'}${m.period ? ` · ${m.period}` : ''}`}>
        <mark
          id={`mention-${i}`}
          onClick={() => onSelect(i)}
          style={{
            background: KIND_COLOURS[m.kind],
            outline: selected === i ? '2px solid #1677ff' : undefined,
            borderBottom: proposed ? '2px solid #1677ff' : undefined,
            cursor: 'pointer',
            padding: '0 1px',
          }}
        >
          {proposals.text.slice(m.span[0], m.span[1])}
        </mark>
      </Tooltip>,
    );
    at = m.span[1];
  });
  parts.push(proposals.text.slice(at));
  return (
    <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, maxHeight: 560, overflow: 'auto', fontSize: 14 }} data-testid="report-text">
      {parts}
    </div>
  );
}

/**
 * 报告导入: read a published report, review the figures found in it and the indicator records
 * proposed for each, accept, edit or drop them, and store the accepted ones with the report as
 * their source.
 */
export function ImportPage() {
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [region, setRegion] = useState<string | undefined>(user?.regionCode);
  const [year, setYear] = useState(new Date().getFullYear());
  const [month, setMonth] = useState(Math.max(1, new Date().getMonth()));
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const [proposals, setProposals] = useState<ReportProposals | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [done, setDone] = useState<{ document: ReportDocumentView; records: ImportedRecordView[] } | null>(null);
  const [history, setHistory] = useState<ReportDocumentView[]>([]);
  const [onlyProposed, setOnlyProposed] = useState(true);

  useEffect(() => {
    const controller = new AbortController();
    fetchReportDocuments(controller.signal).then(setHistory, () => undefined);
    return () => controller.abort();
  }, [done]);

  const indicators = useMemo(() => new Map((proposals?.indicators ?? []).map((i) => [i.code, i])), [proposals]);

  const onFile = async (file: File) => {
    setReading(true);
    setReadError(null);
    setFileName(file.name);
    try {
      const read = await readReportFile(file);
      setText(read);
      if (!title) setTitle(file.name.replace(/\.[^.]+$/, ''));
    } catch (caught) {
      setReadError(errorMessage(caught));
    } finally {
      setReading(false);
    }
  };

  const recognise = async () => {
    if (!region || !text.trim()) return;
    setReading(true);
    setReadError(null);
    setDone(null);
    try {
      const result = await proposeImport({ text, regionCode: region, year, month });
      setProposals(result);
      const catalogue = new Map(result.indicators.map((i) => [i.code, i]));
      setRows(
        result.proposals.map((p) => ({
          index: p.mention,
          accepted: p.indicatorCode !== null && p.confidence >= ACCEPT_BY_DEFAULT,
          indicatorCode: p.indicatorCode,
          field: p.field,
          year: p.year,
          month: p.month,
          shown: toShown(p.value, p.field, p.indicatorCode ? catalogue.get(p.indicatorCode) : undefined),
          confidence: p.confidence,
          reason: p.reason,
        })),
      );
    } catch (caught) {
      setReadError(errorMessage(caught));
    } finally {
      setReading(false);
    }
  };

  const update = (index: number, change: Partial<Row>) => setRows((list) => list.map((r) => (r.index === index ? { ...r, ...change } : r)));
  const accepted = rows.filter((r) => r.accepted);
  const incomplete = accepted.filter((r) => !r.indicatorCode || !r.field || r.shown === null || (!r.field.startsWith('target') && r.month === null));

  const save = async () => {
    if (!proposals || !region) return;
    setSaving(true);
    setSaveError(null);
    try {
      const records = accepted.map((r) => {
        const indicator = indicators.get(r.indicatorCode as string) as ImportableIndicator;
        const field = r.field as ProposalField;
        return {
          span: proposals.mentions[r.index]?.span as [number, number],
          indicatorCode: indicator.code,
          field,
          year: r.year,
          month: field.startsWith('target') ? null : r.month,
          value: toBase(r.shown as number, field, indicator),
        };
      });
      const result = await importReport({
        regionCode: region,
        title: title.trim() || fileName || '未命名报告',
        fileName,
        year,
        month,
        text: proposals.text,
        mentions: proposals.mentions.length,
        records,
      });
      setDone(result);
      message.success(`已导入 ${result.records.filter((r) => r.outcome === 'stored').length} 条指标数据`);
    } catch (caught) {
      setSaveError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<Row> = [
    {
      title: '导入',
      width: 56,
      render: (_, r) => <Checkbox aria-label={`导入第${r.index + 1}条`} checked={r.accepted} onChange={(e) => update(r.index, { accepted: e.target.checked })} />,
    },
    {
      title: '原文',
      width: 150,
      render: (_, r) => {
        const m = proposals?.mentions[r.index];
        return (
          <Space direction="vertical" size={0}>
            <a onClick={() => { setSelected(r.index); document.getElementById(`mention-${r.index}`)?.scrollIntoView({ block: 'center' }); }}>{m?.text}</a>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m ? MENTION_KIND_LABELS[m.kind] : ''} {m?.subject}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: '指标',
      width: 190,
      render: (_, r) => (
        <Select
          size="small"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="选择指标"
          value={r.indicatorCode ?? undefined}
          onChange={(code?: string) => update(r.index, { indicatorCode: code ?? null })}
          options={[...indicators.values()].map((i) => ({ value: i.code, label: i.name }))}
          style={{ width: 180 }}
        />
      ),
    },
    {
      title: '字段',
      width: 150,
      render: (_, r) => (
        <Select
          size="small"
          placeholder="字段"
          value={r.field ?? undefined}
          onChange={(field: ProposalField) => update(r.index, { field, month: field.startsWith('target') ? null : (r.month ?? month) })}
          options={(Object.keys(FIELD_LABELS) as ProposalField[]).map((f) => ({ value: f, label: FIELD_LABELS[f] }))}
          style={{ width: 140 }}
        />
      ),
    },
    {
      title: '年/月',
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          <InputNumber size="small" aria-label="年" min={1990} max={2100} value={r.year} onChange={(v) => v && update(r.index, { year: v })} style={{ width: 72 }} />
          {r.field?.startsWith('target') ? (
            <Typography.Text type="secondary">全年</Typography.Text>
          ) : (
            <InputNumber size="small" aria-label="月" min={1} max={12} value={r.month ?? undefined} onChange={(v) => update(r.index, { month: v ?? null })} style={{ width: 56 }} />
          )}
        </Space>
      ),
    },
    {
      title: '数值',
      width: 170,
      render: (_, r) => {
        const indicator = r.indicatorCode ? indicators.get(r.indicatorCode) : undefined;
        const unit = isRate(r.field) ? '%' : (indicator?.displayUnit ?? '');
        return (
          <InputNumber
            size="small"
            aria-label="数值"
            value={r.shown ?? undefined}
            onChange={(v) => update(r.index, { shown: v ?? null })}
            addonAfter={unit || undefined}
            style={{ width: 160 }}
          />
        );
      },
    },
    {
      title: '依据',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          {r.indicatorCode && <Tag color={r.confidence >= ACCEPT_BY_DEFAULT ? 'green' : 'orange'}>匹配度 {(r.confidence * 100).toFixed(0)}%</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.reason}
          </Typography.Text>
        </Space>
      ),
    },
  ];

  const shownRows = onlyProposed ? rows.filter((r) => r.indicatorCode !== null || r.accepted) : rows;

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="1. 选择报告">
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <FileDropZone
              accept=".txt,.docx,text/plain"
              uploading={reading && !!fileName && !text}
              fileName={fileName}
              error={readError}
              onFile={(file) => void onFile(file)}
              prompt="点击或拖拽工作报告到此处"
              hint="支持 UTF-8 文本(.txt)和 Word(.docx),不超过 50 MB;也可在右侧直接粘贴正文"
              testId="report-drop"
            />
          </Col>
          <Col xs={24} md={14}>
            <Flex vertical gap={8}>
              <Input.TextArea
                aria-label="报告正文"
                placeholder="在此粘贴报告正文"
                value={text}
                onChange={(e) => setText(e.target.value)}
                autoSize={{ minRows: 5, maxRows: 8 }}
              />
              <Space wrap>
                <Input aria-label="报告标题" placeholder="报告标题" value={title} onChange={(e) => setTitle(e.target.value)} style={{ width: 220 }} />
                <IndicatorRegionSelect value={region} onChange={setRegion} style={{ width: 200 }} />
                <InputNumber aria-label="报告年度" min={1990} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" style={{ width: 120 }} />
                <InputNumber aria-label="数据截至月份" min={1} max={12} value={month} onChange={(v) => v && setMonth(v)} addonBefore="截至" addonAfter="月" style={{ width: 150 }} />
                <Button type="primary" icon={<FileSearchOutlined />} loading={reading} disabled={!region || !text.trim()} onClick={() => void recognise()}>
                  识别数据
                </Button>
              </Space>
            </Flex>
          </Col>
        </Row>
      </Card>

      {proposals && !done && (
        <Card
          size="small"
          title={`2. 核对数据:共识别 ${proposals.mentions.length} 处数据,建议导入 ${rows.filter((r) => r.indicatorCode && r.confidence > 0).length} 条`}
          extra={
            <Space>
              <Checkbox checked={onlyProposed} onChange={(e) => setOnlyProposed(e.target.checked)}>
                只看有对应指标的
              </Checkbox>
              <Button
                type="primary"
                icon={<ImportOutlined />}
                loading={saving}
                disabled={accepted.length === 0 || incomplete.length > 0}
                onClick={() => void save()}
              >
                导入选中的 {accepted.length} 条
              </Button>
            </Space>
          }
        >
          {incomplete.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`有 ${incomplete.length} 条选中的数据缺少指标、字段、月份或数值`} />}
          {saveError && <Alert type="error" showIcon style={{ marginBottom: 12 }} message="导入失败,未写入任何数据" description={saveError} />}
          <Row gutter={16}>
            <Col xs={24} xl={9}>
              <HighlightedText proposals={proposals} selected={selected} onSelect={setSelected} />
            </Col>
            <Col xs={24} xl={15}>
              <Table<Row>
                size="small"
                rowKey="index"
                columns={columns}
                dataSource={shownRows}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ y: 520, x: 1000 }}
                rowClassName={(r) => (r.index === selected ? 'ant-table-row-selected' : '')}
                onRow={(r) => ({ onClick: () => setSelected(r.index) })}
              />
            </Col>
          </Row>
        </Card>
      )}

      {done && (
        <Card size="small">
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={`已导入“${done.document.title}”`}
            subTitle={`写入 ${done.records.filter((r) => r.outcome === 'stored').length} 条,未变 ${done.records.filter((r) => r.outcome === 'unchanged').length} 条,被拒 ${done.records.filter((r) => r.outcome === 'rejected').length} 条。数据来源记为“报告#${done.document.id}”。`}
          />
          <Table<ImportedRecordView>
            size="small"
            rowKey="seq"
            pagination={false}
            dataSource={done.records}
            columns={[
              { title: '指标', dataIndex: 'indicatorName' },
              { title: '字段', dataIndex: 'fieldLabel' },
              { title: '期间', render: (_, r) => (r.month ? `${r.year}年1—${r.month}月` : `${r.year}年`) },
              { title: '结果', render: (_, r) => <Tag color={r.outcome === 'stored' ? 'green' : r.outcome === 'unchanged' ? 'default' : 'red'}>{{ stored: '已写入', unchanged: '未变', rejected: '被拒' }[r.outcome]}</Tag> },
              { title: '说明', dataIndex: 'message' },
            ]}
          />
        </Card>
      )}

      <Card size="small" title="已导入的报告">
        <Table<ReportDocumentView>
          size="small"
          rowKey="id"
          dataSource={history}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '编号', dataIndex: 'id', width: 70 },
            { title: '标题', dataIndex: 'title' },
            { title: '区域', dataIndex: 'regionCode', width: 120 },
            { title: '期间', render: (_, d) => `${d.year}年1—${d.month}月`, width: 130 },
            { title: '识别/写入', render: (_, d) => `${d.mentions} / ${d.stored}`, width: 100 },
            { title: '导入人', dataIndex: 'importedBy', width: 160 },
            { title: '时间', dataIndex: 'importedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN'), width: 170 },
          ]}
        />
      </Card>
    </Flex>
  );
}
