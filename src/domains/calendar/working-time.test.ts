import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORKING_HOURS,
  addWorkingMinutes,
  computeDeadline,
  createCalendar,
  isWorkingDay,
  localDate,
  slaColour,
  timeUsed,
  workingMinutesBetween,
  type LimitKind,
  type Pause,
  type WorkingCalendar,
} from './working-time.js';

// These tests must pass whatever the machine's time zone (run them under TZ=UTC and
// TZ=America/New_York), so instants are always written and read with an explicit +08:00.

/** The instant of a CST wall-clock time 'YYYY-MM-DD HH:MM[:SS[.mmm]]'. */
function at(text: string): Date {
  const [date, time] = text.split(' ');
  const full = time !== undefined && time.length === 5 ? `${time}:00` : time;
  const instant = new Date(`${date}T${full}+08:00`);
  if (Number.isNaN(instant.getTime())) throw new Error(`bad test time ${text}`);
  return instant;
}

/** An instant as CST wall-clock time 'YYYY-MM-DD HH:MM', with seconds only when there are any. */
function cst(instant: Date): string {
  const iso = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
  const seconds = iso.slice(16, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === ':00.000' ? '' : seconds}`;
}

function pause(from: string, to: string | null): Pause {
  return { from: at(from), to: to === null ? null : at(to) };
}

/** 'YYYY-MM-DD' dates from `first` to `last` inclusive. */
function dateRange(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/** STANDARDS.md §4: Spring Festival 2024 ran 10–17 February; Sundays 4 and 18 February were working days. */
const springFestival = createCalendar({
  holidays: dateRange('2024-02-10', '2024-02-17'),
  workdays: ['2024-02-04', '2024-02-18'],
});

/** The State Council's 2024 holiday notice (国办发明电〔2023〕7号). */
const holidays2024 = [
  '2024-01-01',
  ...dateRange('2024-02-10', '2024-02-17'),
  ...dateRange('2024-04-04', '2024-04-06'),
  ...dateRange('2024-05-01', '2024-05-05'),
  '2024-06-10',
  ...dateRange('2024-09-15', '2024-09-17'),
  ...dateRange('2024-10-01', '2024-10-07'),
];
const workdays2024 = ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'];
const year2024 = createCalendar({ holidays: holidays2024, workdays: workdays2024 });

const summerHours = createCalendar({
  workingHours: [
    { start: '08:00', end: '12:00' },
    { start: '14:00', end: '18:00' },
  ],
});
const singlePeriod = createCalendar({ workingHours: [{ start: '09:00', end: '17:00' }] });

describe('createCalendar', () => {
  it('defaults to 08:30–12:00 and 13:30–17:30, Saturday and Sunday off, no holidays', () => {
    const calendar = createCalendar({});
    expect(calendar.workingHours).toEqual(DEFAULT_WORKING_HOURS);
    expect(DEFAULT_WORKING_HOURS).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(calendar.weekendDays).toEqual([6, 7]);
    expect(calendar.holidays.size).toBe(0);
    expect(calendar.workdays.size).toBe(0);
  });

  it('copies its input, so later changes to the caller’s arrays do not reach it', () => {
    const hours = [{ start: '09:00', end: '17:00' }];
    const holidays = ['2024-10-01'];
    const calendar = createCalendar({ workingHours: hours, holidays });
    hours[0] = { start: '00:00', end: '01:00' };
    holidays.push('2024-10-02');
    expect(calendar.workingHours).toEqual([{ start: '09:00', end: '17:00' }]);
    expect([...calendar.holidays]).toEqual(['2024-10-01']);
  });

  it('accepts touching periods and a period ending at 24:00', () => {
    expect(() =>
      createCalendar({
        workingHours: [
          { start: '08:00', end: '12:00' },
          { start: '12:00', end: '24:00' },
        ],
      }),
    ).not.toThrow();
  });

  it.each<[string, Parameters<typeof createCalendar>[0], RegExp]>([
    ['an hour without a leading zero', { workingHours: [{ start: '8:30', end: '12:00' }] }, /start "8:30" is not a time 'HH:MM'/],
    ['minutes past 59', { workingHours: [{ start: '08:60', end: '12:00' }] }, /start "08:60"/],
    ['an hour past 24', { workingHours: [{ start: '08:30', end: '25:00' }] }, /end "25:00"/],
    ['24:01', { workingHours: [{ start: '08:30', end: '24:01' }] }, /end "24:01"/],
    ['24:00 as a start', { workingHours: [{ start: '24:00', end: '24:00' }] }, /start "24:00"/],
    ['letters', { workingHours: [{ start: 'ab:cd', end: '12:00' }] }, /start "ab:cd"/],
    ['seconds', { workingHours: [{ start: '08:30:00', end: '12:00' }] }, /start "08:30:00"/],
    ['a period ending before it starts', { workingHours: [{ start: '12:00', end: '08:30' }] }, /must start before it ends/],
    ['an empty period', { workingHours: [{ start: '12:00', end: '12:00' }] }, /must start before it ends/],
    [
      'overlapping periods',
      {
        workingHours: [
          { start: '08:30', end: '12:00' },
          { start: '11:00', end: '17:30' },
        ],
      },
      /period 2 \(11:00–17:30\) overlaps or precedes period 1 \(08:30–12:00\)/,
    ],
    [
      'unsorted periods',
      {
        workingHours: [
          { start: '13:30', end: '17:30' },
          { start: '08:30', end: '12:00' },
        ],
      },
      /must be sorted and must not overlap/,
    ],
    ['no working period', { workingHours: [] }, /at least one working period/],
    ['weekend day 0', { weekendDays: [0] }, /weekend day 0 is not an ISO weekday/],
    ['weekend day 8', { weekendDays: [6, 8] }, /weekend day 8/],
    ['a fractional weekend day', { weekendDays: [6.5] }, /weekend day 6.5/],
    ['a date without leading zeros', { holidays: ['2024-2-10'] }, /holiday "2024-2-10" is not a real date/],
    ['30 February', { holidays: ['2024-02-30'] }, /holiday "2024-02-30"/],
    ['29 February of a common year', { workdays: ['2023-02-29'] }, /working day "2023-02-29"/],
    ['month 13', { holidays: ['2024-13-01'] }, /"2024-13-01"/],
    ['a date with a time', { holidays: ['2024-02-10T00:00'] }, /"2024-02-10T00:00"/],
    ['a day both holiday and working day', { holidays: ['2024-02-10'], workdays: ['2024-02-10'] }, /2024-02-10 is listed both as a holiday and as a 调休 working day/],
  ])('rejects %s with a RangeError', (_name, input, message) => {
    expect(() => createCalendar(input)).toThrow(RangeError);
    expect(() => createCalendar(input)).toThrow(message);
  });
});

describe('localDate', () => {
  it.each([
    ['2024-02-09T15:59:59.999Z', '2024-02-09'], // 23:59:59.999 CST
    ['2024-02-09T16:00:00.000Z', '2024-02-10'], // 00:00 CST, still the 9th in UTC and New York
    ['2024-02-09T00:00:00.000Z', '2024-02-09'],
    ['2023-12-31T16:00:00.000Z', '2024-01-01'],
    ['1969-12-31T20:00:00.000Z', '1970-01-01'],
  ])('%s is %s in China Standard Time', (iso, date) => {
    expect(localDate(new Date(iso))).toBe(date);
  });

  it('rejects an invalid date', () => {
    expect(() => localDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2024-02-03', false, 'Saturday'],
    ['2024-02-04', true, 'Sunday made a working day (调休)'],
    ['2024-02-05', true, 'Monday'],
    ['2024-02-09', true, 'Friday before the holiday'],
    ['2024-02-10', false, 'holiday on a Saturday'],
    ['2024-02-12', false, 'holiday on a Monday'],
    ['2024-02-16', false, 'holiday on a Friday'],
    ['2024-02-17', false, 'holiday on a Saturday'],
    ['2024-02-18', true, 'Sunday made a working day (调休)'],
    ['2024-02-19', true, 'Monday after'],
    ['2024-02-24', false, 'ordinary Saturday'],
    ['2024-02-25', false, 'ordinary Sunday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, springFestival)).toBe(expected);
  });

  it('follows the configured weekend', () => {
    const sixDayWeek = createCalendar({ weekendDays: [7] });
    expect(isWorkingDay('2024-02-24', sixDayWeek)).toBe(true);
    expect(isWorkingDay('2024-02-25', sixDayWeek)).toBe(false);
  });

  it('rejects a malformed date', () => {
    expect(() => isWorkingDay('2024-02-30', springFestival)).toThrow(RangeError);
  });
});

describe('working_hours deadlines (default hours, Spring Festival 2024)', () => {
  // Monday 2024-02-05 is an ordinary working day.
  it.each([
    // Boundaries of the working day, one hour each.
    ['2024-02-05 08:29', 1, '2024-02-05 09:30', 'before work: counting starts at 08:30'],
    ['2024-02-05 08:30', 1, '2024-02-05 09:30', 'at the start of work'],
    ['2024-02-05 11:59', 1, '2024-02-05 14:29', 'one minute before lunch, 59 after it'],
    ['2024-02-05 12:00', 1, '2024-02-05 14:30', 'at the start of lunch'],
    ['2024-02-05 12:30', 1, '2024-02-05 14:30', 'during lunch'],
    ['2024-02-05 13:30', 1, '2024-02-05 14:30', 'at the end of lunch'],
    ['2024-02-05 17:29', 1, '2024-02-06 09:29', 'one minute before close, 59 the next morning'],
    ['2024-02-05 17:30', 1, '2024-02-06 09:30', 'at close of business'],
    ['2024-02-05 23:00', 1, '2024-02-06 09:30', 'at night'],
    ['2024-02-06 00:00', 1, '2024-02-06 09:30', 'at midnight'],
    ['2024-02-24 10:00', 1, '2024-02-26 09:30', 'on an ordinary Saturday'],
    ['2024-02-03 10:00', 1, '2024-02-04 09:30', 'on the Saturday before a 调休 Sunday'],
    ['2024-02-12 10:00', 1, '2024-02-18 09:30', 'on a holiday: the next working day is the 调休 Sunday'],
    ['2024-02-18 10:00', 1, '2024-02-18 11:00', 'on a 调休 Sunday'],
    ['2024-02-04 16:00', 2, '2024-02-05 09:00', 'across a 调休 Sunday evening'],
    // Deadlines landing exactly on the end of a period stay there.
    ['2024-02-05 08:30', 3.5, '2024-02-05 12:00', 'the whole morning ends at 12:00, not 13:30'],
    ['2024-02-05 10:00', 2, '2024-02-05 12:00', 'ends at 12:00'],
    ['2024-02-05 13:30', 4, '2024-02-05 17:30', 'the whole afternoon ends at 17:30, not 08:30'],
    ['2024-02-05 12:00', 4, '2024-02-05 17:30', 'from lunch to close'],
    // The default day is 3.5 h + 4 h = 7.5 working hours.
    ['2024-02-05 08:30', 7.5, '2024-02-05 17:30', 'a whole day'],
    ['2024-02-05 08:29', 7.5, '2024-02-05 17:30', 'a whole day from before work'],
    ['2024-02-05 08:30', 8, '2024-02-06 09:00', 'eight hours are more than a default day'],
    ['2024-02-05 07:00', 15, '2024-02-06 17:30', 'two whole days'],
    ['2024-02-05 07:00', 16, '2024-02-07 09:30', 'two whole days and an hour'],
    ['2024-02-08 17:30', 7.5, '2024-02-09 17:30', 'a whole day from the evening before'],
    ['2024-02-08 17:30', 8, '2024-02-18 09:00', 'a whole day and half an hour after the holiday'],
    // Fractional hours.
    ['2024-02-05 08:30', 0.5, '2024-02-05 09:00', 'half an hour'],
    ['2024-02-05 11:45', 0.25, '2024-02-05 12:00', 'a quarter of an hour to lunch'],
    ['2024-02-05 11:45', 0.5, '2024-02-05 13:45', 'half an hour across lunch'],
    ['2024-02-05 17:00', 1.75, '2024-02-06 09:45', 'across the night'],
    ['2024-02-05 09:00', 1 / 60, '2024-02-05 09:01', 'one minute'],
    // Zero: due at once, wherever the start falls.
    ['2024-02-05 10:00', 0, '2024-02-05 10:00', 'zero in working time'],
    ['2024-02-05 23:00', 0, '2024-02-05 23:00', 'zero outside working time'],
    // Across the Spring Festival holiday (the STANDARDS.md §4 example).
    ['2024-02-09 16:00', 4, '2024-02-18 11:00', '1.5 h on Friday 9th, 2.5 h on 调休 Sunday 18th'],
    ['2024-02-09 17:30', 4, '2024-02-18 14:00', 'the whole 18th morning (3.5 h) plus 30 minutes'],
    ['2024-02-05 08:30', 37.5, '2024-02-09 17:30', 'five whole days, Monday to Friday'],
    ['2024-02-05 08:30', 40, '2024-02-18 11:00', 'and 2.5 h on the 调休 Sunday'],
    ['2024-02-05 08:30', 41, '2024-02-18 12:00', 'and its whole morning, ending at 12:00'],
    ['2024-02-01 09:00', 16, '2024-02-04 10:00', 'Thursday 7 h, Friday 7.5 h, 调休 Sunday 1.5 h'],
  ])('%s + %s working hours → %s (%s)', (start, hours, expected) => {
    expect(cst(computeDeadline('working_hours', hours, at(start), springFestival))).toBe(expected);
    expect(cst(addWorkingMinutes(at(start), hours * 60, springFestival))).toBe(expected);
  });

  it('keeps seconds and milliseconds exact', () => {
    expect(cst(addWorkingMinutes(at('2024-02-05 11:59:30'), 1, springFestival))).toBe('2024-02-05 13:30:30.000');
    expect(cst(addWorkingMinutes(at('2024-02-05 09:00'), 0.5, springFestival))).toBe('2024-02-05 09:00:30.000');
  });

  it.each([-1, -0.001, Number.NaN, Number.POSITIVE_INFINITY])('rejects an amount of %s hours', (hours) => {
    expect(() => computeDeadline('working_hours', hours, at('2024-02-05 09:00'), springFestival)).toThrow(RangeError);
    expect(() => computeDeadline('emergency_hours', hours, at('2024-02-05 09:00'), springFestival)).toThrow(RangeError);
    expect(() => addWorkingMinutes(at('2024-02-05 09:00'), hours * 60, springFestival)).toThrow(RangeError);
  });

  it('rejects an invalid start', () => {
    expect(() => computeDeadline('working_hours', 1, new Date('nonsense'), springFestival)).toThrow(/start is not a valid date/);
  });
});

describe('working_days deadlines', () => {
  it.each([
    ['2024-02-05 09:00', 1, '2024-02-06 17:30', 'Monday + 1 → close of business Tuesday'],
    ['2024-02-05 00:00', 1, '2024-02-06 17:30', 'the start’s day never counts, even from midnight'],
    ['2024-02-05 23:59', 1, '2024-02-06 17:30', 'nor from late evening'],
    ['2024-02-05 17:30', 2, '2024-02-07 17:30', 'two days'],
    ['2024-02-09 10:00', 1, '2024-02-18 17:30', 'Friday before the holiday → the 调休 Sunday after it'],
    ['2024-02-09 10:00', 2, '2024-02-19 17:30', 'and the Monday after that'],
    ['2024-02-07 10:00', 5, '2024-02-20 17:30', 'Thu 8th, Fri 9th, Sun 18th, Mon 19th, Tue 20th'],
    ['2024-02-03 10:00', 1, '2024-02-04 17:30', 'Saturday → the 调休 Sunday counts'],
    ['2024-02-02 10:00', 1, '2024-02-04 17:30', 'Friday → the 调休 Sunday'],
    ['2024-02-02 10:00', 2, '2024-02-05 17:30', 'Friday → Monday'],
    ['2024-02-12 10:00', 1, '2024-02-18 17:30', 'on a holiday'],
    ['2024-02-18 10:00', 1, '2024-02-19 17:30', 'on a 调休 Sunday, which itself does not count'],
    ['2024-02-23 16:00', 1, '2024-02-26 17:30', 'Friday → Monday over an ordinary weekend'],
    ['2024-02-05 09:00', 20, '2024-03-08 17:30', '20 working days (私搭乱建 demolition)'],
  ])('%s + %s working days → %s (%s)', (start, days, expected) => {
    expect(cst(computeDeadline('working_days', days, at(start), springFestival))).toBe(expected);
  });

  it('closes at the end of the last period of the configured hours', () => {
    expect(cst(computeDeadline('working_days', 1, at('2024-02-05 09:00'), summerHours))).toBe('2024-02-06 18:00');
    expect(cst(computeDeadline('working_days', 1, at('2024-02-05 09:00'), singlePeriod))).toBe('2024-02-06 17:00');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s working days', (days) => {
    expect(() => computeDeadline('working_days', days, at('2024-02-05 09:00'), springFestival)).toThrow(
      /working_days limit must be a whole number ≥ 1/,
    );
  });
});

describe('natural_days deadlines', () => {
  it.each([
    ['2024-02-09 15:00', 3, '2024-02-13 00:00', 'STANDARDS example: 24:00 at the end of the 12th'],
    ['2024-02-09 00:00', 1, '2024-02-11 00:00', 'the start’s day never counts, even from midnight'],
    ['2024-02-09 23:59', 1, '2024-02-11 00:00', 'nor from late evening'],
    ['2024-02-09 15:00', 0, '2024-02-10 00:00', 'zero days: by the end of the start’s day (当日)'],
    ['2024-02-28 10:00', 1, '2024-03-01 00:00', 'through 29 February of a leap year'],
    ['2024-12-31 10:00', 1, '2025-01-02 00:00', 'across the new year'],
  ])('%s + %s natural days → %s (%s)', (start, days, expected) => {
    expect(cst(computeDeadline('natural_days', days, at(start), springFestival))).toBe(expected);
  });

  it('is midnight CST, which is 16:00 UTC the day before', () => {
    expect(computeDeadline('natural_days', 3, at('2024-02-09 15:00'), springFestival).toISOString()).toBe(
      '2024-02-12T16:00:00.000Z',
    );
  });

  it.each([-1, 1.5, Number.NaN])('rejects %s natural days', (days) => {
    expect(() => computeDeadline('natural_days', days, at('2024-02-05 09:00'), springFestival)).toThrow(RangeError);
  });
});

describe('emergency_hours deadlines', () => {
  it.each([
    ['2024-02-09 16:00', 24, '2024-02-10 16:00', 'holidays do not matter'],
    ['2024-02-09 16:00', 0.5, '2024-02-09 16:30', 'fractional'],
    ['2024-02-09 23:00', 2, '2024-02-10 01:00', 'across midnight'],
    ['2024-02-09 16:00', 0, '2024-02-09 16:00', 'zero'],
  ])('%s + %s hours → %s (%s)', (start, hours, expected) => {
    expect(cst(computeDeadline('emergency_hours', hours, at(start), springFestival))).toBe(expected);
  });
});

describe('alternative working hours', () => {
  it.each([
    [summerHours, '2024-02-05 11:00', 2, '2024-02-05 15:00', '08:00–12:00, 14:00–18:00: across a two-hour lunch'],
    [summerHours, '2024-02-05 12:30', 1, '2024-02-05 15:00', 'starting at lunch'],
    [summerHours, '2024-02-05 07:59', 4, '2024-02-05 12:00', 'the whole morning'],
    [summerHours, '2024-02-05 17:00', 1, '2024-02-05 18:00', 'ending at 18:00'],
    [summerHours, '2024-02-05 17:30', 1, '2024-02-06 08:30', 'across the night'],
    [summerHours, '2024-02-09 17:00', 2, '2024-02-12 09:00', 'across a weekend (no holidays in this calendar)'],
    [singlePeriod, '2024-02-05 16:00', 2, '2024-02-06 10:00', '09:00–17:00 only'],
    [singlePeriod, '2024-02-05 12:00', 1, '2024-02-05 13:00', 'no lunch break'],
    [singlePeriod, '2024-02-05 09:00', 8, '2024-02-05 17:00', 'a whole day'],
  ])('%#: %s + %s h → %s (%s)', (calendar, start, hours, expected) => {
    expect(cst(computeDeadline('working_hours', hours, at(start), calendar))).toBe(expected);
  });

  it('counts a six-day week and a night period ending at 24:00', () => {
    const sixDayWeek = createCalendar({ weekendDays: [7] });
    expect(cst(computeDeadline('working_hours', 2, at('2024-02-09 17:00'), sixDayWeek))).toBe('2024-02-10 10:00');
    const evening = createCalendar({ workingHours: [{ start: '20:00', end: '24:00' }] });
    expect(cst(computeDeadline('working_hours', 4, at('2024-02-05 12:00'), evening))).toBe('2024-02-06 00:00');
    expect(cst(computeDeadline('working_hours', 5, at('2024-02-05 12:00'), evening))).toBe('2024-02-06 21:00');
    expect(workingMinutesBetween(at('2024-02-05 00:00'), at('2024-02-07 00:00'), evening)).toBe(480);
  });

  it.each([
    [springFestival, 450, 'default hours: 3.5 h + 4 h'],
    [summerHours, 480, 'summer hours: 4 h + 4 h'],
    [singlePeriod, 480, '09:00–17:00'],
  ])('%#: a working day has %s working minutes (%s)', (calendar, minutes) => {
    expect(workingMinutesBetween(at('2024-02-05 00:00'), at('2024-02-06 00:00'), calendar)).toBe(minutes);
  });

  it('refuses to search for ever in a calendar with no working day left', () => {
    const onlyMakeupDays = createCalendar({ weekendDays: [1, 2, 3, 4, 5, 6, 7], workdays: ['2024-02-04'] });
    expect(cst(computeDeadline('working_hours', 7.5, at('2024-02-01 09:00'), onlyMakeupDays))).toBe('2024-02-04 17:30');
    expect(() => computeDeadline('working_hours', 8, at('2024-02-01 09:00'), onlyMakeupDays)).toThrow(
      /no working day on or after 2024-02-05/,
    );
  });

  it('re-checks a literal calendar that was not built by createCalendar', () => {
    const literal: WorkingCalendar = {
      workingHours: [{ start: '9:00', end: '17:00' }],
      weekendDays: [6, 7],
      holidays: new Set(),
      workdays: new Set(),
    };
    expect(() => computeDeadline('working_hours', 1, at('2024-02-05 09:00'), literal)).toThrow(RangeError);
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['2024-02-05 10:00', '2024-02-05 10:00', 0, 'an empty span'],
    ['2024-02-05 11:00', '2024-02-05 10:00', 0, 'a reversed span'],
    ['2024-02-05 08:00', '2024-02-05 18:00', 450, 'a whole day'],
    ['2024-02-05 11:00', '2024-02-05 14:00', 90, 'across lunch'],
    ['2024-02-05 12:00', '2024-02-05 13:30', 0, 'lunch only'],
    ['2024-02-05 17:30', '2024-02-06 08:30', 0, 'a night'],
    ['2024-02-09 16:00', '2024-02-18 11:00', 240, 'across the Spring Festival holiday'],
    ['2024-02-09 00:00', '2024-02-19 00:00', 900, 'Friday 9th and 调休 Sunday 18th only'],
    ['2024-02-03 00:00', '2024-02-05 00:00', 450, 'a weekend with a 调休 Sunday'],
    ['2024-02-24 00:00', '2024-02-26 00:00', 0, 'an ordinary weekend'],
    ['2024-02-05 08:30:30', '2024-02-05 08:31', 0.5, 'half a minute'],
  ])('%s → %s is %s working minutes (%s)', (from, to, minutes) => {
    expect(workingMinutesBetween(at(from), at(to), springFestival)).toBe(minutes);
  });

  it.each<[string, Pause[], number]>([
    ['a pause inside working time', [pause('2024-02-05 09:00', '2024-02-05 10:00')], 390],
    ['a pause across lunch counts only working minutes', [pause('2024-02-05 11:00', '2024-02-05 14:00')], 360],
    ['overlapping pauses count once', [pause('2024-02-05 09:00', '2024-02-05 10:00'), pause('2024-02-05 09:30', '2024-02-05 10:30')], 360],
    ['a pause inside another counts once', [pause('2024-02-05 09:00', '2024-02-05 11:00'), pause('2024-02-05 09:30', '2024-02-05 10:00')], 330],
    ['the same pause twice counts once', [pause('2024-02-05 09:00', '2024-02-05 10:00'), pause('2024-02-05 09:00', '2024-02-05 10:00')], 390],
    ['touching pauses', [pause('2024-02-05 09:00', '2024-02-05 10:00'), pause('2024-02-05 10:00', '2024-02-05 11:00')], 330],
    ['a pause outside the span', [pause('2024-02-04 09:00', '2024-02-04 17:00')], 450],
    ['a pause across the start of the span', [pause('2024-02-04 17:00', '2024-02-05 09:30')], 390],
    ['an empty pause', [pause('2024-02-05 09:00', '2024-02-05 09:00')], 450],
    ['an open pause runs to the end of the span', [pause('2024-02-05 16:30', null)], 390],
    ['an open pause begun before the span', [pause('2024-02-01 16:30', null)], 0],
    ['an open pause begun after the span', [pause('2024-02-06 08:00', null)], 450],
  ])('less %s', (_name, pauses, minutes) => {
    expect(workingMinutesBetween(at('2024-02-05 00:00'), at('2024-02-06 00:00'), springFestival, pauses)).toBe(minutes);
  });

  it('rejects a pause that ends before it begins', () => {
    expect(() =>
      workingMinutesBetween(at('2024-02-05 00:00'), at('2024-02-06 00:00'), springFestival, [
        pause('2024-02-05 10:00', '2024-02-05 09:00'),
      ]),
    ).toThrow(/pause 1 ends before it begins/);
  });

  it('over 2024 is a working day’s minutes for each of its 251 working days (7.5 h by default, 8 h in summer hours)', () => {
    // Count the working days independently: weekday from Date.getUTCDay, dates from the notice.
    const holidays = new Set(holidays2024);
    const workdays = new Set(workdays2024);
    let workingDays = 0;
    for (const date of dateRange('2024-01-01', '2024-12-31')) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (workdays.has(date) || (!holidays.has(date) && weekday !== 0 && weekday !== 6)) workingDays += 1;
    }
    expect(workingDays).toBe(251);
    expect(workingMinutesBetween(at('2024-01-01 00:00'), at('2025-01-01 00:00'), year2024)).toBe(7.5 * 60 * workingDays);
    const summer2024 = createCalendar({ workingHours: summerHours.workingHours, holidays: holidays2024, workdays: workdays2024 });
    expect(workingMinutesBetween(at('2024-01-01 00:00'), at('2025-01-01 00:00'), summer2024)).toBe(8 * 60 * workingDays);
    // Widened to the surrounding non-working time; 2025-01-01 is not a holiday in this 2024-only calendar.
    expect(workingMinutesBetween(at('2023-12-29 17:30'), at('2025-01-02 08:30'), year2024)).toBe(7.5 * 60 * (workingDays + 1));
  });
});

describe('deadlines with pauses', () => {
  // 4 working hours from Monday 2024-02-05 08:30 are due at 14:00 unpaused.
  const monday = at('2024-02-05 08:30');

  it.each<[string, LimitKind, number, string, Pause[], string]>([
    ['no pause', 'working_hours', 4, '2024-02-05 08:30', [], '2024-02-05 14:00'],
    ['a pause in working time adds its minutes', 'working_hours', 4, '2024-02-05 08:30', [pause('2024-02-05 09:00', '2024-02-05 10:00')], '2024-02-05 15:00'],
    ['a pause across lunch adds only its working minutes (90)', 'working_hours', 4, '2024-02-05 08:30', [pause('2024-02-05 11:00', '2024-02-05 14:00')], '2024-02-05 15:30'],
    [
      'overlapping pauses count once',
      'working_hours',
      4,
      '2024-02-05 08:30',
      [pause('2024-02-05 09:00', '2024-02-05 10:00'), pause('2024-02-05 09:30', '2024-02-05 10:30')],
      '2024-02-05 15:30',
    ],
    [
      'a pause after the first deadline but before the extended one extends again',
      'working_hours',
      4,
      '2024-02-05 08:30',
      [pause('2024-02-05 09:00', '2024-02-05 10:00'), pause('2024-02-05 14:30', '2024-02-05 15:30')],
      '2024-02-05 16:00',
    ],
    [
      'a pause starting exactly at the extended deadline does not',
      'working_hours',
      4,
      '2024-02-05 08:30',
      [pause('2024-02-05 09:00', '2024-02-05 10:00'), pause('2024-02-05 15:00', '2024-02-05 16:00')],
      '2024-02-05 15:00',
    ],
    ['a pause after the deadline changes nothing', 'working_hours', 4, '2024-02-05 08:30', [pause('2024-02-05 16:00', '2024-02-05 17:00')], '2024-02-05 14:00'],
    ['a pause before the start changes nothing', 'working_hours', 4, '2024-02-05 08:30', [pause('2024-02-02 09:00', '2024-02-02 17:00')], '2024-02-05 14:00'],
    ['a pause across the start counts from the start', 'working_hours', 4, '2024-02-05 08:30', [pause('2024-02-02 09:00', '2024-02-05 09:30')], '2024-02-05 15:00'],
    ['a pause ending at the deadline pushes the rest past it', 'working_hours', 4, '2024-02-05 08:30', [pause('2024-02-05 13:30', '2024-02-05 14:00')], '2024-02-05 14:30'],
    ['a pause into the night resumes next morning', 'working_hours', 4, '2024-02-05 08:30', [pause('2024-02-05 12:00', '2024-02-06 10:00')], '2024-02-06 10:30'],
    ['an open pause is ignored (recompute when it closes)', 'working_hours', 4, '2024-02-05 08:30', [pause('2024-02-05 09:00', null)], '2024-02-05 14:00'],
    // A weekend pause moves nothing that counts working time, but moves round-the-clock limits.
    ['a weekend pause: working hours', 'working_hours', 4, '2024-02-23 16:00', [pause('2024-02-24 00:00', '2024-02-26 00:00')], '2024-02-26 11:00'],
    ['a weekend pause: working days', 'working_days', 1, '2024-02-23 16:00', [pause('2024-02-24 00:00', '2024-02-26 00:00')], '2024-02-26 17:30'],
    ['a weekend pause: natural days', 'natural_days', 3, '2024-02-23 10:00', [pause('2024-02-24 00:00', '2024-02-26 00:00')], '2024-02-29 00:00'],
    ['a weekend pause: emergency hours', 'emergency_hours', 72, '2024-02-23 16:00', [pause('2024-02-24 00:00', '2024-02-26 00:00')], '2024-02-28 16:00'],
    // Day limits count from the midnight after the start.
    ['working days: a pause on the start’s day moves nothing', 'working_days', 1, '2024-02-05 09:00', [pause('2024-02-05 14:00', '2024-02-05 15:00')], '2024-02-06 17:30'],
    ['working days: a paused working hour moves close of business on', 'working_days', 1, '2024-02-05 09:00', [pause('2024-02-06 09:00', '2024-02-06 10:00')], '2024-02-07 09:30'],
    ['working days: a pause outside working hours moves nothing', 'working_days', 1, '2024-02-05 09:00', [pause('2024-02-06 17:30', '2024-02-07 08:30')], '2024-02-06 17:30'],
    ['natural days: only the part after the start’s day counts', 'natural_days', 3, '2024-02-09 15:00', [pause('2024-02-09 16:00', '2024-02-10 02:00')], '2024-02-13 02:00'],
    ['natural days: an open pause is ignored', 'natural_days', 3, '2024-02-09 15:00', [pause('2024-02-10 16:00', null)], '2024-02-13 00:00'],
    ['emergency hours: a pause adds its real minutes', 'emergency_hours', 24, '2024-02-09 16:00', [pause('2024-02-09 20:00', '2024-02-10 02:30')], '2024-02-10 22:30'],
    ['zero hours: due at once even if a pause starts then', 'working_hours', 0, '2024-02-05 08:30', [pause('2024-02-05 08:30', '2024-02-05 10:00')], '2024-02-05 08:30'],
  ])('%s', (_name, kind, amount, start, pauses, expected) => {
    expect(cst(computeDeadline(kind, amount, at(start), springFestival, pauses))).toBe(expected);
  });

  it('extends by exactly the paused working minutes', () => {
    const pauses = [pause('2024-02-05 09:15', '2024-02-05 09:52')];
    const paused = 37;
    const unpaused = computeDeadline('working_hours', 4, monday, springFestival);
    const extended = computeDeadline('working_hours', 4, monday, springFestival, pauses);
    expect(workingMinutesBetween(unpaused, extended, springFestival)).toBe(paused);
    expect(workingMinutesBetween(monday, extended, springFestival, pauses)).toBe(240);
  });

  it('handles a long pause starting just before the deadline in one step', () => {
    // A literal "extend, repeat until stable" would take one round per millisecond here.
    const pauses: Pause[] = [{ from: new Date(at('2024-02-19 13:59').getTime() + 59_999), to: at('2024-02-26 13:59:59.999') }];
    const started = performance.now();
    expect(cst(computeDeadline('working_hours', 4, at('2024-02-19 08:30'), springFestival, pauses))).toBe('2024-02-26 14:00');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('rejects a malformed pause', () => {
    expect(() => computeDeadline('working_hours', 4, monday, springFestival, [{ from: new Date('x'), to: null }])).toThrow(
      /pause 1: from is not a valid date/,
    );
  });
});

describe('timeUsed and slaColour', () => {
  // 4 working hours (240 working minutes) from Monday 08:30, due 14:00.
  const start = at('2024-02-05 08:30');
  const deadline = computeDeadline('working_hours', 4, start, springFestival);

  it.each([
    ['2024-02-05 08:00', 0, 240, false, 'green', 'before the start'],
    ['2024-02-05 10:30', 120, 120, false, 'green', 'half way'],
    ['2024-02-05 11:41:45.600', 191.76, 48.24, false, 'green', '79.9% used'],
    ['2024-02-05 11:42', 192, 48, false, 'yellow', '80% used'],
    ['2024-02-05 12:45', 210, 30, false, 'yellow', 'lunch does not count'],
    ['2024-02-05 14:00', 240, 0, false, 'yellow', 'at the deadline: used up, not yet overdue'],
    ['2024-02-05 14:01', 241, -1, true, 'red', 'a minute overdue'],
    ['2024-02-05 17:30', 450, -210, true, 'red', 'overdue at close of business'],
    ['2024-02-05 20:00', 450, -210, true, 'red', 'overdue in the evening, no more working minutes'],
  ])('at %s: used %s, remaining %s, overdue %s, %s (%s)', (now, used, remaining, overdue, colour) => {
    const result = timeUsed('working_hours', start, deadline, at(now), springFestival);
    expect(result.used).toBeCloseTo(used, 9);
    expect(result.allowed).toBe(240);
    expect(result.remaining).toBeCloseTo(remaining, 9);
    expect(result.fraction).toBeCloseTo(used / 240, 12);
    expect(result.overdue).toBe(overdue);
    expect(slaColour(result.fraction, result.overdue)).toBe(colour);
  });

  it('is overdue but with nothing remaining between a deadline at close of business and the next morning', () => {
    const due = computeDeadline('working_hours', 7.5, start, springFestival);
    expect(cst(due)).toBe('2024-02-05 17:30');
    expect(timeUsed('working_hours', start, due, at('2024-02-05 20:00'), springFestival)).toEqual({
      used: 450,
      allowed: 450,
      fraction: 1,
      overdue: true,
      remaining: 0,
    });
    expect(timeUsed('working_hours', start, due, at('2024-02-06 09:30'), springFestival).remaining).toBe(-60);
  });

  it('does not count paused time, and an open pause stops the clock short of a stale deadline', () => {
    const closed = [pause('2024-02-05 09:00', '2024-02-05 10:00')];
    const extended = computeDeadline('working_hours', 4, start, springFestival, closed);
    expect(timeUsed('working_hours', start, extended, at('2024-02-05 14:30'), springFestival, closed)).toMatchObject({
      used: 210,
      allowed: 240,
      remaining: 30,
      overdue: false,
    });
    const open = [pause('2024-02-05 10:00', null)];
    const result = timeUsed('working_hours', start, deadline, at('2024-02-05 15:00'), springFestival, open);
    expect(result).toMatchObject({ used: 90, allowed: 240, remaining: 150, overdue: false });
    expect(slaColour(result.fraction, result.overdue)).toBe('green');
    // Paused only after the deadline: still overdue.
    const late = [pause('2024-02-05 15:00', null)];
    expect(timeUsed('working_hours', start, deadline, at('2024-02-05 16:00'), springFestival, late)).toMatchObject({
      used: 300,
      overdue: true,
      remaining: -60,
    });
  });

  it('measures working days in working minutes from the midnight after the start', () => {
    const received = at('2024-02-05 09:00');
    const due = computeDeadline('working_days', 2, received, springFestival);
    expect(cst(due)).toBe('2024-02-07 17:30');
    expect(timeUsed('working_days', received, due, at('2024-02-05 17:00'), springFestival)).toMatchObject({ used: 0, allowed: 900 });
    const laterThatWeek = timeUsed('working_days', received, due, at('2024-02-07 14:30'), springFestival);
    expect(laterThatWeek).toMatchObject({ used: 720, allowed: 900, fraction: 0.8, overdue: false });
    expect(slaColour(laterThatWeek.fraction, laterThatWeek.overdue)).toBe('yellow');
  });

  it('measures natural days and emergency hours in real minutes', () => {
    const received = at('2024-02-09 15:00');
    const due = computeDeadline('natural_days', 3, received, springFestival);
    expect(timeUsed('natural_days', received, due, at('2024-02-12 09:36'), springFestival)).toMatchObject({
      used: 3456,
      allowed: 4320,
      fraction: 0.8,
      overdue: false,
    });
    expect(timeUsed('natural_days', received, due, at('2024-02-13 01:00'), springFestival)).toMatchObject({
      remaining: -60,
      overdue: true,
    });
    const urgent = computeDeadline('emergency_hours', 24, received, springFestival);
    expect(timeUsed('emergency_hours', received, urgent, at('2024-02-10 10:00'), springFestival)).toMatchObject({
      used: 1140,
      allowed: 1440,
      remaining: 300,
    });
  });

  it('treats a zero-length limit as used up from its deadline', () => {
    const due = computeDeadline('working_hours', 0, start, springFestival);
    expect(timeUsed('working_hours', start, due, start, springFestival)).toEqual({
      used: 0,
      allowed: 0,
      fraction: 1,
      overdue: false,
      remaining: 0,
    });
    expect(timeUsed('working_hours', start, due, at('2024-02-05 09:00'), springFestival)).toMatchObject({ overdue: true, remaining: -30 });
  });

  it.each<[number, boolean, 'green' | 'yellow' | 'red']>([
    [0, false, 'green'],
    [0.5, false, 'green'],
    [0.799, false, 'green'],
    [0.7999999, false, 'green'],
    [0.8, false, 'yellow'],
    [0.95, false, 'yellow'],
    [1, false, 'yellow'],
    [1, true, 'red'],
    [1.5, true, 'red'],
    [0.2, true, 'red'],
  ])('slaColour(%s, overdue %s) is %s', (fraction, overdue, colour) => {
    expect(slaColour(fraction, overdue)).toBe(colour);
  });

  it('rejects a fraction that is not a number', () => {
    expect(() => slaColour(Number.NaN, false)).toThrow(RangeError);
  });
});

describe('properties over random starts and amounts (seeded)', () => {
  /** mulberry32: a small deterministic generator, so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }
  const yearStart = at('2024-01-01 00:00').getTime();
  const yearLength = at('2025-01-01 00:00').getTime() - yearStart;

  const holidaySet = new Set(holidays2024);
  const workdaySet = new Set(workdays2024);

  const workingDayCache = new Map<number, boolean>();

  /** A reference counted minute by minute, sharing no code with the module. */
  function isWorkingMinute(time: number): boolean {
    const local = time + 8 * 3_600_000;
    const minute = Math.floor((local % 86_400_000) / 60_000);
    if (!((minute >= 510 && minute < 720) || (minute >= 810 && minute < 1050))) return false;
    const dayNumber = Math.floor(local / 86_400_000);
    let working = workingDayCache.get(dayNumber);
    if (working === undefined) {
      const day = new Date(dayNumber * 86_400_000);
      const date = day.toISOString().slice(0, 10);
      const weekday = day.getUTCDay();
      working = workdaySet.has(date) || (!holidaySet.has(date) && weekday !== 0 && weekday !== 6);
      workingDayCache.set(dayNumber, working);
    }
    return working;
  }

  it('matches a minute-by-minute reference for whole-minute starts', () => {
    const next = random(20240210);
    for (let i = 0; i < 200; i += 1) {
      const start = yearStart + Math.floor(next() * (yearLength / 60_000)) * 60_000;
      const minutes = Math.floor(next() * 1200);
      let time = start;
      let counted = 0;
      while (counted < minutes) {
        if (isWorkingMinute(time)) counted += 1;
        time += 60_000;
      }
      expect(addWorkingMinutes(new Date(start), minutes, year2024).getTime(), `start ${new Date(start).toISOString()} + ${minutes}`).toBe(time);
    }
  });

  it('workingMinutesBetween(start, deadline) is the amount, and the deadline is the earliest such instant', () => {
    const next = random(12345);
    for (let i = 0; i < 1000; i += 1) {
      const start = new Date(yearStart + Math.floor(next() * yearLength));
      const minutes = Math.floor(next() * 6000);
      const hours = minutes / 60;
      const deadline = computeDeadline('working_hours', hours, start, year2024);
      const label = `${start.toISOString()} + ${hours} h`;
      expect(workingMinutesBetween(start, deadline, year2024), label).toBe(minutes);
      if (minutes > 0) {
        expect(workingMinutesBetween(start, new Date(deadline.getTime() - 1), year2024), label).toBeLessThan(minutes);
      }
    }
  });

  it('with random pauses, the paused working minutes up to the deadline are the amount', () => {
    const next = random(777);
    for (let i = 0; i < 300; i += 1) {
      const start = yearStart + Math.floor(next() * yearLength);
      const pauses: Pause[] = Array.from({ length: Math.floor(next() * 4) }, () => {
        const from = start + Math.floor((next() - 0.2) * 20 * 86_400_000);
        return { from: new Date(from), to: new Date(from + Math.floor(next() * 5 * 86_400_000)) };
      });
      const minutes = Math.floor(next() * 3000);
      for (const kind of ['working_hours', 'emergency_hours'] as const) {
        const deadline = computeDeadline(kind, minutes / 60, new Date(start), year2024, pauses);
        const label = `${kind} ${new Date(start).toISOString()} + ${minutes} min, ${JSON.stringify(pauses)}`;
        const used = timeUsed(kind, new Date(start), deadline, deadline, year2024, pauses);
        expect(used.used, label).toBe(minutes);
        expect(used.allowed, label).toBe(minutes);
        if (kind === 'working_hours') expect(workingMinutesBetween(new Date(start), deadline, year2024, pauses), label).toBe(minutes);
      }
    }
  });
});
