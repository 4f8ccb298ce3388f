/**
 * Cases (事件闭环): the category catalogue with its case standards, 12345 natures, cases with
 * their stored SLA clocks, the timeline of every step, attachments, the maintained metric
 * roll-ups and the supervision notices raised by overdue cases. Every table leads its key
 * with `district_code` so it can be distributed by district.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_categories (
      district_code text not null,
      code text not null check (code ~ '^(BJ|SJ)[0-9]{2}([0-9]{2})?$'),
      kind text not null check (kind in ('component', 'event')),
      major_code text not null check (major_code ~ '^[0-9]{2}$'),
      minor_code text check (minor_code ~ '^[0-9]{2}$'),
      name text not null check (length(name) between 1 and 100),
      parent_code text,
      register_condition text check (length(register_condition) <= 1000),
      close_condition text check (length(close_condition) <= 1000),
      department_code text,
      limits jsonb,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (district_code, code),
      foreign key (district_code, parent_code) references case_categories (district_code, code),
      foreign key (district_code, department_code) references departments (district_code, code),
      check ((minor_code is null) = (parent_code is null)),
      check (minor_code is not null or (limits is null and department_code is null)),
      check (minor_code is null or limits is not null)
    )`.execute(db);

  // 派单目录 overrides: a town may send a class of case to another department.
  await sql`
    create table case_category_towns (
      district_code text not null,
      category_code text not null,
      town_code text not null,
      department_code text not null,
      primary key (district_code, category_code, town_code),
      foreign key (district_code, category_code) references case_categories (district_code, code) on delete cascade,
      foreign key (district_code, town_code) references regions (district_code, code),
      foreign key (district_code, department_code) references departments (district_code, code)
    )`.execute(db);

  await sql`
    create table case_natures (
      district_code text not null,
      code text not null check (code in ('enquiry', 'help', 'complaint', 'suggestion', 'report')),
      name text not null,
      "limit" jsonb not null,
      version integer not null default 1,
      primary key (district_code, code)
    )`.execute(db);

  // Case numbers are global (one sequence), so a number never needs its district to be found.
  await sql`create sequence case_id_seq start with 1000001`.execute(db);

  await sql`
    create table cases (
      district_code text not null,
      id bigint not null,
      version integer not null default 1,
      channel text not null,
      nature text,
      category_code text,
      urgency text not null default 'normal' check (urgency in ('normal', 'urgent')),
      description text not null check (length(description) between 1 and 4000),
      address text check (length(address) <= 500),
      lon double precision check (lon between -180 and 180),
      lat double precision check (lat between -90 and 90),
      reporter_name text,
      reporter_phone text,
      external_id text,
      idempotency_key text,
      request_hash text,
      token text not null,
      occurred_at timestamptz,
      received_at timestamptz not null,
      town_code text,
      region_code text,
      region_path text not null,
      department_code text,
      assignee_id uuid,
      status text not null,
      stage text,
      registered_at timestamptz,
      dispatched_at timestamptz,
      accepted_at timestamptz,
      handled_at timestamptz,
      checked_at timestamptz,
      closed_at timestamptz,
      visited_at timestamptz,
      limits jsonb,
      clocks jsonb not null default '{}',
      stage_deadline timestamptz,
      stage_yellow_at timestamptz,
      close_deadline timestamptz,
      pauses jsonb not null default '[]',
      paused_since timestamptz,
      pending_request jsonb,
      return_count integer not null default 0,
      reassign_count integer not null default 0,
      extension_count integer not null default 0,
      rework_count integer not null default 0,
      reopen_count integer not null default 0,
      park_count integer not null default 0,
      satisfaction text,
      merged_into bigint,
      duplicate_of bigint,
      handled_on_time boolean,
      closed_on_time boolean,
      close_working_minutes double precision,
      overtime_ratio double precision,
      overdue_at timestamptz,
      attachment_ids jsonb not null default '[]',
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (district_code, id),
      check ((lon is null) = (lat is null))
    )`.execute(db);
  await sql`create unique index cases_token_idx on cases (district_code, token)`.execute(db);
  await sql`create unique index cases_external_idx on cases (district_code, channel, external_id) where external_id is not null`.execute(db);
  await sql`create unique index cases_idempotency_idx on cases (district_code, idempotency_key) where idempotency_key is not null`.execute(db);
  await sql`create index cases_id_idx on cases (id)`.execute(db);
  await sql`create index cases_received_idx on cases (district_code, received_at desc)`.execute(db);
  await sql`create index cases_region_idx on cases (region_path text_pattern_ops, received_at desc)`.execute(db);
  await sql`create index cases_status_idx on cases (district_code, status, received_at desc)`.execute(db);
  await sql`create index cases_department_idx on cases (district_code, department_code, status)`.execute(db);
  await sql`create index cases_nearby_idx on cases (district_code, category_code, received_at)`.execute(db);
  await sql`
    create index cases_open_deadline_idx on cases (stage_deadline)
    where status not in ('closed', 'visited', 'voided', 'merged')`.execute(db);
  await sql`
    create index cases_open_close_deadline_idx on cases (close_deadline)
    where overdue_at is null and status not in ('closed', 'visited', 'voided', 'merged')`.execute(db);

  // The timeline of a case: every step with who, when, from and to, and a note.
  await sql`
    create table case_events (
      district_code text not null,
      case_id bigint not null,
      seq integer not null,
      at timestamptz not null,
      actor_id uuid,
      actor_label text not null,
      action text not null,
      from_status text,
      to_status text,
      note text check (length(note) <= 2000),
      data jsonb,
      primary key (district_code, case_id, seq),
      foreign key (district_code, case_id) references cases (district_code, id)
    )`.execute(db);

  await sql`
    create table case_attachments (
      district_code text not null,
      id uuid not null default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      mime text not null,
      size integer not null check (size between 1 and 5242880),
      data bytea not null,
      uploaded_by uuid,
      case_id bigint,
      region_path text,
      created_at timestamptz not null default now(),
      primary key (district_code, id)
    )`.execute(db);

  // The maintained roll-up: per district, month of receipt, town and one dimension
  // (grid, department, category or channel), the sums of every case's contribution. Each
  // change of a case adds (after − before) here in the same transaction.
  await sql`
    create table case_rollups (
      district_code text not null,
      month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
      town_code text not null,
      dim text not null check (dim in ('grid', 'department', 'category', 'channel')),
      key text not null,
      received bigint not null default 0,
      registered bigint not null default 0,
      voided bigint not null default 0,
      due bigint not null default 0,
      closed bigint not null default 0,
      closed_on_time bigint not null default 0,
      handled bigint not null default 0,
      handled_on_time bigint not null default 0,
      checked bigint not null default 0,
      reworked bigint not null default 0,
      callbacks bigint not null default 0,
      satisfied bigint not null default 0,
      basically_satisfied bigint not null default 0,
      unsatisfied bigint not null default 0,
      overdue_closed bigint not null default 0,
      overtime_ratio_sum double precision not null default 0,
      close_minutes_sum double precision not null default 0,
      returns bigint not null default 0,
      extensions bigint not null default 0,
      parks bigint not null default 0,
      open bigint not null default 0,
      overdue_open bigint not null default 0,
      primary key (district_code, dim, month, town_code, key)
    )`.execute(db);
  // A town's query reads only its own rows.
  await sql`create index case_rollups_town_idx on case_rollups (district_code, dim, town_code, month)`.execute(db);

  // 督办: raised automatically when a case goes overdue; the supervision domain builds on it.
  await sql`
    create table supervision_notices (
      district_code text not null,
      id bigint generated by default as identity,
      source_type text not null,
      source_id text not null,
      title text not null,
      region_code text,
      region_path text not null,
      department_code text,
      colour text not null check (colour in ('blue', 'yellow', 'red')),
      raised_at timestamptz not null,
      resolved_at timestamptz,
      primary key (district_code, id)
    )`.execute(db);
  await sql`create unique index supervision_notices_source_idx on supervision_notices (district_code, source_type, source_id)`.execute(db);
}
