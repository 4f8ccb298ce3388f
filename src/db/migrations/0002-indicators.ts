/**
 * Targets and indicators (目标指标): the catalogue, yearly targets per region, reported
 * actuals with their full revision history, and each district's rating thresholds.
 * Values are stored in the indicator's base unit (元, 平方米, 人 …); rates as fractions.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table indicators (
      district_code text not null,
      code text not null check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
      name text not null check (length(name) between 1 and 100),
      dimension text not null,
      base_unit text not null,
      display_unit text not null,
      kind text not null check (kind in ('level', 'growth', 'ratio')),
      price_basis text check (price_basis in ('current', 'comparable')),
      frequency text not null check (frequency in ('monthly_cumulative', 'quarterly', 'annual')),
      direction text not null check (direction in ('higher', 'lower')),
      owner_department_code text,
      region_codes jsonb not null default '[]',
      sort_order integer not null default 0,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (district_code, code),
      foreign key (district_code, owner_department_code) references departments (district_code, code)
    )`.execute(db);

  await sql`
    create table indicator_targets (
      district_code text not null,
      indicator_code text not null,
      region_code text not null,
      year integer not null check (year between 1990 and 2100),
      level_value double precision,
      growth_rate double precision check (growth_rate > -1 and growth_rate <= 100),
      qualifier text check (qualifier in ('以上', '力争', '左右', '确保', '以内')),
      note text,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      primary key (district_code, indicator_code, region_code, year),
      foreign key (district_code, indicator_code) references indicators (district_code, code),
      foreign key (district_code, region_code) references regions (district_code, code),
      check (level_value is not null or growth_rate is not null)
    )`.execute(db);

  await sql`
    create table indicator_actuals (
      district_code text not null,
      indicator_code text not null,
      region_code text not null,
      year integer not null check (year between 1990 and 2100),
      month integer not null check (month between 1 and 12),
      cumulative_value double precision,
      yoy_rate double precision check (yoy_rate > -1 and yoy_rate <= 100),
      prior_value double precision,
      source text,
      flag text check (flag in ('cumulative_decrease')),
      confirmed boolean not null default false,
      revision integer not null,
      reported_at timestamptz not null,
      reported_by text not null,
      primary key (district_code, indicator_code, region_code, year, month),
      foreign key (district_code, indicator_code) references indicators (district_code, code),
      foreign key (district_code, region_code) references regions (district_code, code),
      check (cumulative_value is not null or yoy_rate is not null)
    )`.execute(db);
  await sql`create index indicator_actuals_period_idx on indicator_actuals (district_code, year, month)`.execute(db);

  // Every version of every figure, the current one included: a revised figure keeps the
  // old one here.
  await sql`
    create table indicator_actual_revisions (
      district_code text not null,
      indicator_code text not null,
      region_code text not null,
      year integer not null,
      month integer not null,
      revision integer not null,
      cumulative_value double precision,
      yoy_rate double precision,
      prior_value double precision,
      source text,
      reported_at timestamptz not null,
      reported_by text not null,
      primary key (district_code, indicator_code, region_code, year, month, revision)
    )`.execute(db);

  await sql`
    create table indicator_settings (
      district_code text primary key,
      thresholds jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
}
