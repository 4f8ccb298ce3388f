/**
 * The working calendar of a district: working hours, weekends, statutory holidays and 调休
 * working days as data (shipped for 2019–2026 from the maintained `chinese-days` dataset of
 * the State Council's notices, editable, importable from iCalendar), and the deadlines
 * counted on it (STANDARDS.md §4).
 */
import { createRequire } from 'node:module';
import type { Db } from '@/db/database.js';
import { recordChange, recordChanges } from '@/domains/audit/audit-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import {
  deleteCalendarDay,
  findCalendarRow,
  insertCalendarRow,
  listCalendarDayRows,
  listCalendarYears,
  updateCalendarHours,
  upsertCalendarDays,
  type CalendarDayRow,
  type CalendarRow,
} from './calendar-repository.js';
import { parseIcsDays, type RejectedEvent } from './ics-import.js';
import {
  DEFAULT_WORKING_HOURS,
  computeDeadline,
  createCalendar,
  type LimitKind,
  type WorkingCalendar,
} from './working-time.js';

/** The calendar every district starts with. */
export const DEFAULT_CALENDAR = 'default';
/** The years shipped from the dataset. */
export const SHIPPED_YEARS = { from: 2019, to: 2026 };

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

function key(districtCode: string) {
  return { districtCode, code: DEFAULT_CALENDAR };
}

