/**
 * Working-time arithmetic on the Chinese working calendar (STANDARDS.md §4). Pure functions:
 * no I/O, no clock, nothing beyond the standard library.
 *
 * Every civil time is China Standard Time, a fixed UTC+08:00 (China has had no daylight saving
 * since 1991). Instants are `Date`s; they are turned into CST wall-clock time by adding the fixed
 * offset and reading the UTC fields, never through the machine's own time zone, so the results
 * are the same on a server in Beijing, in UTC or in New York.
 *
 * Four kinds of limit:
 * - `emergency_hours` (紧急工作时): every hour, round the clock.
 * - `working_hours` (工作时): only minutes inside the working periods of working days.
 * - `working_days` (工作日): whole working days after the day the clock starts.
 * - `natural_days` (自然日): whole calendar days after the day the clock starts.
 *
 * A clock stops while a case is paused (挂账, an approved 延期, or any state the administrator marks
 * as pausing): paused time never counts, in the limit's own measure.
 *
 * Internally every instant is a millisecond count and every "local" value is that count plus the
 * CST offset, so one integer division by a day's length gives the CST calendar day. Arithmetic stays
 * in integer milliseconds so that sums of working time are exact.
 */

/** A span of working time within one day, as 'HH:MM' CST wall-clock times; `start` < `end`. */
export interface WorkingPeriod {
  /** 'HH:MM', 00:00–23:59. */
  start: string;
  /** 'HH:MM', 00:01–24:00 ('24:00' is midnight at the end of the day). */
  end: string;
}

/**
 * The calendar a limit is counted against. Build it with {@link createCalendar}, which validates
 * it; the functions here also accept a literal object and re-check its working hours.
 */
export interface WorkingCalendar {
  /** Working periods of every working day, sorted and non-overlapping (touching is allowed). */
  workingHours: readonly WorkingPeriod[];
  /** ISO weekday numbers of the weekly rest days, 1 = Monday … 7 = Sunday. */
  weekendDays: readonly number[];
  /** 'YYYY-MM-DD' statutory rest days; a holiday span lists its weekend days too. */
  holidays: ReadonlySet<string>;
  /** 'YYYY-MM-DD' 调休 working days: rest days (usually a weekend day) made working days. */
  workdays: ReadonlySet<string>;
}

/** The default working hours of STANDARDS.md §4: 08:30–12:00 and 13:30–17:30, i.e. 3.5 h + 4 h = 7.5 working hours (450 minutes) a day. */
export const DEFAULT_WORKING_HOURS: readonly WorkingPeriod[] = Object.freeze([
  Object.freeze({ start: '08:30', end: '12:00' }),
  Object.freeze({ start: '13:30', end: '17:30' }),
]);

/** The default weekly rest days: Saturday and Sunday. */
const DEFAULT_WEEKEND_DAYS: readonly number[] = Object.freeze([6, 7]);

/**
 * A span during which a clock is stopped. `to: null` is an open pause: the case is still paused.
 * The pause covers [from, to).
 */
export interface Pause {
  from: Date;
  to: Date | null;
}

/** 紧急工作时 / 工作时 / 工作日 / 自然日. */
export type LimitKind = 'emergency_hours' | 'working_hours' | 'working_days' | 'natural_days';

