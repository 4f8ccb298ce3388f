/**
 * 分类目录: the catalogue of 部件 and 事件 classes (GB/T 30428.2 layout) with each minor class's
 * department, time limits per urgency and clock, and register/close conditions; and the
 * whole-case limits of 12345 natures. Administrators edit; everyone else reads.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { CATEGORY_KIND_LABELS, SLA_STAGE_LABELS, SLA_STAGES } from '../../../src/shared/case-vocabulary';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { fetchDepartments } from '../users/api';
import { saveNatureLimit } from './api';
import { isMinor, useCatalogue } from './catalogue';
import { CategoryEditModal, type CategoryEditing } from './CategoryEditModal';
import { isConflict } from './errors';
import { canEditCatalogue, formatLimit } from './format';
import { LimitInput } from './LimitInput';
import type { CategoryKind, Category, Limit, Nature, StageLimits } from './types';

/** A class with its minor classes as children (the table's tree). */
interface CategoryRow extends Category {
  children?: CategoryRow[];
}

function buildRows(categories: readonly Category[], kind: CategoryKind | 'all', q: string): CategoryRow[] {
  const matches = (c: Category) => !q || c.code.includes(q.toUpperCase()) || c.name.includes(q);
  const majors = categories.filter((c) => !isMinor(c) && (kind === 'all' || c.kind === kind));
  return majors
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((major) => {
      const minors = categories
        .filter((c) => c.parentCode === major.code && (matches(c) || matches(major)))
        .sort((a, b) => a.code.localeCompare(b.code));
      return { ...major, children: minors.length ? minors : undefined };
    })
    .filter((row) => row.children || matches(row));
}

/** The four clocks of one urgency, one per line: '处置 4 工作时'. */
function StageLimitsText({ limits }: { limits: StageLimits | undefined }) {
  if (!limits) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical style={{ fontSize: 12, lineHeight: '18px' }}>
      {SLA_STAGES.map((stage) => (
        <span key={stage}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {SLA_STAGE_LABELS[stage].replace('时限', '')}
          </Typography.Text>{' '}
          {formatLimit(limits[stage])}
        </span>
      ))}
    </Flex>
  );
}

