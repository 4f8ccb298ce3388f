/**
 * The ratings of supervision (STANDARDS §7), pure: the traffic light of an item, the
 * three-colour notice (三色督办单) it has earned, unit ratings per month with the 红黄黑榜, and
 * the three rates of deputies' suggestions. Dates are China time (UTC+8, no daylight saving).
 *
 * Days are calendar days, not working days: a 督办 deadline is a date written on the notice
 * (办结时限), and offices count down calendar days to it; the thresholds are configurable.
 */
import { isBlackListed } from '@/domains/indicators/indicator-math.js';
import type {
  NoticeLevel,
  Satisfaction,
  SuggestionRates,
  SupervisionColour,
  SupervisionState,
  SupervisionThresholds,
  UnitPeriodFigures,
  UnitRating,
} from '@/shared/supervision-vocabulary.js';

// The shapes of the ratings live in the shared vocabulary: the web UI reads them as answered.
export type { SuggestionRates, SupervisionThresholds, UnitPeriodFigures, UnitRating };

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** The defaults: blue ≤ 7 days left, yellow ≤ 3 days left or > 30 points behind, black 5 days after a red notice. */
export const DEFAULT_SUPERVISION_THRESHOLDS: SupervisionThresholds = { blueDaysLeft: 7, yellowDaysLeft: 3, behindPp: 30, redNoticeGraceDays: 5 };

/** The instant a deadline date (`YYYY-MM-DD`) ends: midnight after it, China time. */
export function deadlineEnd(deadline: string): Date {
  return new Date(Date.parse(`${deadline}T00:00:00+08:00`) + DAY_MS);
}