/** How much of a limit is used, in the limit's own measure (see {@link timeUsed}). */
export interface TimeUsed {
  /** Minutes counted so far. */
  used: number;
  /** Minutes the limit allows. */
  allowed: number;
  /** used / allowed (1 for a zero-length limit once it has started). */
  fraction: number;
  /** The deadline has passed and the clock is not stopped short of it. */
  overdue: boolean;
  /** allowed − used; negative once more than the allowed time has been counted. */
  remaining: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** China Standard Time is UTC+08:00 all year round. */
const CST_OFFSET_MS = 8 * HOUR_MS;

// ---------------------------------------------------------------------------------------------
// Validation and parsing

const TIME_PATTERN = /^([0-9]{2}):([0-9]{2})$/;
const DATE_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Minutes after midnight of an 'HH:MM' time; '24:00' only where it may end a period. */
function parseTime(value: string, role: 'start' | 'end', index: number): number {
  const match = TIME_PATTERN.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const valid =
    match !== null && minutes < 60 && (hours < 24 || (role === 'end' && hours === 24 && minutes === 0));
  if (!valid) {
    throw new RangeError(
      `working period ${index + 1}: ${role} ${JSON.stringify(value)} is not a time 'HH:MM' ` +
        `(00:00–23:59${role === 'end' ? ', or 24:00' : ''})`,
    );
  }
  return hours * 60 + minutes;
}

/** A period as milliseconds after local midnight, [start, end). */
interface PeriodMs {
  start: number;
  end: number;
}

/** Parses and checks working periods: each start < end, sorted, non-overlapping, at least one. */
function parsePeriods(periods: readonly WorkingPeriod[]): PeriodMs[] {
  if (periods.length === 0) {
    // With no working time a working-time limit could never be met; refuse it up front rather
    // than loop for ever looking for a working minute.
    throw new RangeError('a calendar needs at least one working period');
  }
  const parsed: PeriodMs[] = [];
  periods.forEach((period, index) => {
    const start = parseTime(period.start, 'start', index);
    const end = parseTime(period.end, 'end', index);
    if (start >= end) {
      throw new RangeError(`working period ${index + 1} (${period.start}–${period.end}) must start before it ends`);
    }
    const previous = parsed[index - 1];
    if (previous !== undefined && start < previous.end / MINUTE_MS) {
      const prior = periods[index - 1];
      throw new RangeError(
        `working period ${index + 1} (${period.start}–${period.end}) overlaps or precedes period ${index} ` +
          `(${prior?.start}–${prior?.end}); periods must be sorted and must not overlap`,
      );
    }
    parsed.push({ start: start * MINUTE_MS, end: end * MINUTE_MS });
  });
  return parsed;
}

/** The CST day number (days since 1970-01-01) of a real 'YYYY-MM-DD' date, or a RangeError. */
function parseDate(value: string, what: string): number {
  const match = DATE_PATTERN.exec(value);
  if (match !== null) {
    // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
    const time = new Date(0).setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    const day = time / DAY_MS;
    // Round-tripping rejects dates that do not exist (2023-02-29, 2024-04-31), which Date rolls over.
    if (formatDay(day) === value) return day;
  }
  throw new RangeError(`${what} ${JSON.stringify(value)} is not a real date 'YYYY-MM-DD'`);
}

/** 'YYYY-MM-DD' of a day number. */
function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; day 0, 1970-01-01, was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function checkWeekendDays(days: readonly number[]): void {
  for (const day of days) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new RangeError(`weekend day ${String(day)} is not an ISO weekday number 1 (Monday) … 7 (Sunday)`);
    }
  }
}

function checkInstant(instant: Date, what: string): number {
  const time = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new RangeError(`${what} is not a valid date`);
  return time;
}

/**
 * Builds a validated calendar. Omitted fields take the defaults: {@link DEFAULT_WORKING_HOURS},
 * Saturday and Sunday as the weekend, no holidays, no 调休 working days.
 *
 * @throws RangeError on a time that is not 'HH:MM', a period that does not start before it ends,
 *   periods that overlap or are out of order, no working period at all, a weekend day outside 1–7,
 *   a date that is not a real 'YYYY-MM-DD' date, or a date that is both a holiday and a working day.
 */
export function createCalendar(
  input: {
    workingHours?: readonly WorkingPeriod[];
    weekendDays?: readonly number[];
    holidays?: Iterable<string>;
    workdays?: Iterable<string>;
  } = {},
): WorkingCalendar {
  const workingHours = input.workingHours ?? DEFAULT_WORKING_HOURS;
  parsePeriods(workingHours);
  const weekendDays = input.weekendDays ?? DEFAULT_WEEKEND_DAYS;
  checkWeekendDays(weekendDays);
  const holidays = new Set<string>();
  for (const date of input.holidays ?? []) {
    parseDate(date, 'holiday');
    holidays.add(date);
  }
  const workdays = new Set<string>();
  for (const date of input.workdays ?? []) {
    parseDate(date, 'working day');
    if (holidays.has(date)) {
      throw new RangeError(`${date} is listed both as a holiday and as a 调休 working day`);
    }
    workdays.add(date);
  }
  return Object.freeze({
    // Copies, so that the caller changing its arrays later cannot change the calendar.
    workingHours: Object.freeze(workingHours.map((period) => Object.freeze({ start: period.start, end: period.end }))),
    weekendDays: Object.freeze([...new Set(weekendDays)]),
    holidays,
    workdays,
  });
}

// ---------------------------------------------------------------------------------------------
// The calendar in a form fit for arithmetic

