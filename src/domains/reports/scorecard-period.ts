/**
 * The periods a scorecard (成绩单) covers, and how Chinese reports name them. Pure.
 */

/** A scorecard's period: a year and the months it runs through (always from January). */
export interface ScorecardPeriod {
  /** As given: `2023-H1`, `2023-Q3`, `2023-10` or `2023`. */
  code: string;
  year: number;
  /** The last month covered; figures are cumulative from January (累计). */
  month: number;
  /** How a report names it: 上半年, 前三季度, 1—10月, 全年. */
  label: string;
  /** The kind of report: 半年 (half year), 年度 (year) or 阶段 (to a month). */
  kind: 'half' | 'year' | 'quarter' | 'month';
}

const QUARTER_LABELS = ['一季度', '上半年', '前三季度', '全年'] as const;

/**
 * Parses a period code: `YYYY-H1` (Jan–Jun), `YYYY-H2` or `YYYY` (the whole year), `YYYY-Q1`…`Q4`
 * (cumulative to the quarter's end), `YYYY-MM` (cumulative to that month). Null when malformed.
 */
export function parseScorecardPeriod(code: string): ScorecardPeriod | null {
  const text = code.trim().toUpperCase();
  const match = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1990 || year > 2100) return null;
  const part = match[2];
  if (!part || part === 'H2') return { code: text, year, month: 12, label: '全年', kind: 'year' };
  if (part === 'H1') return { code: text, year, month: 6, label: '上半年', kind: 'half' };
  if (part.startsWith('Q')) {
    const quarter = Number(part.slice(1));
    return { code: text, year, month: quarter * 3, label: QUARTER_LABELS[quarter - 1] as string, kind: quarter === 4 ? 'year' : 'quarter' };
  }
  const month = Number(part);
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  const label = month === 12 ? '全年' : month === 6 ? '上半年' : month === 1 ? '1月' : `1—${month}月`;
  return { code: text, year, month, label, kind: month === 12 ? 'year' : month === 6 ? 'half' : 'month' };
}

/** `2023-01` … the last month: the months of the period as `YYYY-MM`. */
export function periodMonths(period: ScorecardPeriod): { from: string; to: string } {
  return { from: `${period.year}-01`, to: `${period.year}-${String(period.month).padStart(2, '0')}` };
}
