import { ExclamationCircleFilled } from '@ant-design/icons';
import { Select, Space, Tag, Tooltip, Typography } from 'antd';
import { COLOUR_LABELS, COLOUR_TAGS, formatPercent, formatPp, yearOptions } from './format';
import type { Colour } from './types';

/** The rating as a coloured tag: 绿 / 黄 / 红; no rating → '—'. */
export function ColourTag({ colour }: { colour: Colour | null | undefined }) {
  if (!colour) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={COLOUR_TAGS[colour]} style={{ marginInlineEnd: 0 }} data-colour={colour}>
      {COLOUR_LABELS[colour]}
    </Tag>
  );
}

/** Percentage points, signed, green ahead and red behind. */
export function PpText({ value }: { value: number | null | undefined }) {
  const text = formatPp(value);
  if (value === null || value === undefined || text === '0.0' || text === '—') return <span>{text}</span>;
  return <Typography.Text type={value > 0 ? 'success' : 'danger'}>{text}</Typography.Text>;
}

/** A growth rate; red when it goes the wrong way (a fall, or a rise of a lower-is-better indicator). */
export function RateText({ value, direction = 'higher' }: { value: number | null | undefined; direction?: 'higher' | 'lower' }) {
  const text = formatPercent(value);
  if (value === null || value === undefined) return <span>{text}</span>;
  const worse = direction === 'lower' ? value > 0 : value < 0;
  return worse ? <Typography.Text type="danger">{text}</Typography.Text> : <span>{text}</span>;
}

/** The warning of a cumulative that fell below the previous month's and is not confirmed yet. */
export function FlagIcon({ flagged, confirmed = false }: { flagged: boolean; confirmed?: boolean }) {
  if (!flagged || confirmed) return null;
  return (
    <Tooltip title="累计值低于上月,待确认">
      <ExclamationCircleFilled style={{ color: '#faad14', marginInlineStart: 4 }} aria-label="累计值低于上月,待确认" data-testid="flag-icon" />
    </Tooltip>
  );
}

/** Props of {@link PeriodPicker}. */
export interface PeriodPickerProps {
  year: number | null;
  month: number | null;
  onChange: (year: number, month: number) => void;
  /** The months offered; every month by default. */
  months?: readonly number[];
  disabled?: boolean;
}

/** Picks a reporting period: a year and the last month of the cumulative (1–n月). */
export function PeriodPicker({ year, month, onChange, months, disabled }: PeriodPickerProps) {
  const monthList = months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return (
    <Space.Compact>
      <Select<number>
        aria-label="年份"
        value={year ?? undefined}
        placeholder="年份"
        disabled={disabled}
        style={{ width: 104 }}
        options={yearOptions(year)}
        onChange={(value) => onChange(value, month ?? monthList[monthList.length - 1] ?? 12)}
      />
      <Select<number>
        aria-label="月份"
        value={month ?? undefined}
        placeholder="月份"
        disabled={disabled}
        style={{ width: 104 }}
        options={monthList.map((m) => ({ value: m, label: m === 1 ? '1月' : `1–${m}月` }))}
        onChange={(value) => onChange(year ?? new Date().getFullYear(), value)}
      />
    </Space.Compact>
  );
}

/** Picks a year. */
export function YearPicker({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  return <Select<number> aria-label="年份" value={value} onChange={onChange} style={{ width: 110 }} options={yearOptions(value)} />;
}
