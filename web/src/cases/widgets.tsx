/**
 * Small pieces every 事件闭环 page shows alike: the status, channel, urgency and SLA tags, and
 * the category, department and town pickers (each a Form control through value/onChange).
 */
import { Flex, Select, Spin, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import {
  CHANNEL_LABELS,
  FINAL_STATES,
  SLA_STAGE_LABELS,
  STATE_LABELS,
  URGENCY_LABELS,
} from '../../../src/shared/case-vocabulary';
import { useApi } from '../api/useApi';
import { fetchChildRegions, fetchRootRegions } from '../regions/api';
import { fetchDepartments } from '../users/api';
import { categoryTree } from './catalogue';
import { formatRemaining, formatTime, SLA_TAG_COLOURS, summaryLimitKind } from './format';
import type { CaseChannel, CaseState, CaseSummary, CaseUrgency, Catalogue, Category, LimitKind, SummarySla } from './types';

/** Tag colours of the states: open work blue/orange, finished grey or green. */
const STATE_COLOURS: Partial<Record<CaseState, string>> = {
  reported: 'blue',
  verifying: 'cyan',
  registered: 'geekblue',
  dispatched: 'purple',
  accepted: 'processing',
  parked: 'gold',
  handled: 'orange',
  checked: 'lime',
  closed: 'green',
  visited: 'success',
  voided: 'default',
  merged: 'default',
};

/** The state of a case as a tag. */
export function StatusTag({ status }: { status: CaseState }) {
  return (
    <Tag color={STATE_COLOURS[status] ?? 'default'} data-status={status} style={{ marginInlineEnd: 0 }}>
      {STATE_LABELS[status] ?? status}
    </Tag>
  );
}

/** Tag colours of the channels. */
const CHANNEL_COLOURS: Record<CaseChannel, string> = {
  hotline: 'magenta',
  city_management: 'blue',
  police_linkage: 'red',
  grid_patrol: 'green',
  enterprise: 'purple',
  citizen: 'cyan',
  open311: 'geekblue',
};

/** The channel of a case as a tag. */
export function ChannelTag({ channel }: { channel: CaseChannel }) {
  return (
    <Tag color={CHANNEL_COLOURS[channel] ?? 'default'} bordered={false} style={{ marginInlineEnd: 0 }}>
      {CHANNEL_LABELS[channel] ?? channel}
    </Tag>
  );
}

/** 紧急 in red; 一般 as plain text. */
export function UrgencyTag({ urgency }: { urgency: CaseUrgency }) {
  if (urgency === 'urgent') return <Tag color="red">{URGENCY_LABELS.urgent}</Tag>;
  return <span>{URGENCY_LABELS[urgency] ?? urgency}</span>;
}

/** The running clock as a coloured tag with the time left; no clock (or a finished case) shows '—'. */
export function SlaTag({ sla, status, kind }: { sla: SummarySla | null; status: CaseState; kind?: LimitKind }) {
  if (!sla?.stage || !sla.colour || FINAL_STATES.includes(status)) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  const text = sla.paused ? '已暂停计时' : formatRemaining(sla.remainingMinutes, kind, sla.colour === 'red');
  return (
    <Tooltip title={`${SLA_STAGE_LABELS[sla.stage] ?? sla.stage} · 截止 ${formatTime(sla.deadline)}`}>
      <Tag color={sla.paused ? 'gold' : SLA_TAG_COLOURS[sla.colour]} data-sla={sla.colour} style={{ marginInlineEnd: 0 }}>
        {text}
      </Tag>
    </Tooltip>
  );
}

/** The running clock of a listed case, its kind taken from the catalogue when the list omits it. */
export function CaseSlaTag({ item, catalogue }: { item: CaseSummary; catalogue: Catalogue | undefined }) {
  return <SlaTag sla={item.sla} status={item.status} kind={summaryLimitKind(item, catalogue)} />;
}

/** Props shared by the pickers below. */
interface PickerProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  id?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
}

/** The props every picker hands its antd control alike. */
function baseProps({ value, onChange, placeholder, id, allowClear = true, disabled, style }: PickerProps, label: string) {
  return {
    id,
    value,
    onChange: (next: string | undefined) => onChange?.(next),
    placeholder: placeholder ?? label,
    allowClear,
    disabled,
    style: { width: '100%', ...style },
    'aria-label': label,
  };
}

/** Picks a minor class from the tree 部件/事件 → 大类 → 小类. */
export function CategorySelect({ categories, ...props }: PickerProps & { categories: readonly Category[] | undefined }) {
  const tree = useMemo(() => categoryTree(categories ?? []), [categories]);
  return (
    <TreeSelect
      {...baseProps({ placeholder: '请选择事件分类', ...props }, '事件分类')}
      treeData={tree}
      loading={!categories}
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
    />
  );
}

interface LoadedSelectProps extends PickerProps {
  options: { value: string; label: string }[];
  loading: boolean;
  label: string;
}

/** A searchable single select over options loaded from the API. */
function LoadedSelect({ options, loading, label, ...props }: LoadedSelectProps) {
  return <Select {...baseProps(props, label)} loading={loading} options={options} showSearch={{ optionFilterProp: 'label' }} />;
}

/** Picks a department of the caller's district. */
export function DepartmentSelect(props: PickerProps) {
  const departments = useApi((signal) => fetchDepartments(signal), []);
  const options = (departments.data ?? []).map((d) => ({ value: d.code, label: d.name }));
  return <LoadedSelect placeholder="请选择部门" {...props} options={options} loading={departments.loading} label="部门" />;
}

/** The towns under the caller's roots (a town user sees their own town). */
async function fetchTowns(signal: AbortSignal): Promise<{ code: string; name: string }[]> {
  const roots = await fetchRootRegions(signal);
  const towns = roots.filter((r) => r.level === 'town');
  for (const root of roots.filter((r) => r.level === 'district')) {
    towns.push(...(await fetchChildRegions(root.code, signal)).filter((r) => r.level === 'town'));
  }
  return towns.map((t) => ({ code: t.code, name: t.name }));
}

/** The towns a case may be filed under, for pickers. */
export function useTowns() {
  return useApi((signal) => fetchTowns(signal), []);
}

/** Picks a town (镇街) of the caller's scope. */
export function TownSelect(props: PickerProps) {
  const towns = useTowns();
  const options = (towns.data ?? []).map((t) => ({ value: t.code, label: t.name }));
  return <LoadedSelect {...props} options={options} loading={towns.loading} label="镇街" />;
}

/** A large spinner in the middle of the content, while a page or its data loads. */
export function LoadingBlock() {
  return (
    <Flex align="center" justify="center" style={{ padding: 80 }}>
      <Spin size="large" />
    </Flex>
  );
}
