/**
 * SQL of the projects domain: tags, the library, milestones, stage requests, year plans,
 * monthly reports with their revisions, problems and thresholds.
 */
import type { Selectable } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';
import type {
  ProjectMilestonesTable,
  ProjectProblemsTable,
  ProjectReportsTable,
  ProjectStageRequestsTable,
  ProjectTagsTable,
  ProjectYearPlansTable,
  ProjectsTable,
} from '@/db/schema-projects.js';

/** A tag class row. */
export type TagRow = Selectable<ProjectTagsTable>;
/** A project row. */
export type ProjectRow = Selectable<ProjectsTable>;
/** A milestone row. */
export type MilestoneRow = Selectable<ProjectMilestonesTable>;
/** A stage request row. */
export type StageRequestRow = Selectable<ProjectStageRequestsTable>;
/** A year plan row. */
export type YearPlanRow = Selectable<ProjectYearPlansTable>;
/** A monthly report row (current or a revision). */
export type ReportRow = Selectable<ProjectReportsTable>;
/** A problem row. */
export type ProblemRow = Selectable<ProjectProblemsTable>;

// ---------------------------------------------------------------------------------------
// Tags and settings

/** The tag classes of a district in display order. */
export async function listTagRows(db: Executor, districtCode: string): Promise<TagRow[]> {
  return db.selectFrom('project_tags').selectAll().where('district_code', '=', districtCode).orderBy('sort_order').orderBy('code').execute();
}

