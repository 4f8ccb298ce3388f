/**
 * The working calendar: each district's calendars with their working hours and weekend
 * days, and the special days of each year (statutory holidays and 调休 working days).
 * Dates are 'YYYY-MM-DD' text in China Standard Time: a civil date, never an instant.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calendars (
      district_code text not null,
      code text not null check (code ~ '^[a-z][a-z0-9_-]{1,31}$'),
      name text not null check (length(name) between 1 and 100),
      working_hours jsonb not null,
      weekend_days jsonb not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (district_code, code)
    )`.execute(db);
  await sql`
    create table calendar_days (
      district_code text not null,
      calendar_code text not null,
      date text not null check (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      kind text not null check (kind in ('holiday', 'workday')),
      name text,
      primary key (district_code, calendar_code, date),
      foreign key (district_code, calendar_code) references calendars (district_code, code) on delete cascade
    )`.execute(db);
}
