/**
 * How the 工作日历 pages write dates and times. Every time is China Standard Time: dates are
 * formatted in Asia/Shanghai, never in the browser's zone, and a time picked in a picker is
 * read as a Beijing wall-clock time.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { DayKind, DeadlineKind, WorkingPeriod } from './types';

/** The zone every date of the platform is in. */
export const TIME_ZONE = 'Asia/Shanghai';

/** Chinese names of the ISO weekdays, 1 = Monday … 7 = Sunday. */
export const WEEKDAY_LABELS: Readonly<Record<number, string>> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' };

/** The long names, as a deadline is written: 星期一 … 星期日. */
const WEEKDAY_LONG: Readonly<Record<number, string>> = { 1: '星期一', 2: '星期二', 3: '星期三', 4: '星期四', 5: '星期五', 6: '星期六', 7: '星期日' };

/** Labels of the special days. */
export const DAY_KIND_LABELS: Record<DayKind, string> = { holiday: '法定节假日', workday: '调休上班' };
/** The one-character marks on a date: 休 and 班. */
export const DAY_KIND_MARKS: Record<DayKind, string> = { holiday: '休', workday: '班' };

/** The kinds of time limit in the order the calculator offers them (STANDARDS §4). */
export const DEADLINE_KINDS: readonly { value: DeadlineKind; label: string; hint: string }[] = [
  { value: 'working_hours', label: '工作时', hint: '只计工作日的工作时间' },
  { value: 'working_days', label: '工作日', hint: '只计工作日' },
  { value: 'natural_days', label: '自然日', hint: '按日历天数' },
  { value: 'emergency_hours', label: '紧急工作时', hint: '全天候每小时都计' },
];

/** True for the kinds counted in hours, which accept decimals. */
export function isHoursKind(kind: DeadlineKind | undefined): boolean {
  return kind === 'working_hours' || kind === 'emergency_hours';
}

/** The unit of an amount of `kind`. */
export function deadlineUnit(kind: DeadlineKind | undefined): string {
  return isHoursKind(kind) ? '小时' : '天';
}

/** The parts of an instant as a Beijing clock shows them. */
export interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const PARTS_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  weekday: 'short',
  hourCycle: 'h23',
});

const SHORT_WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** An instant's year, month, day, hour, minute and weekday in Beijing. */
export function shanghaiParts(date: Date): ShanghaiParts {
  const parts: Record<string, string> = {};
  for (const part of PARTS_FORMAT.formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines write midnight as 24 even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: SHORT_WEEKDAYS[parts.weekday ?? ''] ?? 1,
  };
}

/** This year in Beijing. */
export function currentYear(): number {
  return shanghaiParts(new Date()).year;
}

/** Today in Beijing as 'YYYY-MM-DD'. */
export function todayKey(): string {
  const { year, month, day } = shanghaiParts(new Date());
  return dateKey(year, month, day);
}

/** 'YYYY-MM-DD' of a year, month and day. */
export function dateKey(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of a date 'YYYY-MM-DD', independent of any zone. */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** A date 'YYYY-MM-DD' as '2024年2月10日'. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** A date 'YYYY-MM-DD' as '2024年2月10日(星期六)'. */
export function formatDateWithWeekday(date: string): string {
  return `${formatDate(date)}(${WEEKDAY_LONG[isoWeekday(date)]})`;
}

/** The long weekday name of a date 'YYYY-MM-DD': '星期六'. */
export function weekdayName(date: string): string {
  return WEEKDAY_LONG[isoWeekday(date)] ?? '';
}

/** An instant (ISO 8601) in Beijing as '2024年2月18日(星期日)11:00'. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = shanghaiParts(date);
  return `${p.year}年${p.month}月${p.day}日(${WEEKDAY_LONG[p.weekday]})${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Working periods as people write them: '08:30–12:00、13:30–17:30'. */
export function formatHours(periods: readonly WorkingPeriod[]): string {
  if (periods.length === 0) return '未设置';
  return periods.map((p) => `${p.start}–${p.end}`).join('、');
}

/** Minutes since midnight of 'HH:MM'. */
function minutesOf(time: string): number {
  const [hour, minute] = time.split(':').map(Number);
  return (hour ?? 0) * 60 + (minute ?? 0);
}

/** The length of a working day: '7.5 小时'. */
export function formatDayLength(periods: readonly WorkingPeriod[]): string {
  const minutes = periods.reduce((sum, p) => sum + Math.max(0, minutesOf(p.end) - minutesOf(p.start)), 0);
  return `${Number((minutes / 60).toFixed(2))} 小时`;
}

/** Weekend days as '周六、周日'; none → '无'. */
export function formatWeekendDays(days: readonly number[]): string {
  if (days.length === 0) return '无';
  return [...days]
    .sort((a, b) => a - b)
    .map((d) => WEEKDAY_LABELS[d] ?? String(d))
    .join('、');
}

/** The ISO weekday of a picker date. */
export function isoWeekdayOf(date: Dayjs): number {
  return date.day() === 0 ? 7 : date.day();
}

/** A picker date as 'YYYY-MM-DD' (its own wall-clock fields, no zone conversion). */
export function pickerDateKey(date: Dayjs): string {
  return date.format('YYYY-MM-DD');
}

/** The Beijing wall-clock time now, as a picker value (pickers show their fields as they are). */
export function shanghaiNow(): Dayjs {
  const p = shanghaiParts(new Date());
  return dayjs(`${dateKey(p.year, p.month, p.day)}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}:00`);
}

/** A picker's wall-clock time read as Beijing time: '2024-02-09T16:00:00+08:00'. */
export function pickerToShanghaiIso(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

/** 'HH:MM' as a time-picker value. */
export function timeToPicker(time: string): Dayjs {
  return dayjs(`2000-01-01T${time}:00`);
}

/** A time-picker value as 'HH:MM'. */
export function pickerToTime(value: Dayjs): string {
  return value.format('HH:mm');
}
