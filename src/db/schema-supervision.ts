/**
 * Table types of the supervision domain; they mirror its migration. `DB` in schema.ts extends this.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb columns are written as JSON text and read back as parsed values. */
type Json<T> = ColumnType<T, string, string>;
/** Calendar dates, stored as `YYYY-MM-DD` text. */
type DateText = ColumnType<string, string, string>;

/** A unit as stored in `assisting_units`. */
export interface StoredUnit {
  kind: 'department' | 'region';
  code: string;
}

/** `supervision_items`: one 督办事项 (including 人大代表建议). */
export interface SupervisionItemsTable {
  district_code: string;
  id: Generated<number>;
  code: string;
  source_type: string;
  source_id: string | null;
  title: string;
  description: Generated<string>;
  region_code: string;
  region_path: string;
  lead_kind: string;
  lead_code: string;
  assisting_units: Json<StoredUnit[]>;
  deadline: DateText;
  feedback_interval_days: number | null;
  last_feedback_at: Timestamp | null;
  progress: Generated<number>;
  state: string;
  colour: string;
  notice_level: string | null;
  overdue_at: Timestamp | null;
  assigned_at: Timestamp | null;
  completed_at: Timestamp | null;
  completed_on_time: boolean | null;
  /** The last application for completion (提交办结申请); on-time is judged from it. */
  submitted_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  reject_count: Generated<number>;
  deputy_name: string | null;
  deputy_user_id: string | null;
  met_on: DateText | null;
  replied_on: DateText | null;
  satisfaction: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** `supervision_item_events`: the timeline of an item. */
export interface SupervisionItemEventsTable {
  district_code: string;
  id: Generated<number>;
  item_id: number;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  progress: number | null;
  data: Json<unknown> | null;
}

/** `supervision_item_notices`: each 三色督办单 issued to an item, at most one per colour. */
export interface SupervisionItemNoticesTable {
  district_code: string;
  id: Generated<number>;
  item_id: number;
  colour: string;
  lead_kind: string;
  lead_code: string;
  reason: string;
  issued_at: Timestamp;
}

/** The supervision tables by name. */
export interface SupervisionTables {
  supervision_items: SupervisionItemsTable;
  supervision_item_events: SupervisionItemEventsTable;
  supervision_item_notices: SupervisionItemNoticesTable;
}

export type { Generated, Json, Timestamp };
