/**
 * The workbench's filters: status, town, department, class, channel, SLA colour, received
 * dates, text, and the order. Every change applies at once. A region of any level (a link
 * from a cockpit figure) shows as a tag with its name, closed to remove it.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { CASE_CHANNELS, CASE_STATES, CHANNEL_LABELS, STATE_LABELS } from '../../../src/shared/case-vocabulary';
import { LEVEL_LABELS } from '../../../src/shared/region-levels';
import { useApi } from '../api/useApi';
import { fetchRegion } from '../regions/api';
import { SLA_FILTER_LABELS } from './format';
import type { CaseFilters } from './query';
import type { CaseChannel, CaseSort, CaseState, Category } from './types';
import { CategorySelect, DepartmentSelect, TownSelect } from './widgets';

const SORT_LABELS: Record<CaseSort, string> = {
  received_desc: '受理时间 新→旧',
  received_asc: '受理时间 旧→新',
  deadline_asc: '截止时间 近→远',
};

/** Props of {@link CaseFilterBar}. */
export interface CaseFilterBarProps {
  filters: CaseFilters;
  categories: readonly Category[] | undefined;
  onChange: (filters: CaseFilters) => void;
  onRefresh: () => void;
  refreshing: boolean;
}

/** Filters without a control of their own (set by a link) show as tags as tall as the controls. */
const FILTER_TAG_STYLE = { display: 'inline-flex', alignItems: 'center', height: 32, margin: 0, fontSize: 14 } as const;

/** The region filter as a closable tag: its level and name, the chain above it on hover. */
function RegionFilterTag({ code, onClose }: { code: string; onClose: () => void }) {
  const region = useApi((signal) => fetchRegion(code, signal), [code]);
  const r = region.data;
  const label = r ? `${LEVEL_LABELS[r.level]}:${r.name}` : region.error ? `区域:${code}` : '区域:加载中…';
  const chain = r ? [...r.chain.map((c) => c.name), r.name].join(' / ') : code;
  return (
    <Tooltip title={chain}>
      <Tag
        closable
        color="blue"
        onClose={(event) => {
          event.preventDefault();
          onClose();
        }}
        style={FILTER_TAG_STYLE}
        data-testid="region-filter"
        data-code={code}
      >
        {label}
      </Tag>
    </Tooltip>
  );
}

/** The filter controls above the list. */
export function CaseFilterBar({ filters, categories, onChange, onRefresh, refreshing }: CaseFilterBarProps) {
  const set = (patch: Partial<CaseFilters>) => onChange({ ...filters, ...patch });
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;
  return (
    <Flex wrap gap={8} data-testid="case-filters">
      {filters.region && <RegionFilterTag code={filters.region} onClose={() => set({ region: undefined })} />}
      {filters.overdue && (
        <Tag
          closable
          color="red"
          onClose={(event) => {
            event.preventDefault();
            set({ overdue: undefined });
          }}
          style={FILTER_TAG_STYLE}
          data-testid="overdue-filter"
        >
          已超结案时限
        </Tag>
      )}
      <Input.Search
        allowClear
        defaultValue={filters.q}
        key={filters.q ?? ''}
        placeholder="搜索编号、描述、地址"
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 220 }}
        aria-label="搜索"
      />
      <Select<CaseState[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder="状态"
        value={filters.status ?? []}
        onChange={(status) => set({ status: status.length ? status : undefined })}
        options={CASE_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
        style={{ width: 180 }}
        aria-label="状态"
      />
      <TownSelect value={filters.town} onChange={(town) => set({ town })} style={{ width: 140 }} />
      <DepartmentSelect
        value={filters.department}
        onChange={(department) => set({ department })}
        placeholder="责任部门"
        style={{ width: 160 }}
      />
      <CategorySelect
        categories={categories}
        value={filters.category}
        onChange={(category) => set({ category })}
        placeholder="事件分类"
        style={{ width: 200 }}
      />
      <Select<CaseChannel>
        allowClear
        placeholder="来源渠道"
        value={filters.channel}
        onChange={(channel) => set({ channel })}
        options={CASE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
        style={{ width: 130 }}
        aria-label="来源渠道"
      />
      <Select<'yellow' | 'red'>
        allowClear
        placeholder="时限预警"
        value={filters.sla}
        onChange={(sla) => set({ sla })}
        options={(['yellow', 'red'] as const).map((c) => ({ value: c, label: SLA_FILTER_LABELS[c] }))}
        style={{ width: 140 }}
        aria-label="时限预警"
      />
      <DatePicker.RangePicker
        value={range}
        placeholder={['受理开始日期', '结束日期']}
        onChange={(dates) =>
          set({ from: dates?.[0]?.format('YYYY-MM-DD') ?? undefined, to: dates?.[1]?.format('YYYY-MM-DD') ?? undefined })
        }
        style={{ width: 260 }}
      />
      <Select<CaseSort>
        value={filters.sort ?? 'received_desc'}
        onChange={(sort) => set({ sort: sort === 'received_desc' ? undefined : sort })}
        options={(Object.keys(SORT_LABELS) as CaseSort[]).map((s) => ({ value: s, label: SORT_LABELS[s] }))}
        style={{ width: 150 }}
        aria-label="排序"
      />
      <Button onClick={() => onChange({})}>重置</Button>
      <Button icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing} aria-label="刷新" />
    </Flex>
  );
}
