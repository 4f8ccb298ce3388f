/**
 * Table types for the typed query builder. They mirror the migrations in
 * `src/db/migrations`; a migration that changes a table changes its type here too.
 *
 * Every table of regional data carries `district_code` and leads its primary key with it,
 * so that the tables can later be distributed by district (Citus). `users`, `sessions`
 * and `api_tokens` are small global tables (a Citus reference table each).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb columns are written as JSON text and read back as parsed values. */
type Json<T> = ColumnType<T, string, string>;

/** GeoJSON Polygon or MultiPolygon as stored. */
export interface StoredGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface RegionsTable {
  district_code: string;
  code: string;
  parent_code: string | null;
  level: string;
  name: string;
  /** Codes of the ancestors and itself, `/`-separated and `/`-terminated: subtree = prefix. */
  path: string;
  geometry: Json<StoredGeometry | null> | null;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RegionRevisionsTable {
  district_code: string;
  revision: number;
  updated_at: Timestamp;
}

export interface DepartmentsTable {
  district_code: string;
  code: string;
  name: string;
  kind: string;
  region_code: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: string;
  district_code: string;
  region_code: string;
  department_code: string | null;
  phone: string | null;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface AuditLogTable {
  district_code: string;
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  district_code: string;
  seq: number;
  hash: string;
}

export interface IndicatorsTable {
  district_code: string;
  code: string;
  name: string;
  dimension: string;
  base_unit: string;
  display_unit: string;
  kind: string;
  price_basis: string | null;
  frequency: string;
  direction: string;
  owner_department_code: string | null;
  region_codes: Json<string[]>;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface IndicatorTargetsTable {
  district_code: string;
  indicator_code: string;
  region_code: string;
  year: number;
  level_value: number | null;
  growth_rate: number | null;
  qualifier: string | null;
  note: string | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface IndicatorActualsTable {
  district_code: string;
  indicator_code: string;
  region_code: string;
  year: number;
  month: number;
  cumulative_value: number | null;
  yoy_rate: number | null;
  prior_value: number | null;
  source: string | null;
  flag: string | null;
  confirmed: Generated<boolean>;
  revision: number;
  reported_at: Timestamp;
  reported_by: string;
}

export interface IndicatorActualRevisionsTable {
  district_code: string;
  indicator_code: string;
  region_code: string;
  year: number;
  month: number;
  revision: number;
  cumulative_value: number | null;
  yoy_rate: number | null;
  prior_value: number | null;
  source: string | null;
  reported_at: Timestamp;
  reported_by: string;
}

export interface IndicatorSettingsTable {
  district_code: string;
  thresholds: Json<Record<string, number>>;
  updated_at: Generated<Date>;
}

export interface CalendarsTable {
  district_code: string;
  code: string;
  name: string;
  working_hours: Json<{ start: string; end: string }[]>;
  weekend_days: Json<number[]>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CalendarDaysTable {
  district_code: string;
  calendar_code: string;
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

export interface DB {
  regions: RegionsTable;
  region_revisions: RegionRevisionsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  indicators: IndicatorsTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_actuals: IndicatorActualsTable;
  indicator_actual_revisions: IndicatorActualRevisionsTable;
  indicator_settings: IndicatorSettingsTable;
  calendars: CalendarsTable;
  calendar_days: CalendarDaysTable;
}
