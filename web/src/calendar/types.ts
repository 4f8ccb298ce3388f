/**
 * The shapes of the 工作日历 endpoints, as the server contract states them.
 */

/** One working period of a day, 'HH:MM'–'HH:MM' in China Standard Time. */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/** A working calendar: its daily hours, its weekend days and the version an edit sends back. */
export interface CalendarView {
  code: string;
  name: string;
  workingHours: WorkingPeriod[];
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekendDays: number[];
  version: number;
}

/** `GET /api/calendar`. */
export interface CalendarResponse {
  calendar: CalendarView;
  /** Years that have special days. */
  years: number[];
}

/** What a special day is: a statutory holiday (休) or a 调休 working day (班). */
export type DayKind = 'holiday' | 'workday';

/** A special day of the calendar. */
export interface CalendarDay {
  /** 'YYYY-MM-DD'. */
  date: string;
  kind: DayKind;
  name: string | null;
}

/** `GET /api/calendar/days?year=`. */
export interface CalendarDaysResponse {
  year: number;
  days: CalendarDay[];
}

/** Body of `PUT /api/calendar/days/:date`. */
export interface CalendarDayInput {
  kind: DayKind;
  name?: string | null;
}

/** Body of `PUT /api/calendar/hours`. */
export interface CalendarHoursInput {
  workingHours: WorkingPeriod[];
  weekendDays: number[];
  version: number;
}

/** One event of an .ics file the import refused, with the reason. */
export interface RejectedEvent {
  event: string;
  message: string;
}

/** `POST /api/calendar/import`. */
export interface CalendarImportResult {
  holidays: number;
  workdays: number;
  unchanged: number;
  rejected: RejectedEvent[];
}

/** The four kinds of time limit (STANDARDS §4). */
export type DeadlineKind = 'working_hours' | 'working_days' | 'natural_days' | 'emergency_hours';

/** `GET /api/calendar/deadline`. */
export interface DeadlineResult {
  start: string;
  kind: DeadlineKind;
  amount: number;
  deadline: string;
  explanation: string;
}
