/**
 * Table types of the projects domain; they mirror its migration. `DB` in schema.ts extends this.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb columns are written as JSON text and read back as parsed values. */
type Json<T> = ColumnType<T, string, string>;

/** A tag class of a district (产业, 基础设施 …). */
export interface ProjectTagsTable {
  district_code: string;
  code: string;
  name: string;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
}

/** A key project. */
export interface ProjectsTable {
  district_code: string;
  id: Generated<number>;
  code: string;
  name: string;
  level: string;
  town_code: string | null;
  region_path: string;
  owner_unit: string;
  owner_department_code: string | null;
  location: Generated<string>;
  total_investment: number;
  description: Generated<string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A project's tag. */
export interface ProjectTagLinksTable {
  district_code: string;
  project_id: number;
  tag_code: string;
}

/** Planned and actual dates of one stage. */
export interface ProjectMilestonesTable {
  district_code: string;
  project_id: number;
  stage: string;
  planned_date: string | null;
  actual_date: string | null;
}

/** A request to record a stage's actual date, and its decision. */
export interface ProjectStageRequestsTable {
  district_code: string;
  id: Generated<number>;
  project_id: number;
  stage: string;
  actual_date: string;
  note: Generated<string>;
  state: Generated<string>;
  requested_by: string | null;
  requested_by_label: string;
  requested_at: Generated<Date>;
  /** The approver rule when filed: the project's level and town then. */
  approver_level: string;
  approver_town_code: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  version: Generated<number>;
}

/** A year's planned investment (optionally by month). */
export interface ProjectYearPlansTable {
  district_code: string;
  project_id: number;
  year: number;
  planned_investment: number;
  monthly_plan: Json<number[] | null> | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

/** A monthly report (the current revision). */
export interface ProjectReportsTable {
  district_code: string;
  project_id: number;
  year: number;
  month: number;
  completed_investment: number;
  progress_percent: number | null;
  progress: string;
  note: string;
  revision: number;
  reported_at: Timestamp;
  reported_by: string;
}

/** Every revision of a monthly report. */
export type ProjectReportRevisionsTable = ProjectReportsTable;

/** A problem raised on a project and the supervision item it became. */
export interface ProjectProblemsTable {
  district_code: string;
  id: Generated<number>;
  project_id: number;
  title: string;
  description: Generated<string>;
  raised_by_label: string;
  raised_at: Generated<Date>;
  supervision_item_id: number | null;
  supervision_item_code: string | null;
}

/** A district's light thresholds. */
export interface ProjectSettingsTable {
  district_code: string;
  thresholds: Json<Record<string, number>>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

/** The projects tables by name. */
export interface ProjectTables {
  project_tags: ProjectTagsTable;
  projects: ProjectsTable;
  project_tag_links: ProjectTagLinksTable;
  project_milestones: ProjectMilestonesTable;
  project_stage_requests: ProjectStageRequestsTable;
  project_year_plans: ProjectYearPlansTable;
  project_reports: ProjectReportsTable;
  project_report_revisions: ProjectReportRevisionsTable;
  project_problems: ProjectProblemsTable;
  project_settings: ProjectSettingsTable;
}

export type { Generated, Json, Timestamp };
