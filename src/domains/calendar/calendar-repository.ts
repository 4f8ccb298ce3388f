/**
 * SQL of the working calendar.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';

/** A calendar row. */
export interface CalendarRow {
  district_code: string;
  code: string;
  name: string;
  working_hours: { start: string; end: string }[];
  weekend_days: number[];
  version: number;
}

/** A special day. */
export interface CalendarDayRow {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

/** One calendar, or undefined. */
export async function findCalendarRow(db: Executor, districtCode: string, code: string): Promise<CalendarRow | undefined> {
  return (await db
    .selectFrom('calendars')
    .select(['district_code', 'code', 'name', 'working_hours', 'weekend_days', 'version'])
    .where('district_code', '=', districtCode)
    .where('code', '=', code)
    .executeTakeFirst()) as CalendarRow | undefined;
}

/** Creates a calendar if it does not exist; returns whether it was created. */
export async function insertCalendarRow(tx: Tx, row: Omit<CalendarRow, 'version'>): Promise<boolean> {
  const result = await tx
    .insertInto('calendars')
    .values({ ...row, working_hours: JSON.stringify(row.working_hours), weekend_days: JSON.stringify(row.weekend_days) })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Changes working hours and weekend days if still at `version`. */
export async function updateCalendarHours(
  tx: Tx,
  key: { districtCode: string; code: string },
  hours: { working_hours: { start: string; end: string }[]; weekend_days: number[] },
  version: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('calendars')
    .set({
      working_hours: JSON.stringify(hours.working_hours),
      weekend_days: JSON.stringify(hours.weekend_days),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('district_code', '=', key.districtCode)
    .where('code', '=', key.code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Special days of a calendar, optionally of one year. */
export async function listCalendarDayRows(
  db: Executor,
  key: { districtCode: string; code: string },
  year?: number,
): Promise<CalendarDayRow[]> {
  let q = db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('district_code', '=', key.districtCode)
    .where('calendar_code', '=', key.code);
  if (year !== undefined) q = q.where('date', 'like', `${year}-%`);
  return (await q.orderBy('date').execute()) as CalendarDayRow[];
}

/** Years that have special days. */
export async function listCalendarYears(db: Executor, key: { districtCode: string; code: string }): Promise<number[]> {
  const rows = await db
    .selectFrom('calendar_days')
    .select(sql<string>`left(date, 4)`.as('year'))
    .where('district_code', '=', key.districtCode)
    .where('calendar_code', '=', key.code)
    .groupBy(sql`left(date, 4)`)
    .orderBy(sql`left(date, 4)`)
    .execute();
  return rows.map((r) => Number(r.year));
}

/** Sets special days (insert or change). */
export async function upsertCalendarDays(tx: Tx, key: { districtCode: string; code: string }, days: CalendarDayRow[]): Promise<void> {
  for (let i = 0; i < days.length; i += 1000) {
    await tx
      .insertInto('calendar_days')
      .values(days.slice(i, i + 1000).map((d) => ({ district_code: key.districtCode, calendar_code: key.code, ...d })))
      .onConflict((oc) =>
        oc.columns(['district_code', 'calendar_code', 'date']).doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name') })),
      )
      .execute();
  }
}

/** Removes a special day (the date becomes an ordinary weekday or weekend). */
export async function deleteCalendarDay(tx: Tx, key: { districtCode: string; code: string }, date: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('calendar_days')
    .where('district_code', '=', key.districtCode)
    .where('calendar_code', '=', key.code)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
