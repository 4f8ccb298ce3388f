/**
 * Table types for the typed query builder. They mirror the migrations in
 * `src/db/migrations`; a migration that changes a table changes its type here too.
 *
 * Every table of regional data carries `district_code` and leads its primary key with it,
 * so that the tables can later be distributed by district (Citus). `users`, `sessions`
 * and `api_tokens` are small global tables (a Citus reference table each).
 */
import type { ColumnType, Generated } from 'kysely';
import type { LivelihoodTables } from './schema-livelihood.js';
import type { ProjectTables } from './schema-projects.js';
import type { ReportTables } from './schema-reports.js';
import type { SupervisionTables } from './schema-supervision.js';

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

/** A limit as stored: its kind and amount (STANDARDS.md §4). */
export interface StoredLimit {
  kind: 'emergency_hours' | 'working_hours' | 'working_days' | 'natural_days';
  amount: number;
}
/** Limits of the four clocks. */
export interface StoredStageLimits {
  dispatch: StoredLimit;
  handle: StoredLimit;
  check: StoredLimit;
  total: StoredLimit;
}
/** One SLA clock as stored on a case: when it started, its deadline and when it stopped. */
export interface StoredClock {
  start: string;
  deadline: string;
  end: string | null;
  kind: StoredLimit['kind'];
  amount: number;
  /** Working days granted by approved extensions (延期), added after the limit. */
  extendedDays?: number;
}
/** A span during which a case's clocks stood still (挂账, approved 延期). */
export interface StoredPause {
  from: string;
  to: string | null;
  reason: 'park';
}
/** A request awaiting approval (延期 or 挂账). */
export interface StoredPendingRequest {
  type: 'extension' | 'park';
  amount: number | null;
  reason: string | null;
  requestedBy: string;
  requestedAt: string;
}

export interface CaseCategoriesTable {
  district_code: string;
  code: string;
  kind: string;
  major_code: string;
  minor_code: string | null;
  name: string;
  parent_code: string | null;
  register_condition: string | null;
  close_condition: string | null;
  department_code: string | null;
  limits: Json<{ normal: StoredStageLimits; urgent: StoredStageLimits } | null> | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseCategoryTownsTable {
  district_code: string;
  category_code: string;
  town_code: string;
  department_code: string;
}

export interface CaseNaturesTable {
  district_code: string;
  code: string;
  name: string;
  limit: Json<StoredLimit>;
  version: Generated<number>;
}

export interface CasesTable {
  district_code: string;
  id: ColumnType<number, number, never>;
  version: Generated<number>;
  channel: string;
  nature: string | null;
  category_code: string | null;
  urgency: string;
  description: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  external_id: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  token: string;
  occurred_at: Timestamp | null;
  received_at: Timestamp;
  town_code: string | null;
  region_code: string | null;
  region_path: string;
  department_code: string | null;
  assignee_id: string | null;
  status: string;
  stage: string | null;
  registered_at: Timestamp | null;
  dispatched_at: Timestamp | null;
  accepted_at: Timestamp | null;
  handled_at: Timestamp | null;
  checked_at: Timestamp | null;
  closed_at: Timestamp | null;
  visited_at: Timestamp | null;
  limits: Json<StoredStageLimits | null> | null;
  clocks: Json<Partial<Record<'dispatch' | 'handle' | 'check' | 'total', StoredClock>>>;
  stage_deadline: Timestamp | null;
  /** When the running stage turns yellow (80% of its limit used). */
  stage_yellow_at: Timestamp | null;
  close_deadline: Timestamp | null;
  pauses: Json<StoredPause[]>;
  paused_since: Timestamp | null;
  pending_request: Json<StoredPendingRequest | null> | null;
  return_count: Generated<number>;
  reassign_count: Generated<number>;
  extension_count: Generated<number>;
  rework_count: Generated<number>;
  reopen_count: Generated<number>;
  park_count: Generated<number>;
  satisfaction: string | null;
  merged_into: number | null;
  duplicate_of: number | null;
  handled_on_time: boolean | null;
  closed_on_time: boolean | null;
  close_working_minutes: number | null;
  overtime_ratio: number | null;
  overdue_at: Timestamp | null;
  attachment_ids: Json<string[]>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseEventsTable {
  district_code: string;
  case_id: number;
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  data: Json<Record<string, unknown> | null> | null;
}

export interface CaseAttachmentsTable {
  district_code: string;
  id: Generated<string>;
  name: string;
  mime: string;
  size: number;
  data: Uint8Array;
  uploaded_by: string | null;
  /** The case it was attached to (null until then), and that case's region path for scope. */
  case_id: number | null;
  region_path: string | null;
  created_at: Generated<Date>;
}

/** The counters of the maintained roll-up (and of one case's contribution to it). */
export interface CaseRollupCounters {
  received: number;
  registered: number;
  voided: number;
  due: number;
  closed: number;
  closed_on_time: number;
  handled: number;
  handled_on_time: number;
  checked: number;
  reworked: number;
  callbacks: number;
  satisfied: number;
  basically_satisfied: number;
  unsatisfied: number;
  overdue_closed: number;
  overtime_ratio_sum: number;
  close_minutes_sum: number;
  returns: number;
  extensions: number;
  parks: number;
  open: number;
  overdue_open: number;
}

export interface CaseRollupsTable extends CaseRollupCounters {
  district_code: string;
  month: string;
  town_code: string;
  dim: string;
  key: string;
}

export interface SupervisionNoticesTable {
  district_code: string;
  id: Generated<number>;
  source_type: string;
  source_id: string;
  title: string;
  region_code: string | null;
  region_path: string;
  department_code: string | null;
  colour: string;
  raised_at: Timestamp;
  resolved_at: Timestamp | null;
}

/** A counter shared by the server processes (rate limits, unknown-username logins). */
export interface RateCountersTable {
  key: string;
  count: number;
  expires_at: Timestamp;
}

export interface DB extends ProjectTables, LivelihoodTables, SupervisionTables, ReportTables {
  regions: RegionsTable;
  region_revisions: RegionRevisionsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  rate_counters: RateCountersTable;
  indicators: IndicatorsTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_actuals: IndicatorActualsTable;
  indicator_actual_revisions: IndicatorActualRevisionsTable;
  indicator_settings: IndicatorSettingsTable;
  calendars: CalendarsTable;
  calendar_days: CalendarDaysTable;
  case_categories: CaseCategoriesTable;
  case_category_towns: CaseCategoryTownsTable;
  case_natures: CaseNaturesTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_attachments: CaseAttachmentsTable;
  case_rollups: CaseRollupsTable;
  supervision_notices: SupervisionNoticesTable;
}