/** Adds the tags a district lacks (by code); returns how many were added. */
export async function insertMissingTagRows(tx: Tx, rows: { district_code: string; code: string; name: string; sort_order: number }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await tx.insertInto('project_tags').values(rows).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Inserts a tag class. */
export async function insertTagRow(tx: Tx, row: { district_code: string; code: string; name: string; sort_order: number; active: boolean }): Promise<TagRow> {
  return tx.insertInto('project_tags').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Changes a tag class at `version`; undefined when the version moved on. */
export async function updateTagRow(
  tx: Tx,
  key: { district_code: string; code: string; version: number },
  patch: { name: string; sort_order: number; active: boolean },
): Promise<TagRow | undefined> {
  return tx
    .updateTable('project_tags')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('district_code', '=', key.district_code)
    .where('code', '=', key.code)
    .where('version', '=', key.version)
    .returningAll()
    .executeTakeFirst();
}

/** A district's stored thresholds, if any. */
export async function findSettingsRow(db: Executor, districtCode: string): Promise<{ thresholds: Record<string, number>; version: number } | undefined> {
  return db.selectFrom('project_settings').select(['thresholds', 'version']).where('district_code', '=', districtCode).executeTakeFirst();
}

/** Stores a district's thresholds. */
export async function saveSettingsRow(tx: Tx, districtCode: string, thresholds: Record<string, number>): Promise<void> {
  await tx
    .insertInto('project_settings')
    .values({ district_code: districtCode, thresholds: JSON.stringify(thresholds) })
    .onConflict((oc) =>
      oc.column('district_code').doUpdateSet((eb) => ({ thresholds: JSON.stringify(thresholds), version: eb('project_settings.version', '+', 1), updated_at: new Date() })),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------
// Projects

/** Projects of a district under a region path prefix, by code. */
export async function listProjectRows(db: Executor, districtCode: string, pathPrefix: string): Promise<ProjectRow[]> {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('district_code', '=', districtCode)
    .where('region_path', 'like', `${pathPrefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
    .orderBy('code')
    .execute();
}

/** How many projects a district has. */
export async function countProjectRows(db: Executor, districtCode: string): Promise<number> {
  const row = await db.selectFrom('projects').select((eb) => eb.fn.countAll<string>().as('n')).where('district_code', '=', districtCode).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One project by id. */
export async function findProjectRow(db: Executor, districtCode: string, id: number): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('district_code', '=', districtCode).where('id', '=', id).executeTakeFirst();
}

/** One project by code. */
export async function findProjectRowByCode(db: Executor, districtCode: string, code: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('district_code', '=', districtCode).where('code', '=', code).executeTakeFirst();
}

/** The columns a project is written with. */
export type ProjectValues = Omit<ProjectRow, 'id' | 'version' | 'created_at' | 'updated_at'>;

/** Inserts a project. */
export async function insertProjectRow(tx: Tx, values: ProjectValues): Promise<ProjectRow> {
  return tx.insertInto('projects').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Changes a project at `version`; undefined when the version moved on. */
export async function updateProjectRow(tx: Tx, key: { district_code: string; id: number; version: number }, values: Partial<ProjectValues>): Promise<ProjectRow | undefined> {
  return tx
    .updateTable('projects')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .returningAll()
    .executeTakeFirst();
}

/** Locks a project's row for the rest of the transaction (stage requests and decisions serialise on it). */
export async function lockProjectRow(tx: Tx, districtCode: string, id: number): Promise<ProjectRow | undefined> {
  return tx.selectFrom('projects').selectAll().where('district_code', '=', districtCode).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Moves a project's version on (a change below it: milestones, reports). */
export async function touchProjectRow(tx: Tx, districtCode: string, id: number): Promise<void> {
  await tx
    .updateTable('projects')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('district_code', '=', districtCode)
    .where('id', '=', id)
    .execute();
}

/** Tag codes by project id. */
export async function listTagLinks(db: Executor, districtCode: string, projectIds?: number[]): Promise<Map<number, string[]>> {
  let query = db.selectFrom('project_tag_links').select(['project_id', 'tag_code']).where('district_code', '=', districtCode);
  if (projectIds) {
    if (projectIds.length === 0) return new Map();
    query = query.where('project_id', 'in', projectIds);
  }
  const map = new Map<number, string[]>();
  for (const row of await query.orderBy('tag_code').execute()) map.set(row.project_id, [...(map.get(row.project_id) ?? []), row.tag_code]);
  return map;
}

/** Replaces a project's tags. */
export async function replaceTagLinks(tx: Tx, districtCode: string, projectId: number, codes: string[]): Promise<void> {
  await tx.deleteFrom('project_tag_links').where('district_code', '=', districtCode).where('project_id', '=', projectId).execute();
  if (codes.length > 0) {
    await tx
      .insertInto('project_tag_links')
      .values(codes.map((tag_code) => ({ district_code: districtCode, project_id: projectId, tag_code })))
      .execute();
  }
}

// ---------------------------------------------------------------------------------------
// Milestones and stage requests

/** Milestones of some projects (all of a district without ids). */
export async function listMilestoneRows(db: Executor, districtCode: string, projectIds?: number[]): Promise<MilestoneRow[]> {
  let query = db.selectFrom('project_milestones').selectAll().where('district_code', '=', districtCode);
  if (projectIds) {
    if (projectIds.length === 0) return [];
    query = query.where('project_id', 'in', projectIds);
  }
  return query.execute();
}

/** Writes a project's milestones (planned and actual dates per stage), replacing the stored set. */
export async function replaceMilestoneRows(tx: Tx, districtCode: string, projectId: number, rows: MilestoneRow[]): Promise<void> {
  await tx.deleteFrom('project_milestones').where('district_code', '=', districtCode).where('project_id', '=', projectId).execute();
  if (rows.length > 0) await tx.insertInto('project_milestones').values(rows).execute();
}

/** Sets one stage's actual date. */
export async function setActualDate(tx: Tx, districtCode: string, projectId: number, stage: string, date: string): Promise<void> {
  await tx
    .insertInto('project_milestones')
    .values({ district_code: districtCode, project_id: projectId, stage, planned_date: null, actual_date: date })
    .onConflict((oc) => oc.columns(['district_code', 'project_id', 'stage']).doUpdateSet({ actual_date: date }))
    .execute();
}

/** Stage requests of a district, newest first, optionally of one project or in one state. */
export async function listRequestRows(db: Executor, districtCode: string, filter: { projectId?: number; state?: string }): Promise<StageRequestRow[]> {
  let query = db.selectFrom('project_stage_requests').selectAll().where('district_code', '=', districtCode);
  if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
  if (filter.state) query = query.where('state', '=', filter.state);
  return query.orderBy('id', 'desc').execute();
}

/** One stage request. */
export async function findRequestRow(db: Executor, districtCode: string, id: number): Promise<StageRequestRow | undefined> {
  return db.selectFrom('project_stage_requests').selectAll().where('district_code', '=', districtCode).where('id', '=', id).executeTakeFirst();
}

/** Files a stage request. */
export async function insertRequestRow(
  tx: Tx,
  values: {
    district_code: string;
    project_id: number;
    stage: string;
    actual_date: string;
    note: string;
    requested_by: string | null;
    requested_by_label: string;
    requested_at?: Date;
    approver_level: string;
    approver_town_code: string | null;
  },
): Promise<StageRequestRow> {
  return tx.insertInto('project_stage_requests').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Decides a pending request at `version`; undefined when it is no longer that. */
export async function decideRequestRow(
  tx: Tx,
  key: { district_code: string; id: number; version: number },
  decision: { state: 'approved' | 'rejected'; decided_by: string | null; decided_by_label: string; decided_at: Date; decision_note: string | null },
): Promise<StageRequestRow | undefined> {
  return tx
    .updateTable('project_stage_requests')
    .set((eb) => ({ ...decision, version: eb('version', '+', 1) }))
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .where('state', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------
// Year plans and reports

/** Year plans of a year (all projects of a district, or some). */
export async function listYearPlanRows(db: Executor, districtCode: string, filter: { year?: number; projectId?: number }): Promise<YearPlanRow[]> {
  let query = db.selectFrom('project_year_plans').selectAll().where('district_code', '=', districtCode);
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
  return query.orderBy('year').execute();
}

/** Creates or replaces a year plan (the caller checked the version). */
export async function saveYearPlanRow(tx: Tx, row: { district_code: string; project_id: number; year: number; planned_investment: number; monthly_plan: number[] | null }): Promise<YearPlanRow> {
  const monthly = row.monthly_plan === null ? null : JSON.stringify(row.monthly_plan);
  return tx
    .insertInto('project_year_plans')
    .values({ ...row, monthly_plan: monthly })
    .onConflict((oc) =>
      oc.columns(['district_code', 'project_id', 'year']).doUpdateSet((eb) => ({
        planned_investment: row.planned_investment,
        monthly_plan: monthly,
        version: eb('project_year_plans.version', '+', 1),
        updated_at: new Date(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Reports of a district (optionally a year, one project, up to a month of that year). */
export async function listReportRows(db: Executor, districtCode: string, filter: { year?: number; projectId?: number }): Promise<ReportRow[]> {
  let query = db.selectFrom('project_reports').selectAll().where('district_code', '=', districtCode);
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
  return query.orderBy('year').orderBy('month').execute();
}

/** One month's current report. */
export async function findReportRow(db: Executor, key: { district_code: string; project_id: number; year: number; month: number }): Promise<ReportRow | undefined> {
  return db
    .selectFrom('project_reports')
    .selectAll()
    .where('district_code', '=', key.district_code)
    .where('project_id', '=', key.project_id)
    .where('year', '=', key.year)
    .where('month', '=', key.month)
    .executeTakeFirst();
}

/** Stores a report as its newest revision, keeping every revision. */
export async function saveReportRows(tx: Tx, rows: ReportRow[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await tx
      .insertInto('project_reports')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['district_code', 'project_id', 'year', 'month']).doUpdateSet((eb) => ({
          completed_investment: eb.ref('excluded.completed_investment'),
          progress_percent: eb.ref('excluded.progress_percent'),
          progress: eb.ref('excluded.progress'),
          note: eb.ref('excluded.note'),
          revision: eb.ref('excluded.revision'),
          reported_at: eb.ref('excluded.reported_at'),
          reported_by: eb.ref('excluded.reported_by'),
        })),
      )
      .execute();
    await tx.insertInto('project_report_revisions').values(chunk).execute();
  }
}

/** Every revision of one month's report, newest first. */
export async function listReportRevisionRows(db: Executor, key: { district_code: string; project_id: number; year: number; month: number }): Promise<ReportRow[]> {
  return db
    .selectFrom('project_report_revisions')
    .selectAll()
    .where('district_code', '=', key.district_code)
    .where('project_id', '=', key.project_id)
    .where('year', '=', key.year)
    .where('month', '=', key.month)
    .orderBy('revision', 'desc')
    .execute();
}

// ---------------------------------------------------------------------------------------
// Problems

/** Problems of a district (optionally one project), newest first. */
export async function listProblemRows(db: Executor, districtCode: string, projectId?: number): Promise<ProblemRow[]> {
  let query = db.selectFrom('project_problems').selectAll().where('district_code', '=', districtCode);
  if (projectId !== undefined) query = query.where('project_id', '=', projectId);
  return query.orderBy('id', 'desc').execute();
}

/** Records a problem. */
export async function insertProblemRow(
  tx: Tx,
  values: { district_code: string; project_id: number; title: string; description: string; raised_by_label: string; supervision_item_id: number | null; supervision_item_code: string | null; raised_at?: Date },
): Promise<ProblemRow> {
  return tx.insertInto('project_problems').values(values).returningAll().executeTakeFirstOrThrow();
}
