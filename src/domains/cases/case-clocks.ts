/**
 * SLA clocks of a case (STANDARDS.md §4): dispatch, handle, check and the whole case, each in
 * its limit's kind on the working calendar. 挂账 and approved 延期 stop the handle and whole-case
 * clocks; the dispatch and check clocks never stop. Pure: the caller passes the calendar and
 * the time.
 */
import type { StoredClock, StoredLimit, StoredPause } from '@/db/schema.js';
import type { SlaColour, SlaStage } from '@/shared/case-vocabulary.js';
import { addWorkingMinutes, computeDeadline, slaColour, timeUsed, workingMinutesBetween, type Pause, type WorkingCalendar } from '@/domains/calendar/working-time.js';

/** Clocks that pause in 挂账 and 延期. */
const PAUSABLE: ReadonlySet<SlaStage> = new Set(['handle', 'total']);

/** The pauses of a case as the calendar functions take them. */
export function toPauses(stored: readonly StoredPause[]): Pause[] {
  return stored.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) }));
}

/** The pauses that apply to a clock. */
export function pausesOf(stage: SlaStage, stored: readonly StoredPause[]): Pause[] {
  return PAUSABLE.has(stage) ? toPauses(stored) : [];
}

/** Starts a clock at `start` with its deadline counted on the calendar. */
export function startClock(limit: StoredLimit, start: Date, cal: WorkingCalendar, pauses: readonly Pause[] = []): StoredClock {
  const deadline = computeDeadline(limit.kind, limit.amount, start, cal, pauses);
  return { start: start.toISOString(), deadline: deadline.toISOString(), end: null, kind: limit.kind, amount: limit.amount };
}

/**
 * The clock with its deadline counted again: the limit from the start over the closed
 * pauses (挂账), then the working days of approved extensions (延期).
 */
export function recountClock(clock: StoredClock, cal: WorkingCalendar, pauses: readonly Pause[]): StoredClock {
  let deadline = computeDeadline(clock.kind, clock.amount, new Date(clock.start), cal, pauses);
  // The extension counts on from the limit's end, and stops for pauses within it too.
  if (clock.extendedDays) deadline = computeDeadline('working_days', clock.extendedDays, deadline, cal, pauses);
  return { ...clock, deadline: deadline.toISOString() };
}

/** A clock as shown: how much is used and left, in the limit's own measure. */
export interface ClockView {
  stage: SlaStage;
  kind: StoredLimit['kind'];
  amount: number;
  start: string;
  deadline: string;
  end: string | null;
  usedMinutes: number;
  allowedMinutes: number;
  remainingMinutes: number;
  fraction: number;
  overdue: boolean;
  colour: SlaColour;
  /** The clock is stopped by an open pause (挂账). */
  paused: boolean;
}

/** Reads a clock at `now` (or at its end, once stopped). */
export function readClock(
  stage: SlaStage,
  clock: StoredClock,
  now: Date,
  cal: WorkingCalendar,
  stored: readonly StoredPause[],
): ClockView {
  const pauses = pausesOf(stage, stored);
  const at = clock.end ? new Date(clock.end) : now;
  const used = timeUsed(clock.kind, new Date(clock.start), new Date(clock.deadline), at, cal, pauses);
  const paused = !clock.end && pauses.some((p) => p.to === null);
  return {
    stage,
    kind: clock.kind,
    amount: clock.amount,
    start: clock.start,
    deadline: clock.deadline,
    end: clock.end,
    usedMinutes: round(used.used),
    allowedMinutes: round(used.allowed),
    remainingMinutes: round(used.remaining),
    fraction: used.fraction,
    overdue: used.overdue,
    colour: slaColour(used.fraction, used.overdue),
    paused,
  };
}

/** Whether a clock stopped at `end` stopped in time (at or before its deadline). */
export function stoppedInTime(clock: StoredClock, end: Date): boolean {
  return end.getTime() <= new Date(clock.deadline).getTime();
}

function round(minutes: number): number {
  return Math.round(minutes * 100) / 100;
}

/** The share of a limit used when a clock turns yellow (STANDARDS.md §4). */
export const YELLOW_AT = 0.8;

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

/**
 * The instant a running clock turns yellow: when 80% of its allowance is used, in the
 * limit's own measure, counted from where the limit starts counting (the start, or the next
 * CST midnight for day limits) to its deadline. Pauses inside that span are counted as if
 * the clock ran, so a paused case may turn yellow a little early, never late.
 */
export function yellowPoint(clock: StoredClock, cal: WorkingCalendar): Date {
  const start = new Date(clock.start).getTime();
  const deadline = new Date(clock.deadline).getTime();
  const dayKind = clock.kind === 'working_days' || clock.kind === 'natural_days';
  const origin = dayKind ? Math.floor((start + CST_MS) / DAY_MS) * DAY_MS + DAY_MS - CST_MS : start;
  if (deadline <= origin) return new Date(deadline);
  if (clock.kind === 'emergency_hours' || clock.kind === 'natural_days') {
    return new Date(origin + Math.round(YELLOW_AT * (deadline - origin)));
  }
  const allowed = workingMinutesBetween(new Date(origin), new Date(deadline), cal);
  return addWorkingMinutes(new Date(origin), YELLOW_AT * allowed, cal);
}