interface PreparedCalendar {
  calendar: WorkingCalendar;
  periods: readonly PeriodMs[];
  /** Working milliseconds of one working day (the same every working day). */
  dayMs: number;
  /** weekend[isoWeekday] */
  weekend: readonly boolean[];
  /** Whether any date lookups are needed at all. */
  hasDates: boolean;
  /**
   * The listed dates by day number: true for a 调休 working day, false for a holiday (a date
   * in both lists works, as before). Day numbers, not strings: deadlines look days up in
   * loops, and formatting each day as text was most of a bulk import's deadline arithmetic.
   */
  special: ReadonlyMap<number, boolean>;
  /**
   * When every weekday is a weekend day, only the 调休 working days work and none follows the last
   * of them: the day number of that last one (−∞ when there is none). Null otherwise, when finitely
   * many holidays cannot hide every later working day and a search for working time always ends.
   */
  lastWorkingDay: number | null;
}

// A calendar object is prepared once: callers treat calendars as immutable values (the sets
// are ReadonlySet), and the case services reuse one object per district for seconds at a time.
const preparedCalendars = new WeakMap<WorkingCalendar, PreparedCalendar>();

function prepare(calendar: WorkingCalendar): PreparedCalendar {
  let prepared = preparedCalendars.get(calendar);
  if (!prepared) {
    prepared = prepareAnew(calendar);
    preparedCalendars.set(calendar, prepared);
  }
  return prepared;
}

/** The day number of a listed date, or undefined for text that is not a real date (never matched). */
function dayNumberOf(value: string): number | undefined {
  try {
    return parseDate(value, 'date');
  } catch {
    return undefined;
  }
}

function prepareAnew(calendar: WorkingCalendar): PreparedCalendar {
  const special = new Map<number, boolean>();
  for (const date of calendar.holidays) {
    const day = dayNumberOf(date);
    if (day !== undefined) special.set(day, false);
  }
  for (const date of calendar.workdays) {
    const day = dayNumberOf(date);
    if (day !== undefined) special.set(day, true);
  }
  const periods = parsePeriods(calendar.workingHours);
  checkWeekendDays(calendar.weekendDays);
  const weekend = Array.from({ length: 8 }, (_, weekday) => calendar.weekendDays.includes(weekday));
  let lastWorkingDay: number | null = null;
  if ([1, 2, 3, 4, 5, 6, 7].every((weekday) => weekend[weekday])) {
    lastWorkingDay = Number.NEGATIVE_INFINITY;
    for (const date of calendar.workdays) lastWorkingDay = Math.max(lastWorkingDay, parseDate(date, 'working day'));
  }
  return {
    calendar,
    periods,
    dayMs: periods.reduce((sum, period) => sum + period.end - period.start, 0),
    weekend,
    hasDates: special.size > 0,
    special,
    lastWorkingDay,
  };
}

function isWorkingDayNumber(day: number, prepared: PreparedCalendar): boolean {
  if (prepared.hasDates) {
    const listed = prepared.special.get(day);
    if (listed !== undefined) return listed;
  }
  return !prepared.weekend[isoWeekday(day)];
}

/** The CST day number an instant falls on. */
function dayOf(time: number): number {
  return Math.floor((time + CST_OFFSET_MS) / DAY_MS);
}

/** The instant of CST midnight that begins the day after the instant's day. */
function nextMidnight(time: number): number {
  return (dayOf(time) + 1) * DAY_MS - CST_OFFSET_MS;
}

/**
 * Working milliseconds in [from, to). Whole days inside the span cost one lookup each, so a span
 * of a year is a few hundred steps.
 */
function workingMsBetween(from: number, to: number, prepared: PreparedCalendar): number {
  if (to <= from) return 0;
  const localFrom = from + CST_OFFSET_MS;
  const localTo = to + CST_OFFSET_MS;
  const firstDay = Math.floor(localFrom / DAY_MS);
  const lastDay = Math.floor(localTo / DAY_MS);
  let total = 0;
  for (let day = firstDay; day <= lastDay; day += 1) {
    if (!isWorkingDayNumber(day, prepared)) continue;
    if (day > firstDay && day < lastDay) {
      total += prepared.dayMs;
      continue;
    }
    const base = day * DAY_MS;
    for (const period of prepared.periods) {
      const low = Math.max(base + period.start, localFrom);
      const high = Math.min(base + period.end, localTo);
      if (high > low) total += high - low;
    }
  }
  return total;
}

/**
 * The earliest instant at which `amount` working milliseconds have elapsed since `from`: counting
 * starts at the next working minute, and a deadline that completes exactly at the end of a period
 * is that end (12:00, 17:30), not the start of the next period.
 */
