/**
 * The vocabulary of figures extracted from work reports (issue 6), shared by server and web.
 * No Node or browser APIs.
 */

/** What a figure in a report says. */
export const MENTION_KINDS = ['level', 'growth', 'avg_growth', 'share', 'pp_change', 'target', 'other'] as const;

/** What a figure in a report says: a level, a rate of change, a share, a target … */
export type MentionKind = (typeof MENTION_KINDS)[number];

/** Chinese labels of the mention kinds, as the UI shows them. */
export const MENTION_KIND_LABELS: Readonly<Record<MentionKind, string>> = {
  level: '总量',
  growth: '增速',
  avg_growth: '年均增速',
  share: '占比/比率',
  pp_change: '百分点变化',
  target: '目标',
  other: '其他',
};

/** The direction of a change. */
export type MentionDirection = 'up' | 'down';

/** Chinese labels of the directions. */
export const MENTION_DIRECTION_LABELS: Readonly<Record<MentionDirection, string>> = { up: '增', down: '降' };
