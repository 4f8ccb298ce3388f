/**
 * Case metrics (STANDARDS.md §5) and the maintained roll-up they are read from. Pure.
 *
 * Each case contributes a fixed set of counters ({@link contributionOf}) to four roll-up rows
 * (its month of receipt and town, by grid, department, category and channel). Every change
 * of a case adds contribution(after) − contribution(before) to those rows in the same
 * transaction, so the roll-up always equals the sum of contributions over all cases: a full
 * recomputation gives the same numbers by construction, and the tests check it does.
 *
 * Definitions (a case counts in the month it was received):
 * - 应结案 (due): registered cases that are closed or whose whole-case deadline has passed
 *   (the overdue sweep marks those); 结案率 = closed / due; 按期结案率 = closed on time / due.
 * - 按期处置率 = handled within the handling limit / handled.
 * - 返工率 = cases sent back at least once after a check / cases checked.
 * - 满意率 = (满意 + 基本满意) / call-backs answered (the latest answer of each case).
 * - 超时倍数 = mean over cases closed late of time used / time allowed.
 */
import type { CaseRollupCounters } from '@/db/schema.js';
import type { CaseMetrics } from '@/shared/case-metrics-view.js';
import { FINAL_STATES, type CaseState } from '@/shared/case-vocabulary.js';

export type { CaseMetrics };

/** The fields of a case that its contribution depends on. */
export interface ContributingCase {
  status: CaseState | string;
  registeredAt: Date | null;
  handledAt: Date | null;
  handledOnTime: boolean | null;
  checkedAt: Date | null;
  closedAt: Date | null;
  closedOnTime: boolean | null;
  closeWorkingMinutes: number | null;
  overtimeRatio: number | null;
  overdueAt: Date | null;
  reworkCount: number;
  returnCount: number;
  extensionCount: number;
  parkCount: number;
  satisfaction: string | null;
}

/** The counter names, in the roll-up's column order. */
export const COUNTERS: readonly (keyof CaseRollupCounters)[] = [
  'received',
  'registered',
  'voided',
  'due',
  'closed',
  'closed_on_time',
  'handled',
  'handled_on_time',
  'checked',
  'reworked',
  'callbacks',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'overdue_closed',
  'overtime_ratio_sum',
  'close_minutes_sum',
  'returns',
  'extensions',
  'parks',
  'open',
  'overdue_open',
];

/** All counters at zero. */
export function zeroCounters(): CaseRollupCounters {
  // A spread of one template keeps every counter object the same shape (fast property
  // access in addCounters); a bulk import makes hundreds of thousands of them.
  return { ...ZERO };
}

const ZERO = Object.freeze(Object.fromEntries(COUNTERS.map((k) => [k, 0])) as unknown as CaseRollupCounters);

const b = (value: boolean): number => (value ? 1 : 0);

/** One case's contribution to the roll-up. */
export function contributionOf(c: ContributingCase): CaseRollupCounters {
  const voided = c.status === 'voided' || c.status === 'merged';
  const registered = c.registeredAt !== null && !voided;
  const closed = registered && c.closedAt !== null;
  const open = !FINAL_STATES.includes(c.status as CaseState);
  const answered = c.satisfaction !== null && c.satisfaction !== 'unreachable';
  const closedLate = closed && c.closedOnTime === false;
  return {
    received: 1,
    registered: b(registered),
    voided: b(voided),
    due: b(registered && (closed || c.overdueAt !== null)),
    closed: b(closed),
    closed_on_time: b(closed && c.closedOnTime === true),
    handled: b(c.handledAt !== null && c.handledOnTime !== null),
    handled_on_time: b(c.handledAt !== null && c.handledOnTime === true),
    checked: b(c.checkedAt !== null || c.reworkCount > 0),
    reworked: b(c.reworkCount > 0),
    callbacks: b(answered),
    satisfied: b(c.satisfaction === 'satisfied'),
    basically_satisfied: b(c.satisfaction === 'basically_satisfied'),
    unsatisfied: b(c.satisfaction === 'unsatisfied'),
    overdue_closed: b(closedLate),
    overtime_ratio_sum: closedLate && c.overtimeRatio !== null ? c.overtimeRatio : 0,
    close_minutes_sum: closed && c.closeWorkingMinutes !== null ? c.closeWorkingMinutes : 0,
    returns: c.returnCount,
    extensions: c.extensionCount,
    parks: c.parkCount,
    open: b(open),
    overdue_open: b(open && c.overdueAt !== null),
  };
}

/** after − before, counter by counter; null when nothing changed. */
export function differenceOf(after: CaseRollupCounters, before: CaseRollupCounters | null): CaseRollupCounters | null {
  const delta = zeroCounters();
  let changed = false;
  for (const key of COUNTERS) {
    const value = after[key] - (before ? before[key] : 0);
    delta[key] = value;
    if (value !== 0) changed = true;
  }
  return changed ? delta : null;
}

/** Adds `b` into `a` (in place) and returns `a`. */
export function addCounters(a: CaseRollupCounters, b: CaseRollupCounters, sign = 1): CaseRollupCounters {
  for (const key of COUNTERS) a[key] += sign * b[key];
  return a;
}


function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** The metrics from summed counters. */
export function metricsOf(t: CaseRollupCounters): CaseMetrics {
  return {
    received: t.received,
    registered: t.registered,
    voided: t.voided,
    due: t.due,
    closed: t.closed,
    closedOnTime: t.closed_on_time,
    closureRate: ratio(t.closed, t.due),
    onTimeClosureRate: ratio(t.closed_on_time, t.due),
    handled: t.handled,
    handledOnTime: t.handled_on_time,
    onTimeHandlingRate: ratio(t.handled_on_time, t.handled),
    checked: t.checked,
    reworked: t.reworked,
    reworkRate: ratio(t.reworked, t.checked),
    callbacks: t.callbacks,
    satisfied: t.satisfied,
    basicallySatisfied: t.basically_satisfied,
    unsatisfied: t.unsatisfied,
    satisfactionRate: ratio(t.satisfied + t.basically_satisfied, t.callbacks),
    overdueClosed: t.overdue_closed,
    overtimeRatio: ratio(t.overtime_ratio_sum, t.overdue_closed),
    avgCloseWorkingMinutes: ratio(t.close_minutes_sum, t.closed),
    returns: t.returns,
    extensions: t.extensions,
    parks: t.parks,
    open: t.open,
    overdueOpen: t.overdue_open,
  };
}