/** The China-time calendar date of an instant, `YYYY-MM-DD`. */
export function cstDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Calendar days from today (China time) to the deadline: 0 on the day itself, negative after it. */
export function daysLeft(deadline: string, now: Date): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${cstDate(now)}T00:00:00Z`)) / DAY_MS);
}

/** What an item's colour depends on. */
export interface ItemClock {
  state: SupervisionState;
  deadline: string;
  /** When it was assigned (交办): the start of its time progress and of feedback periods. */
  assignedAt: Date | null;
  progress: number;
  feedbackIntervalDays: number | null;
  lastFeedbackAt: Date | null;
  completedOnTime: boolean | null;
}

/** An item's colour and why, in Chinese. */
export interface ItemRating {
  colour: SupervisionColour;
  reasons: string[];
  daysLeft: number;
  overdue: boolean;
  feedbackOverdue: boolean;
  /** Elapsed share of the time from 交办 to the deadline, 0–100 (null before 交办). */
  timeProgress: number | null;
}

/**
 * The traffic light of an item at `now` (STANDARDS §7: green on schedule, yellow near the
 * deadline or behind, red overdue), applied in this order:
 * - 办结: green when completed on time, red when late; 已撤销: green (nothing to chase).
 * - red: the deadline day has ended (逾期).
 * - yellow: `yellowDaysLeft` or fewer days left (临期); or periodic feedback is overdue
 *   (more than `feedbackIntervalDays` since the last feedback, or since 交办 if none, while the
 *   lead unit holds the item); or progress trails elapsed time by more than `behindPp` points
 *   (only once signed, when the lead unit reports progress).
 * - green otherwise.
 */
export function rateItem(item: ItemClock, now: Date, thresholds: SupervisionThresholds = DEFAULT_SUPERVISION_THRESHOLDS): ItemRating {
  const left = daysLeft(item.deadline, now);
  const end = deadlineEnd(item.deadline).getTime();
  const overdue = now.getTime() >= end;
  const start = item.assignedAt?.getTime() ?? null;
  const timeProgress = start === null ? null : end <= start ? 100 : Math.min(100, Math.max(0, ((now.getTime() - start) / (end - start)) * 100));
  const base = { daysLeft: left, overdue, timeProgress, feedbackOverdue: false };
  if (item.state === 'completed') {
    return item.completedOnTime === false ? { ...base, overdue: false, colour: 'red', reasons: ['逾期办结'] } : { ...base, overdue: false, colour: 'green', reasons: [] };
  }
  if (item.state === 'cancelled') return { ...base, overdue: false, colour: 'green', reasons: [] };
  if (overdue) return { ...base, colour: 'red', reasons: [`已逾期 ${-left} 天`] };
  const reasons: string[] = [];
  if (left <= thresholds.yellowDaysLeft) reasons.push(left === 0 ? '今日到期' : `距截止仅剩 ${left} 天`);
  let feedbackOverdue = false;
  if (item.feedbackIntervalDays !== null && ['assigned', 'signed', 'in_progress'].includes(item.state)) {
    const since = (item.lastFeedbackAt ?? item.assignedAt)?.getTime();
    if (since !== undefined && now.getTime() - since > item.feedbackIntervalDays * DAY_MS) {
      feedbackOverdue = true;
      reasons.push(`超过 ${item.feedbackIntervalDays} 天未反馈`);
    }
  }
  if (timeProgress !== null && (item.state === 'signed' || item.state === 'in_progress') && item.progress < timeProgress - thresholds.behindPp) {
    reasons.push(`进度 ${item.progress}% 落后时间进度 ${Math.round(timeProgress)}%`);
  }
  return { ...base, feedbackOverdue, colour: reasons.length ? 'yellow' : 'green', reasons };
}

const LEVEL_ORDER: Record<NoticeLevel, number> = { blue: 1, yellow: 2, red: 3 };

/**
 * The notice an assigned item has earned at `now`: red (挂牌督办) when overdue, yellow (催办)
 * when its light is yellow, blue (提醒) when `blueDaysLeft` or fewer days are left, else none.
 * Only items the units hold are chased (已交办, 已签收, 办理中): not 待交办 (no unit has it yet),
 * not 已反馈 (the office has it), not closed ones.
 */
export function earnedNotice(item: ItemClock, now: Date, thresholds: SupervisionThresholds = DEFAULT_SUPERVISION_THRESHOLDS): NoticeLevel | null {
  if (!['assigned', 'signed', 'in_progress'].includes(item.state)) return null;
  const rating = rateItem(item, now, thresholds);
  if (rating.colour === 'red') return 'red';
  if (rating.colour === 'yellow') return 'yellow';
  if (rating.daysLeft <= thresholds.blueDaysLeft) return 'blue';
  return null;
}

/** Notices only escalate: the higher of the current and the earned level (null: no change). */
export function escalateNotice(current: NoticeLevel | null, earned: NoticeLevel | null): NoticeLevel | null {
  if (earned === null) return null;
  if (current !== null && LEVEL_ORDER[current] >= LEVEL_ORDER[earned]) return null;
  return earned;
}

/** The levels to issue when escalating from `current` to `next` (skipped levels are issued too, so history has each once). */
export function levelsToIssue(current: NoticeLevel | null, next: NoticeLevel): NoticeLevel[] {
  const from = current === null ? 0 : LEVEL_ORDER[current];
  return (['blue', 'yellow', 'red'] as const).filter((l) => LEVEL_ORDER[l] > from && LEVEL_ORDER[l] <= LEVEL_ORDER[next]);
}

// ---------------------------------------------------------------------------------------------
// Unit ratings and the 红黄黑榜

/** A month `YYYY-MM` as the instants it spans (China time). */
export function periodBounds(period: string): { start: Date; end: Date } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const start = new Date(Date.parse(`${period}-01T00:00:00+08:00`));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start, end: new Date(Date.parse(`${next}-01T00:00:00+08:00`)) };
}

/** The month before `YYYY-MM`. */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** What a unit rating needs of an item. */
export interface RatingItem {
  id: number;
  unitKey: string;
  state: SupervisionState;
  deadline: string;
  createdAt: Date;
  /** 交办: before it the item is the office's, not the unit's (待交办 items are not rated). */
  assignedAt: Date | null;
  /** The last application for completion (提交办结申请). */
  submittedAt: Date | null;
  completedAt: Date | null;
  /** Judged at the (last) submission, not at the office's approval. */
  completedOnTime: boolean | null;
  /** 撤销: the item still counts in the months before it. */
  cancelledAt: Date | null;
}

/**
 * When the lead unit stopped holding an item: its application for completion while the
 * office holds it (已反馈) or after approval (办结), or its cancellation; null while the unit
 * still holds it (a rejected application puts it back in the unit's hands).
 */
function releasedAt(i: RatingItem): Date | null {
  const submitted = i.state === 'reported' || i.state === 'completed' ? (i.submittedAt ?? i.completedAt) : null;
  const times = [submitted, i.cancelledAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

/** What a unit rating needs of a notice. */
export interface RatingNotice {
  itemId: number;
  unitKey: string;
  colour: NoticeLevel;
  issuedAt: Date;
}

/**
 * A unit's figures and colour for one month. Colour: red when any of its items was overdue in
 * the month while the unit held it; yellow when it received a yellow notice in the month;
 * green otherwise. The unit is judged only on what it holds: an item counts from its 交办
 * (never while 待交办), and its overdue time ends when the unit applied for completion (time
 * the office takes to approve, 已反馈, is not the unit's). A cancelled item counts in the
 * months before its cancellation, so 撤销 does not erase an earlier red month. Returns
 * null when the unit had nothing in the month (no items due, completed, overdue, open or
 * noticed): such a month has no rating, which breaks a run of reds.
 */
export function rateUnitPeriod(
  unitKey: string,
  items: readonly RatingItem[],
  notices: readonly RatingNotice[],
  period: string,
  now: Date,
  thresholds: SupervisionThresholds = DEFAULT_SUPERVISION_THRESHOLDS,
): UnitPeriodFigures | null {
  const { start, end } = periodBounds(period);
  const asOf = new Date(Math.min(end.getTime(), now.getTime()));
  if (asOf <= start) return null;
  const mine = items.filter(
    (i) => i.unitKey === unitKey && i.assignedAt !== null && i.assignedAt < asOf && (i.cancelledAt === null || i.cancelledAt > start),
  );
  const inPeriod = (d: Date | null): d is Date => d !== null && d >= start && d < asOf;
  const closedAt = (i: RatingItem) => i.completedAt ?? i.cancelledAt;
  const due = mine.filter((i) => deadlineEnd(i.deadline) > start && deadlineEnd(i.deadline) <= end && (i.cancelledAt === null || i.cancelledAt >= deadlineEnd(i.deadline))).length;
  const completed = mine.filter((i) => inPeriod(i.completedAt));
  const completedOnTime = completed.filter((i) => i.completedOnTime === true).length;
  // Still in the unit's hands at `at` (not applied for completion, approved or cancelled).
  const heldAt = (i: RatingItem, at: Date) => {
    const released = releasedAt(i) ?? closedAt(i);
    return released === null || released >= at;
  };
  // Overdue while the unit held it: from the deadline's end (or 交办, if later) until released.
  const overdue = mine.filter((i) => {
    const from = Math.max(deadlineEnd(i.deadline).getTime(), (i.assignedAt as Date).getTime());
    const until = releasedAt(i)?.getTime() ?? Infinity;
    return from < until && from < asOf.getTime() && until > start.getTime();
  }).length;
  const open = mine.filter((i) => heldAt(i, asOf)).length;
  const myNotices = notices.filter((n) => n.unitKey === unitKey);
  const yellowNotices = myNotices.filter((n) => n.colour === 'yellow' && inPeriod(n.issuedAt)).length;
  const redNotices = myNotices.filter((n) => n.colour === 'red' && inPeriod(n.issuedAt)).length;
  const graceMs = thresholds.redNoticeGraceDays * DAY_MS;
  const byId = new Map(mine.map((i) => [i.id, i]));
  const overdueAfterRed = myNotices.filter((n) => {
    const item = byId.get(n.itemId);
    return n.colour === 'red' && item !== undefined && n.issuedAt.getTime() + graceMs < asOf.getTime() && heldAt(item, new Date(n.issuedAt.getTime() + graceMs));
  }).length;
  if (due + completed.length + overdue + open + yellowNotices + redNotices === 0) return null;
  const colour: SupervisionColour = overdue > 0 ? 'red' : yellowNotices > 0 ? 'yellow' : 'green';
  return {
    unitKey,
    due,
    completed: completed.length,
    completedOnTime,
    onTimeRate: completed.length ? completedOnTime / completed.length : null,
    overdue,
    open,
    yellowNotices,
    redNotices,
    colour,
    overdueAfterRed,
  };
}

/**
 * Rates every unit for a month and sorts them onto the 红黄黑榜:
 * - 黑榜 (black): red this month and last (`isBlackListed` of the indicators, STANDARDS §7),
 *   or an item still open `redNoticeGraceDays` after its red notice (overdue after a red notice);
 * - 黄榜 (warning): otherwise red or yellow this month;
 * - 红榜 (honour): otherwise green with at least one item completed in the month.
 * Units with nothing in the month are left out. Each list is sorted worst-first (black,
 * warning) or best-first (honour: on-time rate, then completed count).
 */
export function rateUnits(
  items: readonly RatingItem[],
  notices: readonly RatingNotice[],
  period: string,
  now: Date,
  thresholds: SupervisionThresholds = DEFAULT_SUPERVISION_THRESHOLDS,
): { ratings: UnitRating[]; honour: UnitRating[]; warning: UnitRating[]; black: UnitRating[] } {
  const units = [...new Set(items.map((i) => i.unitKey))].sort();
  const ratings: UnitRating[] = [];
  for (const unitKey of units) {
    const figures = rateUnitPeriod(unitKey, items, notices, period, now, thresholds);
    if (!figures) continue;
    const previous = rateUnitPeriod(unitKey, items, notices, previousPeriod(period), now, thresholds);
    const twoReds = isBlackListed([previous?.colour ?? null, figures.colour]);
    const blackReasons: string[] = [];
    if (twoReds) blackReasons.push('连续两期红灯');
    if (figures.overdueAfterRed > 0) blackReasons.push(`${figures.overdueAfterRed} 件红色督办后仍未办结`);
    const blackListed = blackReasons.length > 0;
    const list = blackListed ? 'black' : figures.colour !== 'green' ? 'warning' : figures.completed > 0 ? 'honour' : null;
    ratings.push({ ...figures, previousColour: previous?.colour ?? null, blackListed, blackReasons, list });
  }
  const worst = (a: UnitRating, b: UnitRating) => b.overdue - a.overdue || b.redNotices - a.redNotices || b.yellowNotices - a.yellowNotices || a.unitKey.localeCompare(b.unitKey);
  const best = (a: UnitRating, b: UnitRating) => (b.onTimeRate ?? 0) - (a.onTimeRate ?? 0) || b.completed - a.completed || a.unitKey.localeCompare(b.unitKey);
  return {
    ratings,
    honour: ratings.filter((r) => r.list === 'honour').sort(best),
    warning: ratings.filter((r) => r.list === 'warning').sort(worst),
    black: ratings.filter((r) => r.list === 'black').sort(worst),
  };
}

// ---------------------------------------------------------------------------------------------
// Deputies' suggestions

/** The rates over a set of suggestions (all those the unit leads: 主办件; cancelled ones left out by the caller). */
export function suggestionRates(rows: readonly { metOn: string | null; repliedOn: string | null; satisfaction: Satisfaction | null }[]): SuggestionRates {
  const total = rows.length;
  const met = rows.filter((r) => r.metOn !== null).length;
  const replied = rows.filter((r) => r.repliedOn !== null).length;
  const satisfied = rows.filter((r) => r.satisfaction === 'satisfied').length;
  const basicallySatisfied = rows.filter((r) => r.satisfaction === 'basically_satisfied').length;
  const unsatisfied = rows.filter((r) => r.satisfaction === 'unsatisfied').length;
  const evaluated = satisfied + basicallySatisfied + unsatisfied;
  return {
    total,
    met,
    replied,
    evaluated,
    satisfied,
    basicallySatisfied,
    unsatisfied,
    meetRate: total ? met / total : null,
    replyRate: total ? replied / total : null,
    satisfactionRate: evaluated ? (satisfied + basicallySatisfied) / evaluated : null,
  };
}
