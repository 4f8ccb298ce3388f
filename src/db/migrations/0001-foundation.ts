/**
 * Foundation: regions and grids, departments, accounts, sessions, API tokens and the
 * hash-chained audit log. Forward-only: never edit a migration that has shipped.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table regions (
      district_code text not null check (district_code ~ '^[0-9]{6}$'),
      code text not null check (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3}([0-9]{3}([0-9]{2})?)?)?)?$'),
      parent_code text,
      level text not null check (level in ('district', 'town', 'area', 'community', 'grid', 'microgrid')),
      name text not null check (length(name) between 1 and 100),
      path text not null,
      geometry jsonb,
      min_lon double precision,
      min_lat double precision,
      max_lon double precision,
      max_lat double precision,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (district_code, code),
      foreign key (district_code, parent_code) references regions (district_code, code),
      check (left(code, 6) = district_code),
      check ((level = 'district') = (parent_code is null)),
      check (level not in ('grid', 'microgrid') or geometry is not null),
      check ((geometry is null) = (min_lon is null))
    )`.execute(db);
  await sql`create index regions_parent_idx on regions (district_code, parent_code)`.execute(db);
  await sql`create index regions_path_idx on regions (path text_pattern_ops)`.execute(db);
  await sql`create index regions_level_idx on regions (district_code, level)`.execute(db);

  await sql`
    create table region_revisions (
      district_code text primary key,
      revision bigint not null,
      updated_at timestamptz not null
    )`.execute(db);

  await sql`
    create table departments (
      district_code text not null,
      code text not null check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
      name text not null check (length(name) between 1 and 100),
      kind text not null default 'functional',
      region_code text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (district_code, code),
      foreign key (district_code, region_code) references regions (district_code, code)
    )`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null unique check (username ~ '^[a-z0-9][a-z0-9_.-]{2,63}$'),
      display_name text not null check (length(display_name) between 1 and 100),
      role text not null check (role in ('admin', 'supervisor', 'town_admin', 'operator', 'dispatcher',
        'department_handler', 'grid_worker', 'deputy', 'viewer')),
      district_code text not null,
      region_code text not null,
      department_code text,
      phone text,
      password_hash text,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      foreign key (district_code, region_code) references regions (district_code, code),
      foreign key (district_code, department_code) references departments (district_code, code)
    )`.execute(db);

  await sql`
    create table sessions (
      id text primary key,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      name text not null check (length(name) between 1 and 100),
      token_hash text not null unique,
      token_prefix text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);

  await sql`
    create table audit_log (
      district_code text not null,
      seq bigint not null,
      at timestamptz not null,
      actor_id uuid,
      actor_label text not null,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      before jsonb,
      after jsonb,
      request_id text,
      prev_hash text not null,
      hash text not null,
      primary key (district_code, seq)
    )`.execute(db);
  // The head of each district's chain, updated with every append: deleting the newest rows
  // of the log (which leaves an intact but shorter chain) is caught against it.
  await sql`
    create table audit_heads (
      district_code text primary key,
      seq bigint not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_entity_idx on audit_log (district_code, entity_type, entity_id)`.execute(db);

  // The audit log is append-only: the application never updates or deletes a row, and the
  // database refuses to. Someone who disables this trigger is caught by the hash chain.
  await sql`
    create function audit_log_forbid_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_forbid_change()`.execute(db);
  // Emptying the log (and its heads) is refused too, except by a restore, which replaces
  // the whole database inside one transaction and says so with a local setting.
  await sql`
    create function audit_forbid_truncate() returns trigger language plpgsql as $$
    begin
      if coalesce(current_setting('shuzhi.restoring', true), '') <> 'on' then
        raise exception '% is append-only', tg_table_name;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_forbid_truncate()`.execute(db);
  await sql`
    create trigger audit_heads_no_truncate before truncate on audit_heads
    for each statement execute function audit_forbid_truncate()`.execute(db);
}