function buildColumns(
  departmentName: (code: string | null) => string,
  onEdit: ((editing: CategoryEditing) => void) | null,
): TableColumnsType<CategoryRow> {
  const columns: TableColumnsType<CategoryRow> = [
    { title: '编码', dataIndex: 'code', width: 130 },
    {
      title: '名称',
      key: 'name',
      width: 170,
      render: (_, row) => (
        <Space size={4}>
          <span style={{ fontWeight: isMinor(row) ? undefined : 600 }}>{row.name}</span>
          {!row.active && <Tag>停用</Tag>}
        </Space>
      ),
    },
    { title: '类别', key: 'kind', width: 60, render: (_, row) => CATEGORY_KIND_LABELS[row.kind] },
    {
      title: '责任部门',
      key: 'department',
      width: 150,
      render: (_, row) => {
        if (!isMinor(row)) return null;
        const overrides = Object.keys(row.townDepartments ?? {}).length;
        return (
          <Flex vertical>
            <span>{departmentName(row.departmentCode)}</span>
            {overrides > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                另有 {overrides} 个镇街专属
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    { title: '时限(一般)', key: 'normal', width: 130, render: (_, row) => isMinor(row) && <StageLimitsText limits={row.limits?.normal} /> },
    { title: '时限(紧急)', key: 'urgent', width: 140, render: (_, row) => isMinor(row) && <StageLimitsText limits={row.limits?.urgent} /> },
    { title: '立案条件', dataIndex: 'registerCondition', ellipsis: true },
    { title: '结案条件', dataIndex: 'closeCondition', ellipsis: true },
  ];
  if (onEdit) {
    columns.push({
      title: '操作',
      key: 'edit',
      width: 150,
      fixed: 'right',
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit({ mode: 'edit', category: row })}>
            编辑
          </Button>
          {!isMinor(row) && (
            <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => onEdit({ mode: 'create', parent: row })}>
              小类
            </Button>
          )}
        </Space>
      ),
    });
  }
  return columns;
}

/** Edits the whole-case limit of one nature. */
function NatureLimitModal({ nature, onClose, onSaved }: { nature: Nature | null; onClose: () => void; onSaved: () => void }) {
  const [limit, setLimit] = useState<Limit | undefined>(nature?.limit);
  const [seen, setSeen] = useState(nature);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (seen !== nature) {
    setSeen(nature);
    setLimit(nature?.limit);
    setError(null);
  }
  if (!nature) return null;
  const save = async () => {
    if (!limit) return;
    setSaving(true);
    setError(null);
    try {
      await saveNatureLimit(nature.code, limit, nature.version);
      onSaved();
      onClose();
    } catch (caught) {
      setError(isConflict(caught) ? '该时限已被他人修改,请关闭后刷新再改' : errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`12345「${nature.name}」办结时限`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={save} onCancel={onClose}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <LimitInput value={limit} onChange={setLimit} aria-label="办结时限" />
    </Modal>
  );
}

/** The natures' limits. */
function NatureLimits({ natures, editable, onSaved }: { natures: Nature[]; editable: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState<Nature | null>(null);
  return (
    <Card size="small" title="12345 诉求性质办结时限">
      <Table<Nature>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={natures}
        data-testid="nature-table"
        columns={[
          { title: '性质', dataIndex: 'name', width: 120 },
          { title: '办结时限', key: 'limit', render: (_, n) => formatLimit(n.limit) },
          ...(editable
            ? [
                {
                  title: '操作',
                  key: 'edit',
                  width: 90,
                  render: (_: unknown, n: Nature) => (
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(n)}>
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <NatureLimitModal nature={editing} onClose={() => setEditing(null)} onSaved={onSaved} />
    </Card>
  );
}

/** 分类目录. */
export function CataloguePage() {
  const user = useCurrentUser();
  const editable = canEditCatalogue(user.role);
  const catalogue = useCatalogue();
  const departments = useApi((signal) => fetchDepartments(signal), []);
  const [kind, setKind] = useState<CategoryKind | 'all'>('all');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<CategoryEditing | null>(null);

  const columns = useMemo(() => {
    const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));
    const nameOf = (code: string | null) => (code ? (names.get(code) ?? code) : '—');
    return buildColumns(nameOf, editable ? setEditing : null);
  }, [departments.data, editable]);
  const rows = useMemo(() => buildRows(catalogue.data?.categories ?? [], kind, q.trim()), [catalogue.data, kind, q]);

  return (
    <Flex vertical gap={12}>
      {catalogue.error !== undefined && <Alert type="error" showIcon title={`分类目录加载失败:${errorMessage(catalogue.error)}`} />}
      <Card
        size="small"
        title="事件分类目录"
        extra={
          <Space wrap>
            <Segmented<CategoryKind | 'all'>
              value={kind}
              onChange={setKind}
              options={[
                { value: 'all', label: '全部' },
                { value: 'component', label: '部件' },
                { value: 'event', label: '事件' },
              ]}
            />
            <Input.Search allowClear placeholder="编码或名称" onSearch={setQ} style={{ width: 180 }} />
          </Space>
        }
      >
        {!editable && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            目录由系统管理员维护;如需调整分类、责任部门或时限,请联系数字化改革办。
          </Typography.Paragraph>
        )}
        <Table<CategoryRow>
          size="small"
          rowKey="code"
          loading={catalogue.loading}
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 1200 }}
          expandable={{ defaultExpandAllRows: true }}
          key={`${kind}-${q}-${rows.length}`}
          data-testid="category-table"
        />
      </Card>
      {catalogue.data && <NatureLimits natures={catalogue.data.natures} editable={editable} onSaved={catalogue.reload} />}
      <CategoryEditModal editing={editing} onClose={() => setEditing(null)} onChanged={catalogue.reload} />
    </Flex>
  );
}
