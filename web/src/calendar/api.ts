/**
 * The 工作日历 endpoints. JSON calls go through the shared client; the iCalendar import sends
 * the file's text as the raw body, so it uses fetch directly but raises the same ApiError.
 */
import { ApiError, apiGet, apiRequest } from '../api/client';
import type {
  CalendarDay,
  CalendarDayInput,
  CalendarDaysResponse,
  CalendarHoursInput,
  CalendarImportResult,
  CalendarResponse,
  CalendarView,
  DeadlineKind,
  DeadlineResult,
} from './types';

const BASE = '/api/calendar';

/** The calendar and the years that have special days. */
export function fetchCalendar(signal?: AbortSignal): Promise<CalendarResponse> {
  return apiGet<CalendarResponse>(BASE, { signal });
}

/** The special days of one year. */
export async function fetchCalendarDays(year: number, signal?: AbortSignal): Promise<CalendarDay[]> {
  return (await apiGet<CalendarDaysResponse>(`${BASE}/days`, { query: { year }, signal })).days;
}

/** Marks a date as a holiday (休) or a 调休 working day (班); admin only. */
export async function saveCalendarDay(date: string, input: CalendarDayInput): Promise<CalendarDay> {
  return (await apiRequest<{ day: CalendarDay }>(`${BASE}/days/${encodeURIComponent(date)}`, { method: 'PUT', body: input })).day;
}

/** Returns a date to normal; `false` when it was not special. Admin only. */
export async function removeCalendarDay(date: string): Promise<boolean> {
  return (await apiRequest<{ removed: boolean }>(`${BASE}/days/${encodeURIComponent(date)}`, { method: 'DELETE' })).removed;
}

/** Sets the working hours and weekend days; 409 CONFLICT when `version` is stale. */
export async function saveCalendarHours(input: CalendarHoursInput): Promise<CalendarView> {
  return (await apiRequest<{ calendar: CalendarView }>(`${BASE}/hours`, { method: 'PUT', body: input })).calendar;
}

/** When a limit of `amount` of `kind` that starts at `start` (ISO 8601 with offset) runs out. */
export function fetchDeadline(start: string, kind: DeadlineKind, amount: number, signal?: AbortSignal): Promise<DeadlineResult> {
  return apiGet<DeadlineResult>(`${BASE}/deadline`, { query: { start, kind, amount }, signal });
}

/** True when `fileName` looks like an iCalendar file. */
export function isIcsFile(fileName: string): boolean {
  return /\.(ics|ical|ifb|icalendar)$/i.test(fileName);
}

/** Imports the holidays and 调休 working days of an .ics file, sent as its text. */
export async function importCalendar(file: File): Promise<CalendarImportResult> {
  if (!isIcsFile(file.name)) throw new ApiError(400, 'UNSUPPORTED_FILE', '仅支持 iCalendar(.ics)文件');
  const text = await file.text();
  return apiRequest<CalendarImportResult>(`${BASE}/import`, { method: 'POST', raw: { body: text, contentType: 'text/calendar' } });
}
