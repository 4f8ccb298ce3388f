/**
 * The workbench's filters: status, town, department, class, channel, SLA colour, received
 * dates, text, and the order. Every change applies at once.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { CASE_CHANNELS, CASE_STATES, CHANNEL_LABELS, STATE_LABELS } from '../../../src/shared/case-vocabulary';
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

/** The filter controls above the list. */
export function CaseFilterBar({ filters, categories, onChange, onRefresh, refreshing }: CaseFilterBarProps) {
  const set = (patch: Partial<CaseFilters>) => onChange({ ...filters, ...patch });
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;
  return (
    <Flex wrap gap={8} data-testid="case-filters">
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
