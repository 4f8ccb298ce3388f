/**
 * Display helpers of the projects pages: money in 万元/亿元, lights as colours.
 */
import type { ProjectLight } from '../../../src/shared/project-vocabulary';

/** 元 → '3500万元' or '13.05亿元' (two decimals at most, trailing zeros trimmed). */
export function money(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return '—';
  const trim = (v: number) => String(Number(v.toFixed(2)));
  if (Math.abs(yuan) >= 1e8) return `${trim(yuan / 1e8)}亿元`;
  return `${trim(yuan / 1e4)}万元`;
}

/** A fraction as a percentage with one decimal. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** The Ant Design tag colour of a light. */
export const LIGHT_COLOURS: Record<ProjectLight, string> = { green: 'success', yellow: 'warning', red: 'error', none: 'default' };

/** The chart colour of a light. */
export const LIGHT_HEX: Record<ProjectLight, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d', none: '#bfbfbf' };

/** Short labels of the lights. */
export const LIGHT_SHORT: Record<ProjectLight, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '未评价' };