function assertCanEditCalendar(actor: Actor): void {
  if (actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot edit the calendar`, { userMessage: '只有系统管理员可以维护工作日历' });
  }
}

/**
 * The statutory holidays and 调休 working days of the shipped years, from the
 * `chinese-days` dataset (which follows the State Council's annual notices).
 */
export function shippedSpecialDays(from = SHIPPED_YEARS.from, to = SHIPPED_YEARS.to): CalendarDayRow[] {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const inRange = (date: string) => Number(date.slice(0, 4)) >= from && Number(date.slice(0, 4)) <= to;
  // Entries read "Spring Festival,春节,3": the Chinese name is the second part.
  const nameOf = (value: string) => value.split(',')[1] ?? value;
  const days: CalendarDayRow[] = [
    ...Object.entries(data.holidays).filter(([d]) => inRange(d)).map(([date, v]) => ({ date, kind: 'holiday' as const, name: nameOf(v) })),
    ...Object.entries(data.workdays).filter(([d]) => inRange(d)).map(([date, v]) => ({ date, kind: 'workday' as const, name: nameOf(v) })),
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Creates a district's default calendar with the shipped holidays, if it has none. */
export async function ensureDefaultCalendar(options: { db: Db; actor: Actor; districtCode: string }): Promise<boolean> {
  const { db, actor, districtCode } = options;
  if (await findCalendarRow(db, districtCode, DEFAULT_CALENDAR)) return false;
  return db.transaction().execute(async (tx) => {
    const row = {
      district_code: districtCode,
      code: DEFAULT_CALENDAR,
      name: '标准工作日历',
      working_hours: DEFAULT_WORKING_HOURS.map((p) => ({ start: p.start, end: p.end })),
      weekend_days: [6, 7],
    };
    if (!(await insertCalendarRow(tx, row))) return false;
    const days = shippedSpecialDays();
    await upsertCalendarDays(tx, key(districtCode), days);
    await recordChanges(tx, actor, [
      { districtCode, action: 'calendar.created', entityType: 'calendar', entityId: DEFAULT_CALENDAR, before: null, after: row },
      {
        districtCode,
        action: 'calendar.days_imported',
        entityType: 'calendar',
        entityId: DEFAULT_CALENDAR,
        before: null,
        after: { source: 'chinese-days', years: SHIPPED_YEARS, days: days.length },
      },
    ]);
    return true;
  });
}

// A district gets its default calendar (with the shipped holidays) on first use, so a
// district imported from a file works on the calendar at once.
async function calendarRow(db: Db, districtCode: string): Promise<CalendarRow> {
  let row = await findCalendarRow(db, districtCode, DEFAULT_CALENDAR);
  if (!row) {
    await ensureDefaultCalendar({ db, actor: systemActor('system:calendar'), districtCode });
    row = await findCalendarRow(db, districtCode, DEFAULT_CALENDAR);
  }
  if (!row) throw new AppError('NOT_FOUND', `district ${districtCode} has no calendar`, { userMessage: '本区县尚未建立工作日历' });
  return row;
}

/** A calendar as shown. */
export interface CalendarView {
  code: string;
  name: string;
  workingHours: { start: string; end: string }[];
  weekendDays: number[];
  version: number;
}

function present(row: CalendarRow): CalendarView {
  return { code: row.code, name: row.name, workingHours: row.working_hours, weekendDays: row.weekend_days, version: row.version };
}

/** The district's calendar and the years that have special days. */
export async function getCalendar(options: { db: Db; actor: Actor; districtCode: string }) {
  const row = await calendarRow(options.db, options.districtCode);
  return { calendar: present(row), years: await listCalendarYears(options.db, key(options.districtCode)) };
}

/** The special days of a year. */
export async function listSpecialDays(options: { db: Db; districtCode: string; year: number }) {
  await calendarRow(options.db, options.districtCode);
  return { year: options.year, days: await listCalendarDayRows(options.db, key(options.districtCode), options.year) };
}

/** Loads a district's calendar for arithmetic. */
export async function loadWorkingCalendar(options: { db: Db; districtCode: string }): Promise<WorkingCalendar> {
  const row = await calendarRow(options.db, options.districtCode);
  const days = await listCalendarDayRows(options.db, key(options.districtCode));
  return createCalendar({
    workingHours: row.working_hours,
    weekendDays: row.weekend_days,
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
  });
}

/** Marks a date as a holiday or a 调休 working day. */
export async function setSpecialDay(options: { db: Db; actor: Actor; districtCode: string; day: CalendarDayRow }) {
  const { db, actor, districtCode, day } = options;
  assertCanEditCalendar(actor);
  await calendarRow(db, districtCode);
  const before = (await listCalendarDayRows(db, key(districtCode), Number(day.date.slice(0, 4)))).find((d) => d.date === day.date) ?? null;
  await db.transaction().execute(async (tx) => {
    await upsertCalendarDays(tx, key(districtCode), [day]);
    await recordChange(tx, actor, { districtCode, action: 'calendar.day_set', entityType: 'calendar_day', entityId: day.date, before, after: day });
  });
  return { day };
}

/** Makes a date ordinary again. */
export async function clearSpecialDay(options: { db: Db; actor: Actor; districtCode: string; date: string }) {
  const { db, actor, districtCode, date } = options;
  assertCanEditCalendar(actor);
  await calendarRow(db, districtCode);
  const before = (await listCalendarDayRows(db, key(districtCode), Number(date.slice(0, 4)))).find((d) => d.date === date) ?? null;
  const removed = await db.transaction().execute(async (tx) => {
    const done = await deleteCalendarDay(tx, key(districtCode), date);
    if (done) await recordChange(tx, actor, { districtCode, action: 'calendar.day_cleared', entityType: 'calendar_day', entityId: date, before, after: null });
    return done;
  });
  return { removed };
}

/** Changes working hours and weekend days (optimistic: send the version read). */
export async function setWorkingHours(options: {
  db: Db;
  actor: Actor;
  districtCode: string;
  workingHours: { start: string; end: string }[];
  weekendDays: number[];
  version: number;
}): Promise<{ calendar: CalendarView }> {
  const { db, actor, districtCode } = options;
  assertCanEditCalendar(actor);
  const before = await calendarRow(db, districtCode);
  try {
    createCalendar({ workingHours: options.workingHours, weekendDays: options.weekendDays });
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', (error as Error).message, { field: 'workingHours', userMessage: `工作时段不合法:${(error as Error).message}` });
  }
  const hours = { working_hours: options.workingHours, weekend_days: [...new Set(options.weekendDays)].sort() };
  await db.transaction().execute(async (tx) => {
    if (!(await updateCalendarHours(tx, key(districtCode), hours, options.version))) {
      throw new AppError('CONFLICT', 'calendar changed meanwhile', { field: 'version' });
    }
    await recordChange(tx, actor, {
      districtCode,
      action: 'calendar.hours_changed',
      entityType: 'calendar',
      entityId: DEFAULT_CALENDAR,
      before: { working_hours: before.working_hours, weekend_days: before.weekend_days },
      after: hours,
    });
  });
  return { calendar: present(await calendarRow(db, districtCode)) };
}

/** Imports special days from iCalendar text; returns counts and the events left out. */
export async function importIcs(options: {
  db: Db;
  actor: Actor;
  districtCode: string;
  text: string;
}): Promise<{ holidays: number; workdays: number; unchanged: number; rejected: RejectedEvent[] }> {
  const { db, actor, districtCode } = options;
  assertCanEditCalendar(actor);
  await calendarRow(db, districtCode);
  const parsed = parseIcsDays(options.text);
  const existing = new Map((await listCalendarDayRows(db, key(districtCode))).map((d) => [d.date, d]));
  const changed = parsed.days.filter((d) => {
    const old = existing.get(d.date);
    return !old || old.kind !== d.kind || old.name !== d.name;
  });
  if (changed.length > 0) {
    await db.transaction().execute(async (tx) => {
      await upsertCalendarDays(tx, key(districtCode), changed);
      await recordChanges(
        tx,
        actor,
        changed.map((d) => ({
          districtCode,
          action: 'calendar.day_set',
          entityType: 'calendar_day',
          entityId: d.date,
          before: existing.get(d.date) ?? null,
          after: d,
        })),
      );
    });
  }
  return {
    holidays: changed.filter((d) => d.kind === 'holiday').length,
    workdays: changed.filter((d) => d.kind === 'workday').length,
    unchanged: parsed.days.length - changed.length,
    rejected: parsed.rejected,
  };
}

const KIND_LABELS: Record<LimitKind, string> = {
  working_hours: '工作时',
  working_days: '工作日',
  natural_days: '自然日',
  emergency_hours: '紧急工作时',
};

/** Formats an instant in China Standard Time: `2024年2月18日(周日)11:00`. */
export function formatCst(instant: Date): string {
  const cst = new Date(instant.getTime() + 8 * 3600_000);
  const weekday = WEEKDAYS[cst.getUTCDay() === 0 ? 7 : cst.getUTCDay()];
  const hh = String(cst.getUTCHours()).padStart(2, '0');
  const mm = String(cst.getUTCMinutes()).padStart(2, '0');
  return `${cst.getUTCFullYear()}年${cst.getUTCMonth() + 1}月${cst.getUTCDate()}日(${weekday})${hh}:${mm}`;
}

/** The deadline of a time limit from `start` on the district's calendar. */
export async function calculateDeadline(options: { db: Db; districtCode: string; start: Date; kind: LimitKind; amount: number }) {
  const { start, kind, amount } = options;
  if ((kind === 'working_days' || kind === 'natural_days') && !Number.isInteger(amount)) {
    throw new AppError('VALIDATION_FAILED', 'day limits are whole days', { field: 'amount', userMessage: '工作日和自然日须为整数' });
  }
  const calendar = await loadWorkingCalendar({ db: options.db, districtCode: options.districtCode });
  let deadline: Date;
  try {
    deadline = computeDeadline(kind, amount, start, calendar);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new AppError('VALIDATION_FAILED', error.message, { field: 'amount', userMessage: `无法计算时限:${error.message}` });
  }
  return {
    start: start.toISOString(),
    kind,
    amount,
    deadline: deadline.toISOString(),
    explanation: `自 ${formatCst(start)} 起 ${amount} 个${KIND_LABELS[kind]},截止 ${formatCst(deadline)}`,
  };
}
