/**
 * Reads special days from an iCalendar file, such as the holiday calendars governments
 * and calendar services publish: every all-day event becomes holidays (休) or 调休
 * working days (班) for each date it covers. Pure; parsing is ical.js.
 */
import ICAL from 'ical.js';
import type { CalendarDayRow } from './calendar-repository.js';

/** An event that could not be used, and why. */
export interface RejectedEvent {
  event: string;
  message: string;
}

const DAY_MS = 86_400_000;
const MAX_EVENT_DAYS = 31;

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Classifies an event by its summary: 班 / 上班 / 补班 mark a working day, anything else
 * (休, a festival's name) a holiday. The name keeps the summary without the marker.
 */
export function classifySummary(summary: string): { kind: 'holiday' | 'workday'; name: string } {
  const isWorkday = /班/.test(summary) && !/休/.test(summary);
  const name = summary.replace(/[((](休|班|补班|上班|放假)[))]/g, '').replace(/(补班|上班|放假)$/, '').trim();
  return { kind: isWorkday ? 'workday' : 'holiday', name: name || summary };
}

/** Parses iCalendar text into special days and a report of events that were left out. */
export function parseIcsDays(text: string): { days: CalendarDayRow[]; rejected: RejectedEvent[] } {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    return { days: [], rejected: [{ event: '(文件)', message: `不是有效的 iCalendar 文件:${(error as Error).message}` }] };
  }
  const days = new Map<string, CalendarDayRow>();
  const rejected: RejectedEvent[] = [];
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const summary = (event.summary ?? '').trim();
    const label = summary || event.uid || '(无标题)';
    const start = event.startDate;
    if (!start) {
      rejected.push({ event: label, message: '缺少开始日期' });
      continue;
    }
    if (!start.isDate) {
      rejected.push({ event: label, message: '不是全天事件,已跳过' });
      continue;
    }
    const end = event.endDate && event.endDate.isDate ? event.endDate : null;
    const first = Date.UTC(start.year, start.month - 1, start.day);
    const last = end ? Date.UTC(end.year, end.month - 1, end.day) : first + DAY_MS;
    const count = Math.round((last - first) / DAY_MS);
    if (count < 1 || count > MAX_EVENT_DAYS) {
      rejected.push({ event: label, message: `跨度 ${count} 天,超出 1–${MAX_EVENT_DAYS} 天的范围` });
      continue;
    }
    const { kind, name } = classifySummary(summary);
    for (let i = 0; i < count; i += 1) {
      const d = new Date(first + i * DAY_MS);
      const date = isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      const existing = days.get(date);
      if (existing && existing.kind !== kind) {
        rejected.push({ event: label, message: `${date} 同时被标为休息日和上班日,以先出现的为准` });
        continue;
      }
      days.set(date, { date, kind, name });
    }
  }
  return { days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)), rejected };
}
