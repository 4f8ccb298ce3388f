/**
 * Small display helpers of the supervision pages: colour and notice tags, the deadline
 * countdown, rates, and who may do what (the server decides; this only hides buttons).
 */
import { Tag } from 'antd';
import type { Role } from '../api/types';
import { COLOUR_LABELS, NOTICE_LABELS, type NoticeLevel, type SupervisionColour } from '../../../src/shared/supervision-vocabulary';

const TAG_COLOURS: Record<SupervisionColour, string> = { green: 'green', yellow: 'gold', red: 'red' };
const SHORT: Record<SupervisionColour, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** A traffic-light tag. */
export function ColourTag({ colour, title }: { colour: SupervisionColour; title?: string }) {
  return (
    <Tag color={TAG_COLOURS[colour]} title={title ?? COLOUR_LABELS[colour]}>
      {SHORT[colour]}
    </Tag>
  );
}

const NOTICE_COLOURS: Record<NoticeLevel, string> = { blue: 'blue', yellow: 'gold', red: 'red' };
const NOTICE_SHORT: Record<NoticeLevel, string> = { blue: '蓝单', yellow: '黄单', red: '红单' };

/** A three-colour notice tag (nothing when none was issued). */
export function NoticeTag({ level }: { level: NoticeLevel | null }) {
  if (!level) return null;
  return (
    <Tag color={NOTICE_COLOURS[level]} title={NOTICE_LABELS[level]}>
      {NOTICE_SHORT[level]}
    </Tag>
  );
}

/** The deadline countdown in words. */
export function countdown(item: { state: string; daysLeft: number }): string {
  if (item.state === 'completed' || item.state === 'cancelled') return '—';
  if (item.daysLeft < 0) return `逾期 ${-item.daysLeft} 天`;
  if (item.daysLeft === 0) return '今日到期';
  return `剩 ${item.daysLeft} 天`;
}

/** A rate as a percentage, or a dash. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** Whether the role raises, assigns and approves (the server checks again). */
export function isOffice(role: Role): boolean {
  return role === 'admin' || role === 'supervisor' || role === 'town_admin';
}

/** The path of an item's page. */
export function itemPath(code: string): string {
  return `/supervision/items/${encodeURIComponent(code)}`;
}

/** Today in China time, `YYYY-MM-DD`. */
export function todayCst(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