function addWorkingMs(from: number, amount: number, prepared: PreparedCalendar): number {
  if (amount === 0) return from;
  const local = from + CST_OFFSET_MS;
  let remaining = amount;
  for (let day = Math.floor(local / DAY_MS); ; day += 1) {
    if (prepared.lastWorkingDay !== null && day > prepared.lastWorkingDay) {
      throw new RangeError(`the calendar has no working day on or after ${formatDay(day)}`);
    }
    if (!isWorkingDayNumber(day, prepared)) continue;
    const base = day * DAY_MS;
    // A whole working day that cannot hold the rest is skipped in one step. Strictly greater, so
    // that a remainder of exactly one day walks the periods and ends at the close of business.
    if (local <= base && remaining > prepared.dayMs) {
      remaining -= prepared.dayMs;
      continue;
    }
    for (const period of prepared.periods) {
      const low = Math.max(base + period.start, local);
      const high = base + period.end;
      if (high <= low) continue;
      if (remaining <= high - low) return low + remaining - CST_OFFSET_MS;
      remaining -= high - low;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Measures and pauses

/** How a kind of limit measures time: working time or real time. */
interface Measure {
  /** Milliseconds counted in [from, to); 0 when to ≤ from. */
  between(from: number, to: number): number;
  /** The earliest instant at which `amount` milliseconds have been counted from `from`. */
  add(from: number, amount: number): number;
}

const REAL_TIME: Measure = {
  between: (from, to) => Math.max(0, to - from),
  add: (from, amount) => from + amount,
};

function workingTime(prepared: PreparedCalendar): Measure {
  return {
    between: (from, to) => workingMsBetween(from, to, prepared),
    add: (from, amount) => addWorkingMs(from, amount, prepared),
  };
}

/** A pause as milliseconds, [from, to); `to` is +∞ for an open pause. */
interface Span {
  from: number;
  to: number;
}

/**
 * Validated pauses, sorted and merged, so that overlapping pauses count once. Open pauses run
 * to +∞ when `includeOpen`, and are left out otherwise.
 */
function mergePauses(pauses: readonly Pause[], includeOpen: boolean): Span[] {
  const spans: Span[] = [];
  pauses.forEach((pause, index) => {
    const from = checkInstant(pause.from, `pause ${index + 1}: from`);
    if (pause.to === null) {
      if (includeOpen) spans.push({ from, to: Number.POSITIVE_INFINITY });
      return;
    }
    const to = checkInstant(pause.to, `pause ${index + 1}: to`);
    if (to < from) throw new RangeError(`pause ${index + 1} ends before it begins`);
    if (to > from) spans.push({ from, to });
  });
  spans.sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

/** Time counted in [from, to) by `measure`, less the time inside pauses. */
function countedBetween(from: number, to: number, measure: Measure, pauses: readonly Span[]): number {
  let counted = measure.between(from, to);
  for (const pause of pauses) {
    counted -= measure.between(Math.max(pause.from, from), Math.min(pause.to, to));
  }
  return counted;
}

/**
 * The earliest instant by which `amount` has been counted from `origin`, skipping pauses.
 *
 * This is the fixed point of "compute the deadline, extend it by the time the pauses overlapping
 * [origin, deadline) counted away, repeat until stable", found in one forward walk: repeating the
 * extension literally would take one round per sliver when a long pause starts just before the
 * deadline.
 */
function addCounted(origin: number, amount: number, measure: Measure, pauses: readonly Span[]): number {
  if (amount === 0) return origin;
  let cursor = origin;
  let remaining = amount;
  for (const pause of pauses) {
    if (pause.to <= cursor) continue;
    if (pause.from > cursor) {
      const available = measure.between(cursor, pause.from);
      // ≤: a deadline reached exactly as a pause starts is not pushed past the pause.
      if (remaining <= available) return measure.add(cursor, remaining);
      remaining -= available;
    }
    cursor = pause.to;
  }
  return measure.add(cursor, remaining);
}

// ---------------------------------------------------------------------------------------------
// Public functions

/** The CST calendar date ('YYYY-MM-DD') of an instant, whatever the machine's time zone. */
export function localDate(instant: Date): string {
  return formatDay(dayOf(checkInstant(instant, 'instant')));
}

/**
 * Whether a CST date is a working day: a 调休 working day always is; otherwise a holiday or a
 * weekend day is not, and any other day is.
 *
 * @throws RangeError when `date` is not a real 'YYYY-MM-DD' date.
 */
export function isWorkingDay(date: string, cal: WorkingCalendar): boolean {
  const day = parseDate(date, 'date');
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  checkWeekendDays(cal.weekendDays);
  return !cal.weekendDays.includes(isoWeekday(day));
}

function checkHours(amount: number, what: string): void {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`${what} must be a finite number ≥ 0, not ${String(amount)}`);
  }
}

/**
 * The earliest instant at which `minutes` working minutes have elapsed since `start`. A start
 * outside working time begins counting at the next working period; a total that completes exactly
 * at the end of a period returns that end (12:00, not 13:30; 17:30, not 08:30 the next working
 * day). `minutes` may be fractional; 0 returns `start` itself. Results are exact to the
 * millisecond (a fractional amount is rounded to whole milliseconds).
 *
 * @throws RangeError for a negative or non-finite amount, an invalid date or calendar, or a
 *   calendar that has no working day left.
 */
export function addWorkingMinutes(start: Date, minutes: number, cal: WorkingCalendar): Date {
  const from = checkInstant(start, 'start');
  checkHours(minutes, 'minutes');
  return new Date(addWorkingMs(from, Math.round(minutes * MINUTE_MS), prepare(cal)));
}

/**
 * Working minutes in [from, to): minutes inside the working periods of working days, less any
 * minutes inside `pauses` (overlapping pauses count once; an open pause runs up to `to`).
 * 0 when `to` ≤ `from`. Fractional when the instants are not on whole minutes.
 */
export function workingMinutesBetween(
  from: Date,
  to: Date,
  cal: WorkingCalendar,
  pauses: readonly Pause[] = [],
): number {
  const fromTime = checkInstant(from, 'from');
  const toTime = checkInstant(to, 'to');
  const measure = workingTime(prepare(cal));
  return countedBetween(fromTime, toTime, measure, mergePauses(pauses, true)) / MINUTE_MS;
}

/**
 * Where a kind of limit starts counting and how it measures time. The day kinds never count the
 * rest of the start's day, so they count from the next CST midnight; that is also why a pause on
 * the start's day does not move a day limit (it stops a clock that was not running).
 */
function frameOf(kind: LimitKind, start: number, prepared: PreparedCalendar): { origin: number; measure: Measure } {
  switch (kind) {
    case 'emergency_hours':
      return { origin: start, measure: REAL_TIME };
    case 'working_hours':
      return { origin: start, measure: workingTime(prepared) };
    case 'working_days':
      return { origin: nextMidnight(start), measure: workingTime(prepared) };
    case 'natural_days':
      return { origin: nextMidnight(start), measure: REAL_TIME };
    default: {
      const unknown: never = kind;
      throw new RangeError(`unknown kind of limit ${String(unknown)}`);
    }
  }
}

/** A limit's amount in milliseconds of its own measure, after checking it suits the kind. */
function amountMs(kind: LimitKind, amount: number, prepared: PreparedCalendar): number {
  switch (kind) {
    case 'emergency_hours':
    case 'working_hours':
      checkHours(amount, `a ${kind} limit`);
      return Math.round(amount * HOUR_MS);
    case 'working_days':
      if (!Number.isInteger(amount) || amount < 1) {
        throw new RangeError(`a working_days limit must be a whole number ≥ 1, not ${String(amount)}`);
      }
      // Every working day has the same working hours, so N days are N times a day's minutes, and the
      // earliest instant they are complete is the end of the last period of the Nth working day.
      return amount * prepared.dayMs;
    case 'natural_days':
      if (!Number.isInteger(amount) || amount < 0) {
        throw new RangeError(`a natural_days limit must be a whole number ≥ 0, not ${String(amount)}`);
      }
      return amount * DAY_MS;
    default: {
      const unknown: never = kind;
      throw new RangeError(`unknown kind of limit ${String(unknown)}`);
    }
  }
}

/**
 * The deadline of a limit of `amount` of `kind` whose clock starts at `start`.
 *
 * - `emergency_hours`: `start` + `amount` hours, round the clock. Fractional amounts allowed; 0 → `start`.
 * - `working_hours`: the instant the `amount`-th working hour completes (see {@link addWorkingMinutes}):
 *   counting starts at the next working minute, and a deadline at the end of a period is that end
 *   (12:00, 17:30). Fractional amounts allowed (0.5 = 30 minutes); 0 → `start`.
 * - `working_days`: the start's day never counts; due at the close of business (the end of the last
 *   working period) of the `amount`-th working day after the start's day. Monday + 1 → Tuesday 17:30.
 *   `amount` must be a whole number ≥ 1.
 * - `natural_days`: the start's day never counts; due at 24:00 CST ending the `amount`-th calendar day
 *   after the start's day (2024-02-09 15:00 + 3 → 2024-02-13 00:00). `amount` must be a whole number
 *   ≥ 0; 0 means by the end of the start's day (当日).
 *
 * Pauses: time inside a closed pause does not count, measured as the limit measures time (working
 * minutes for the working kinds, real minutes for the others). The deadline is extended by what the
 * pauses overlapping the counting window took away, repeatedly, until stable — so a pause that starts
 * after the unpaused deadline but before the extended one extends it further, and a pause that starts
 * exactly at the deadline does not. The window of the day kinds begins at the midnight after the
 * start, so a pause on the start's day does not move them. An extended day-kind deadline need not fall
 * at a close of business or a midnight: 60 paused working minutes move Tuesday 17:30 to Wednesday 09:30.
 *
 * Open pauses (`to: null`) are ignored: while the clock is stopped there is no deadline to speak of,
 * so the caller recomputes it once the pause closes (and {@link timeUsed} shows the clock stopped
 * meanwhile).
 *
 * @throws RangeError for an amount unsuited to the kind, an invalid date, pause or calendar.
 */
export function computeDeadline(
  kind: LimitKind,
  amount: number,
  start: Date,
  cal: WorkingCalendar,
  pauses: readonly Pause[] = [],
): Date {
  const startTime = checkInstant(start, 'start');
  const prepared = prepare(cal);
  const total = amountMs(kind, amount, prepared);
  const { origin, measure } = frameOf(kind, startTime, prepared);
  return new Date(addCounted(origin, total, measure, mergePauses(pauses, false)));
}

/**
 * How much of a limit has been used at `now`, in the limit's own measure: working minutes for
 * `working_hours` and `working_days`, real minutes for `emergency_hours` and `natural_days`.
 * `deadline` should be the one {@link computeDeadline} gave for the same kind, start and pauses.
 *
 * - `allowed`: minutes counted from the start of counting (the start, or the midnight after it for
 *   the day kinds) to `deadline`, less closed pauses — the limit's amount in minutes. Open pauses
 *   do not shorten it, just as they do not move the deadline.
 * - `used`: minutes counted up to `now`, less every pause (an open pause runs up to `now`); 0 before
 *   counting starts.
 * - `fraction`: used / allowed; for a zero-length limit 0 before the deadline and 1 from it.
 * - `overdue`: `now` is after `deadline` and the whole allowance has been counted. A case paused
 *   before its deadline and still paused is therefore not overdue even when `now` is past the stale
 *   deadline.
 * - `remaining`: allowed − used. For working kinds it stays 0 between the deadline and the next
 *   working minute (overdue but no working time yet overrun), then turns negative.
 */
export function timeUsed(
  kind: LimitKind,
  start: Date,
  deadline: Date,
  now: Date,
  cal: WorkingCalendar,
  pauses: readonly Pause[] = [],
): TimeUsed {
  const startTime = checkInstant(start, 'start');
  const deadlineTime = checkInstant(deadline, 'deadline');
  const nowTime = checkInstant(now, 'now');
  const { origin, measure } = frameOf(kind, startTime, prepare(cal));
  const allowedMs = countedBetween(origin, deadlineTime, measure, mergePauses(pauses, false));
  const usedMs = countedBetween(origin, nowTime, measure, mergePauses(pauses, true));
  const fraction = allowedMs > 0 ? usedMs / allowedMs : nowTime < deadlineTime ? 0 : 1;
  return {
    used: usedMs / MINUTE_MS,
    allowed: allowedMs / MINUTE_MS,
    fraction,
    overdue: nowTime > deadlineTime && usedMs >= allowedMs,
    remaining: (allowedMs - usedMs) / MINUTE_MS,
  };
}

/**
 * The warning colour of STANDARDS.md §4: red when overdue, yellow once 80% of the limit is used
 * (including a limit used up to the deadline but not past it), green before.
 *
 * @throws RangeError when `fraction` is NaN.
 */
export function slaColour(fraction: number, overdue: boolean): 'green' | 'yellow' | 'red' {
  if (Number.isNaN(fraction)) throw new RangeError('fraction is not a number');
  if (overdue) return 'red';
  return fraction >= 0.8 ? 'yellow' : 'green';
}
