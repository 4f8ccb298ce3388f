/**
 * 重点项目: the project library, milestones with approval, monthly reports and traffic lights.
 *
 * Periods: the library is rated "after month n" of a year. By default n is the last complete
 * month in China time (on 2026-11-22 that is October 2026): year-to-date investment sums the
 * monthly reports of months 1…n, time progress is n/12, and start of works is judged in the
 * month after n (the current month). A report for a month after the current one is
 * FUTURE_PERIOD; the current (unfinished) month may be reported.
 */
import type { Db, Tx } from '@/db/database.js';
import { recordChanges } from '@/domains/audit/audit-service.js';
import { getDepartment, listDepartments } from '@/domains/departments/departments-service.js';
import { districtOfActor, listDistrictAndTowns, resolveRegion } from '@/domains/regions/regions-service.js';
import { raiseProjectSupervisionItem } from '@/domains/supervision/supervision-service.js';
import { isInScope, type Actor } from '@/shared/actor.js';
import { AppError, fromDatabaseError, isAppError, notFound } from '@/shared/errors.js';
import { DEFAULT_PROJECT_TAGS, PROJECT_STAGES, STAGE_LABELS, type ProjectLight, type ProjectStage, type StallKind } from '@/shared/project-vocabulary.js';
import {
  DEFAULT_PROJECT_THRESHOLDS,
  currentStage,
  findOrderProblem,
  isHalfwayByJune,
  rateProject,
  stallOf,
  type ProjectLightThresholds,
  type ProjectRating,
  type StageDates,
  type YearMonth,
} from './project-lights.js';
import {
  assertCanConfigure,
  assertCanCreateProject,
  assertCanDecideStage,
  assertCanEditProject,
  assertCanRelocateProject,
  canApproveStage,
  canEditProject,
  type ProjectAccessFacts,
} from './projects-policy.js';
import {
  presentProblem,
  presentReport,
  presentRequest,
  presentSummary,
  presentTag,
  type ProjectSummaryView,
} from './projects-presenter.js';
import {
  countProjectRows,
  decideRequestRow,
  findProjectRow,
  findProjectRowByCode,
  findReportRow,
  findRequestRow,
  findSettingsRow,
  insertMissingTagRows,
  insertProblemRow,
  insertProjectRow,
  insertRequestRow,
  insertTagRow,
  listMilestoneRows,
  listProblemRows,
  listProjectRows,
  listReportRevisionRows,
  listReportRows,
  listRequestRows,
  listTagLinks,
  listTagRows,
  listYearPlanRows,
  lockProjectRow,
  replaceMilestoneRows,
  replaceTagLinks,
  saveReportRows,
  saveSettingsRow,
  saveYearPlanRow,
  setActualDate,
  touchProjectRow,
  updateProjectRow,
  updateTagRow,
  type MilestoneRow,
  type ProjectRow,
  type StageRequestRow,
  type ReportRow,
  type YearPlanRow,
} from './projects-repository.js';
import type {
  CreateProjectInput,
  DecisionInput,
  ListProjectsQuery,
  ProblemInput,
  ReportInput,
  SaveTagInput,
  SaveYearPlanInput,
  StageRequestInput,
  ThresholdsInput,
  UpdateProjectInput,
} from './projects-schemas.js';

// ---------------------------------------------------------------------------------------
// Time (China Standard Time, UTC+8, no daylight saving)

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The calendar date in China, `YYYY-MM-DD`. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The year and month in China. */
export function chinaMonth(now: Date): YearMonth {
  const date = chinaDate(now);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

function addMonths(p: YearMonth, delta: number): YearMonth {
  const index = p.year * 12 + (p.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The period the library is rated after by default: the last complete month. */
export function defaultPeriod(now: Date): YearMonth {
  return addMonths(chinaMonth(now), -1);
}

// ---------------------------------------------------------------------------------------
// Shared lookups

async function districtOf(db: Db, actor: Actor, requested?: string): Promise<string> {
  return districtOfActor({ db, actor, requested });
}

function factsOf(row: ProjectRow): ProjectAccessFacts {
  return { districtCode: row.district_code, level: row.level, townCode: row.town_code, ownerDepartmentCode: row.owner_department_code };
}

/** A project in the actor's scope, or NOT_FOUND (also for one outside the scope). */
async function projectInScope(db: Db, actor: Actor, id: number, districtCode?: string): Promise<ProjectRow> {
  const district = districtCode ?? (await districtOf(db, actor));
  const row = await findProjectRow(db, district, id);
  if (!row || !isInScope(actor, row.region_path)) throw new AppError('NOT_FOUND', `project ${id} not found`, { userMessage: `未找到项目 ${id}` });
  return row;
}

/**
 * Throws NOT_FOUND unless `ref` is the id of a project of the district in the actor's scope
 * (the supervision board checks a project source id with it).
 */
export async function checkProjectVisible(options: { db: Db; actor: Actor; districtCode: string; ref: string; field?: string }): Promise<void> {
  const row = /^[0-9]{1,9}$/.test(options.ref) ? await findProjectRow(options.db, options.districtCode, Number(options.ref)) : undefined;
  if (!row || !isInScope(options.actor, row.region_path)) {
    throw new AppError('NOT_FOUND', `project ${options.ref} not found`, { field: options.field, userMessage: `未找到项目 ${options.ref}` });
  }
}

async function thresholdsOf(db: Db, districtCode: string): Promise<ProjectLightThresholds> {
  const stored = await findSettingsRow(db, districtCode);
  return { ...DEFAULT_PROJECT_THRESHOLDS, ...(stored?.thresholds ?? {}) };
}

function stageDatesOf(rows: MilestoneRow[], kind: 'planned_date' | 'actual_date'): StageDates {
  const dates: StageDates = {};
  for (const row of rows) dates[row.stage as ProjectStage] = row[kind];
  return dates;
}

/** Resolves where a project lies: its town (which must be a town in scope) or the district. */
async function placeOf(db: Db, actor: Actor, districtCode: string, level: string, townCode: string | null | undefined): Promise<{ townCode: string | null; path: string }> {
  if (!townCode) {
    if (level === 'town') throw new AppError('VALIDATION_FAILED', 'a town project needs its town', { field: 'townCode', userMessage: '镇级项目须填写所在镇街' });
    return { townCode: null, path: `/${districtCode}/` };
  }
  const region = await resolveRegion({ db, actor, code: townCode, field: 'townCode' });
  if (region.level !== 'town' || region.districtCode !== districtCode) {
    throw new AppError('VALIDATION_FAILED', `${townCode} is not a town of ${districtCode}`, { field: 'townCode', userMessage: '所在地须为本区县的镇街' });
  }
  return { townCode: region.code, path: region.path };
}

async function checkTags(db: Db, districtCode: string, tags: string[] | undefined): Promise<string[]> {
  if (!tags) return [];
  const known = new Set((await listTagRows(db, districtCode)).filter((t) => t.active).map((t) => t.code));
  const unique = [...new Set(tags)];
  unique.forEach((tag, i) => {
    if (!known.has(tag)) throw new AppError('VALIDATION_FAILED', `unknown tag ${tag}`, { field: `tags.${i}`, userMessage: `项目分类 ${tag} 不存在或已停用` });
  });
  return unique;
}

function assertNotFuture(date: string, today: string, field: string): void {
  if (date > today) throw new AppError('VALIDATION_FAILED', `${date} is in the future`, { field, userMessage: `实际日期 ${date} 不能晚于今天` });
}

function outOfOrder(dates: StageDates, fieldOf: (stage: ProjectStage) => string): void {
  const problem = findOrderProblem(dates);
  if (problem) {
    throw new AppError('MILESTONE_OUT_OF_ORDER', problem.message, { field: fieldOf(problem.stage), userMessage: problem.message, details: problem });
  }
}

// ---------------------------------------------------------------------------------------
// Tags and thresholds

/** Gives a district the default tag classes it lacks (产业, 基础设施, 民生, 生态). */
export async function ensureDefaultTags(options: { db: Db; actor: Actor; districtCode: string }): Promise<number> {
  const { db, actor, districtCode } = options;
  return db.transaction().execute(async (tx) => {
    const added = await insertMissingTagRows(
      tx,
      DEFAULT_PROJECT_TAGS.map((t, i) => ({ district_code: districtCode, code: t.code, name: t.name, sort_order: (i + 1) * 10 })),
    );
    if (added > 0) {
      await recordChanges(tx, actor, [{ districtCode, action: 'project_tags.defaults', entityType: 'project_tag', entityId: districtCode, before: null, after: { added } }]);
    }
    return added;
  });
}

/** The tag classes of the actor's district. */
export async function listTags(options: { db: Db; actor: Actor; district?: string }) {
  const districtCode = await districtOf(options.db, options.actor, options.district);
  return (await listTagRows(options.db, districtCode)).map(presentTag);
}

/** Creates or changes a tag class (district admin; send the version to change one). */
export async function saveTag(options: { db: Db; actor: Actor; code: string; input: SaveTagInput; district?: string }) {
  const { db, actor, code, input } = options;
  const districtCode = await districtOf(db, actor, options.district);
  assertCanConfigure(actor, districtCode);
  return db.transaction().execute(async (tx) => {
    const before = (await listTagRows(tx, districtCode)).find((t) => t.code === code);
    let after;
    if (!before) {
      after = await insertTagRow(tx, { district_code: districtCode, code, name: input.name, sort_order: input.sortOrder ?? 100, active: input.active ?? true });
    } else {
      if (input.version !== before.version) throw new AppError('CONFLICT', `tag ${code} is at version ${before.version}`, { field: 'version' });
      after = await updateTagRow(
        tx,
        { district_code: districtCode, code, version: before.version },
        { name: input.name, sort_order: input.sortOrder ?? before.sort_order, active: input.active ?? before.active },
      );
      if (!after) throw new AppError('CONFLICT', `tag ${code} changed meanwhile`, { field: 'version' });
    }
    await recordChanges(tx, actor, [{ districtCode, action: before ? 'project_tag.update' : 'project_tag.create', entityType: 'project_tag', entityId: code, before: before ?? null, after }]);
    return presentTag(after);
  });
}

/** The light thresholds in force in the actor's district. */
export async function getProjectThresholds(options: { db: Db; actor: Actor; district?: string }): Promise<ProjectLightThresholds> {
  return thresholdsOf(options.db, await districtOf(options.db, options.actor, options.district));
}

/** Sets the light thresholds of the district (district admin). */
export async function setProjectThresholds(options: { db: Db; actor: Actor; thresholds: ThresholdsInput; district?: string }): Promise<ProjectLightThresholds> {
  const { db, actor, thresholds } = options;
  const districtCode = await districtOf(db, actor, options.district);
  assertCanConfigure(actor, districtCode);
  return db.transaction().execute(async (tx) => {
    const before = await thresholdsOf(tx, districtCode);
    await saveSettingsRow(tx, districtCode, { ...thresholds });
    await recordChanges(tx, actor, [{ districtCode, action: 'project_settings.update', entityType: 'project_settings', entityId: districtCode, before, after: thresholds }]);
    return { ...thresholds };
  });
}

// ---------------------------------------------------------------------------------------
// The library and its ratings

/** Everything known about a project for a period, from which views are made. */
export interface ProjectFacts {
  row: ProjectRow;
  tags: string[];
  milestones: MilestoneRow[];
  plan: YearPlanRow | null;
  /** Completed investment by month of the period's year (index 0 = January). */
  monthly: (number | null)[];
  completedYtd: number;
  completedToJune: number;
  lastReportedMonth: number | null;
  stage: ProjectStage | null;
  stall: StallKind | null;
  rating: ProjectRating;
  halfway: boolean | null;
  canEdit: boolean;
}

async function loadFacts(
  db: Db,
  actor: Actor,
  districtCode: string,
  rows: ProjectRow[],
  period: YearMonth,
  thresholds: ProjectLightThresholds,
): Promise<ProjectFacts[]> {
  const ids = rows.map((r) => r.id);
  const single = rows.length === 1 ? rows[0]?.id : undefined;
  const [tags, milestones, plans, reports] = await Promise.all([
    listTagLinks(db, districtCode, ids),
    listMilestoneRows(db, districtCode, ids),
    listYearPlanRows(db, districtCode, { year: period.year, projectId: single }),
    listReportRows(db, districtCode, { year: period.year, projectId: single }),
  ]);
  const milestonesOf = new Map<number, MilestoneRow[]>();
  for (const m of milestones) milestonesOf.set(m.project_id, [...(milestonesOf.get(m.project_id) ?? []), m]);
  const planOf = new Map(plans.map((p) => [p.project_id, p]));
  const reportsOf = new Map<number, ReportRow[]>();
  for (const r of reports) reportsOf.set(r.project_id, [...(reportsOf.get(r.project_id) ?? []), r]);
  const today = addMonths(period, 1);
  return rows.map((row) => {
    const ms = milestonesOf.get(row.id) ?? [];
    const actual = stageDatesOf(ms, 'actual_date');
    const planned = stageDatesOf(ms, 'planned_date');
    const plan = planOf.get(row.id) ?? null;
    const monthly: (number | null)[] = Array.from({ length: 12 }, () => null);
    let lastReportedMonth: number | null = null;
    for (const r of reportsOf.get(row.id) ?? []) {
      monthly[r.month - 1] = r.completed_investment;
      if (r.month <= period.month) lastReportedMonth = Math.max(lastReportedMonth ?? 0, r.month);
    }
    const sumTo = (n: number) => monthly.slice(0, n).reduce<number>((a, b) => a + (b ?? 0), 0);
    const completedYtd = sumTo(period.month);
    const completedToJune = sumTo(6);
    const plannedThisYear = plan?.planned_investment ?? null;
    const rating = rateProject({
      plannedThisYear,
      completedYtd,
      reportMonth: period.month,
      plannedStart: planned.started ?? null,
      actualStart: actual.started ?? null,
      today,
      thresholds,
    });
    return {
      row,
      tags: tags.get(row.id) ?? [],
      milestones: ms,
      plan,
      monthly,
      completedYtd,
      completedToJune,
      lastReportedMonth,
      stage: currentStage(actual),
      stall: stallOf(actual),
      rating,
      halfway: period.month >= 6 ? isHalfwayByJune(completedToJune, plannedThisYear) : null,
      canEdit: canEditProject(actor, factsOf(row)),
    };
  });
}

function matches(f: ProjectFacts, q: ListProjectsQuery): boolean {
  if (q.level && f.row.level !== q.level) return false;
  if (q.tag && !f.tags.includes(q.tag)) return false;
  if (q.town && f.row.town_code !== q.town) return false;
  if (q.department && f.row.owner_department_code !== q.department) return false;
  if (q.stage && (f.stage ?? 'none') !== q.stage) return false;
  if (q.light && f.rating.light !== q.light) return false;
  if (q.stall && f.stall !== q.stall) return false;
  if (q.q && !`${f.row.code} ${f.row.name} ${f.row.owner_unit} ${f.row.location}`.includes(q.q)) return false;
  return true;
}

/** Totals over a list of projects. */
export interface LibraryTotals {
  count: number;
  totalInvestment: number;
  plannedThisYear: number;
  completedYtd: number;
  /** completedYtd / plannedThisYear over projects with a plan; null without any plan. */
  completion: number | null;
  timeProgress: number;
  lights: Record<ProjectLight, number>;
  /** Projects past half at the end of June (双过半), of those with a plan, from June on. */
  halfway: { passed: number; rated: number } | null;
}

function totalsOf(list: ProjectFacts[], period: YearMonth): LibraryTotals {
  const lights: Record<ProjectLight, number> = { green: 0, yellow: 0, red: 0, none: 0 };
  let planned = 0;
  let completedPlanned = 0;
  let completed = 0;
  let passed = 0;
  let rated = 0;
  for (const f of list) {
    lights[f.rating.light] += 1;
    completed += f.completedYtd;
    if (f.plan && f.plan.planned_investment > 0) {
      planned += f.plan.planned_investment;
      completedPlanned += f.completedYtd;
    }
    if (f.halfway !== null) {
      rated += 1;
      if (f.halfway) passed += 1;
    }
  }
  return {
    count: list.length,
    totalInvestment: list.reduce((a, f) => a + f.row.total_investment, 0),
    plannedThisYear: planned,
    completedYtd: completed,
    completion: planned > 0 ? completedPlanned / planned : null,
    timeProgress: period.month / 12,
    lights,
    halfway: period.month >= 6 ? { passed, rated } : null,
  };
}

async function libraryFacts(options: { db: Db; actor: Actor; period?: Partial<YearMonth>; now?: Date; district?: string }) {
  const { db, actor } = options;
  const districtCode = await districtOf(db, actor, options.district);
  const fallback = defaultPeriod(options.now ?? new Date());
  const period: YearMonth = { year: options.period?.year ?? fallback.year, month: options.period?.month ?? (options.period?.year && options.period.year < fallback.year ? 12 : fallback.month) };
  const thresholds = await thresholdsOf(db, districtCode);
  const rows = await listProjectRows(db, districtCode, actor.regionPath === '/' ? '/' : actor.regionPath);
  const facts = await loadFacts(db, actor, districtCode, rows, period, thresholds);
  return { districtCode, period, thresholds, facts };
}

/** Names of towns and departments, for views. */
async function namesOf(db: Db, actor: Actor, districtCode: string) {
  const { towns } = await listDistrictAndTowns({ db, districtCode });
  const departments = await listDepartments({ db, actor });
  return {
    town: new Map(towns.map((t) => [t.code, t.name])),
    department: new Map(departments.filter((d) => d.districtCode === districtCode).map((d) => [d.code, d.name])),
    tag: new Map((await listTagRows(db, districtCode)).map((t) => [t.code, t.name])),
  };
}

/** A library entry of a stalled list. */
export interface StalledEntry {
  id: number;
  code: string;
  name: string;
  townName: string | null;
  /** The date the project entered the state (its last actual milestone). */
  since: string | null;
  /** The next stage's planned date, when it has passed (the project is late). */
  overdueSince: string | null;
}

/**
 * The library in the actor's scope, rated after a period (default: the last complete month),
 * filtered; with totals and the three stalled lists (签而未开, 开而未竣, 竣而未投) of the
 * filtered projects.
 */
export async function listProjects(options: { db: Db; actor: Actor; query?: ListProjectsQuery; now?: Date; district?: string }) {
  const query = options.query ?? {};
  const now = options.now ?? new Date();
  const { districtCode, period, facts } = await libraryFacts({ ...options, period: { year: query.year, month: query.month }, now });
  const names = await namesOf(options.db, options.actor, districtCode);
  const list = facts.filter((f) => matches(f, query));
  const today = chinaDate(now);
  const stalled = {} as Record<StallKind, StalledEntry[]>;
  for (const kind of ['signed_not_started', 'started_not_completed', 'completed_not_operating'] as const) {
    const next: ProjectStage = kind === 'signed_not_started' ? 'started' : kind === 'started_not_completed' ? 'completed' : 'operating';
    stalled[kind] = list
      .filter((f) => f.stall === kind)
      .map((f) => {
        const actual = stageDatesOf(f.milestones, 'actual_date');
        const planned = stageDatesOf(f.milestones, 'planned_date')[next] ?? null;
        return {
          id: f.row.id,
          code: f.row.code,
          name: f.row.name,
          townName: f.row.town_code ? (names.town.get(f.row.town_code) ?? null) : null,
          since: f.stage ? (actual[f.stage] ?? null) : null,
          overdueSince: planned !== null && planned < today ? planned : null,
        };
      })
      .sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''));
  }
  return {
    period,
    totals: totalsOf(list, period),
    projects: list.map((f) => presentSummary(f, names)),
    stalled,
  };
}

/** A project whose light is red or yellow, as the supervision board offers it as a source. */
export interface LaggingProject {
  id: number;
  code: string;
  name: string;
  regionCode: string;
  ownerDepartmentCode: string | null;
  light: 'yellow' | 'red';
  /** Why, in Chinese (e.g. 投资完成率落后序时进度 32.1 个百分点). */
  reason: string;
}

/** Projects in the actor's scope that are red or yellow now (the supervision board's source list). */
export async function listLaggingProjects(options: { db: Db; actor: Actor; now?: Date }): Promise<LaggingProject[]> {
  const { facts } = await libraryFacts({ db: options.db, actor: options.actor, now: options.now });
  return facts
    .filter((f) => f.rating.light === 'red' || f.rating.light === 'yellow')
    .sort((a, b) => (a.rating.light === b.rating.light ? a.row.code.localeCompare(b.row.code) : a.rating.light === 'red' ? -1 : 1))
    .map((f) => ({
      id: f.row.id,
      code: f.row.code,
      name: f.row.name,
      regionCode: f.row.town_code ?? f.row.district_code,
      ownerDepartmentCode: f.row.owner_department_code,
      light: f.rating.light as 'yellow' | 'red',
      reason: f.rating.reasons.filter((r) => !r.includes('达到序时') && !r.includes('基本正常')).join(';') || f.rating.reasons.join(';'),
    }));
}

/** One project with its milestones, plans, monthly series, requests and problems. */
export async function getProject(options: { db: Db; actor: Actor; id: number; year?: number; now?: Date }) {
  const { db, actor, id } = options;
  const now = options.now ?? new Date();
  const row = await projectInScope(db, actor, id);
  const districtCode = row.district_code;
  const fallback = defaultPeriod(now);
  const period: YearMonth = options.year && options.year !== fallback.year ? { year: options.year, month: options.year < fallback.year ? 12 : 1 } : fallback;
  const thresholds = await thresholdsOf(db, districtCode);
  const [facts] = await loadFacts(db, actor, districtCode, [row], period, thresholds);
  if (!facts) throw notFound('project', String(id));
  const names = await namesOf(db, actor, districtCode);
  const [plans, allReports, requests, problems] = await Promise.all([
    listYearPlanRows(db, districtCode, { projectId: id }),
    listReportRows(db, districtCode, { projectId: id }),
    listRequestRows(db, districtCode, { projectId: id }),
    listProblemRows(db, districtCode, id),
  ]);
  const plan = facts.plan;
  const plannedMonthly = Array.from({ length: 12 }, (_, i) => (plan ? (plan.monthly_plan?.[i] ?? plan.planned_investment / 12) : null));
  let cumPlanned = 0;
  let cumCompleted = 0;
  const lastMonth = period.year === fallback.year ? Math.max(period.month, facts.lastReportedMonth ?? 0) : 12;
  const months = plannedMonthly.map((planned, i) => {
    cumPlanned += planned ?? 0;
    const completed = facts.monthly[i] ?? null;
    cumCompleted += completed ?? 0;
    return {
      month: i + 1,
      planned,
      completed,
      cumulativePlanned: plan ? cumPlanned : null,
      cumulativeCompleted: i + 1 <= lastMonth ? cumCompleted : null,
    };
  });
  const milestones = PROJECT_STAGES.map((stage) => {
    const m = facts.milestones.find((x) => x.stage === stage);
    const pending = requests.find((r) => r.stage === stage && r.state === 'pending');
    return { stage, label: STAGE_LABELS[stage], plannedDate: m?.planned_date ?? null, actualDate: m?.actual_date ?? null, pendingRequestId: pending?.id ?? null };
  });
  const canApprove = canApproveStage(actor, factsOf(row));
  return {
    project: presentSummary(facts, names),
    period,
    milestones,
    months,
    completedToDate: allReports.reduce((a, r) => a + r.completed_investment, 0),
    plans: plans.map((p) => ({ year: p.year, plannedInvestment: p.planned_investment, monthlyPlan: p.monthly_plan, version: p.version })),
    reports: allReports.filter((r) => r.year === period.year).map(presentReport),
    requests: requests.map((r) => presentRequest(r, { canDecide: canApprove && r.state === 'pending' && !isRequesterOf(actor, r) })),
    problems: problems.map(presentProblem),
    permissions: { canEdit: facts.canEdit, canApprove },
  };
}

function isRequesterOf(actor: Actor, r: { requested_by: string | null; requested_by_label: string }): boolean {
  return actor.userId !== null ? actor.userId === r.requested_by : actor.label === r.requested_by_label;
}

// ---------------------------------------------------------------------------------------
// Changing the library

/** Adds a project (with planned dates, this year's planned investment and, for an admin, known actual dates). */
export async function createProject(options: { db: Db; actor: Actor; input: CreateProjectInput; now?: Date; district?: string }): Promise<ProjectSummaryView> {
  const { db, actor, input } = options;
  const now = options.now ?? new Date();
  const districtCode = await districtOf(db, actor, options.district);
  const place = await placeOf(db, actor, districtCode, input.level, input.townCode);
  const facts: ProjectAccessFacts = { districtCode, level: input.level, townCode: place.townCode, ownerDepartmentCode: input.ownerDepartmentCode ?? null };
  assertCanCreateProject(actor, facts);
  if (input.ownerDepartmentCode) await getDepartment({ db, districtCode, code: input.ownerDepartmentCode, field: 'ownerDepartmentCode' });
  const tags = await checkTags(db, districtCode, input.tags);
  const milestones = input.milestones ?? [];
  const seen = new Set<string>();
  const planned: StageDates = {};
  const actual: StageDates = {};
  const today = chinaDate(now);
  const indexOf = new Map<ProjectStage, number>();
  milestones.forEach((m, i) => {
    if (seen.has(m.stage)) throw new AppError('VALIDATION_FAILED', `stage ${m.stage} twice`, { field: `milestones.${i}.stage`, userMessage: `节点 ${STAGE_LABELS[m.stage]} 重复` });
    seen.add(m.stage);
    indexOf.set(m.stage, i);
    planned[m.stage] = m.plannedDate ?? null;
    actual[m.stage] = m.actualDate ?? null;
    if (m.actualDate) {
      assertNotFuture(m.actualDate, today, `milestones.${i}.actualDate`);
      if (actor.role !== 'admin') {
        throw new AppError('FORBIDDEN', 'only an admin records actual dates at creation', {
          field: `milestones.${i}.actualDate`,
          userMessage: '实际节点日期须通过节点变更申请并经审批后记录(系统管理员导入历史项目除外)',
        });
      }
    }
  });
  outOfOrder(planned, (s) => `milestones.${indexOf.get(s)}.plannedDate`);
  outOfOrder(actual, (s) => `milestones.${indexOf.get(s)}.actualDate`);
  if (await findProjectRowByCode(db, districtCode, input.code)) {
    throw new AppError('ALREADY_EXISTS', `project ${input.code} exists`, { field: 'code', userMessage: `项目编号 ${input.code} 已存在` });
  }
  const period = chinaMonth(now);
  return db.transaction().execute(async (tx) => {
    const row = await insertProjectRow(tx, {
      district_code: districtCode,
      code: input.code,
      name: input.name,
      level: input.level,
      town_code: place.townCode,
      region_path: place.path,
      owner_unit: input.ownerUnit,
      owner_department_code: input.ownerDepartmentCode ?? null,
      location: input.location ?? '',
      total_investment: input.totalInvestment,
      description: input.description ?? '',
    });
    await replaceTagLinks(tx, districtCode, row.id, tags);
    const milestoneRows = milestones.map((m) => ({ district_code: districtCode, project_id: row.id, stage: m.stage, planned_date: m.plannedDate ?? null, actual_date: m.actualDate ?? null }));
    await replaceMilestoneRows(tx, districtCode, row.id, milestoneRows);
    const plan = input.plannedThisYear !== undefined ? await saveYearPlanRow(tx, { district_code: districtCode, project_id: row.id, year: period.year, planned_investment: input.plannedThisYear, monthly_plan: null }) : null;
    await recordChanges(tx, actor, [
      { districtCode, action: 'project.create', entityType: 'project', entityId: String(row.id), before: null, after: { ...row, tags, milestones: milestoneRows, plan } },
    ]);
    return row;
  }).then(async (row) => {
    const names = await namesOf(db, actor, districtCode);
    const [facts] = await loadFacts(db, actor, districtCode, [row], defaultPeriod(now), await thresholdsOf(db, districtCode));
    return presentSummary(facts as ProjectFacts, names);
  });
}

/** Changes a project's details, tags and planned dates (send the version read). */
export async function updateProject(options: { db: Db; actor: Actor; id: number; input: UpdateProjectInput; now?: Date }) {
  const { db, actor, id, input } = options;
  const before = await projectInScope(db, actor, id);
  const districtCode = before.district_code;
  assertCanEditProject(actor, factsOf(before));
  // Level and town choose who approves stage changes: an editor may not pick its own approver.
  if ((input.level !== undefined && input.level !== before.level) || (input.townCode !== undefined && input.townCode !== before.town_code)) {
    assertCanRelocateProject(actor, districtCode, input.level !== undefined && input.level !== before.level ? 'level' : 'townCode');
  }
  const level = input.level ?? before.level;
  const place = input.townCode !== undefined || input.level !== undefined
    ? await placeOf(db, actor, districtCode, level, input.townCode !== undefined ? input.townCode : before.town_code)
    : { townCode: before.town_code, path: before.region_path };
  const ownerDepartmentCode = input.ownerDepartmentCode !== undefined ? input.ownerDepartmentCode : before.owner_department_code;
  // The editor must still be able to edit what it becomes (a town cannot hand a project away).
  assertCanEditProject(actor, { districtCode, level, townCode: place.townCode, ownerDepartmentCode });
  if (input.ownerDepartmentCode) await getDepartment({ db, districtCode, code: input.ownerDepartmentCode, field: 'ownerDepartmentCode' });
  const tags = input.tags ? await checkTags(db, districtCode, input.tags) : undefined;
  const milestones = await listMilestoneRows(db, districtCode, [id]);
  let newMilestones: MilestoneRow[] | undefined;
  if (input.plannedDates) {
    const byStage = new Map(milestones.map((m) => [m.stage, { ...m }]));
    const indexOf = new Map<string, number>();
    input.plannedDates.forEach((p, i) => {
      indexOf.set(p.stage, i);
      const m = byStage.get(p.stage) ?? { district_code: districtCode, project_id: id, stage: p.stage, planned_date: null, actual_date: null };
      m.planned_date = p.plannedDate;
      byStage.set(p.stage, m);
    });
    newMilestones = [...byStage.values()].filter((m) => m.planned_date !== null || m.actual_date !== null);
    outOfOrder(stageDatesOf(newMilestones, 'planned_date'), (s) => `plannedDates.${indexOf.get(s) ?? 0}.plannedDate`);
  }
  return db.transaction().execute(async (tx) => {
    const after = await updateProjectRow(
      tx,
      { district_code: districtCode, id, version: input.version },
      {
        name: input.name ?? before.name,
        level,
        town_code: place.townCode,
        region_path: place.path,
        owner_unit: input.ownerUnit ?? before.owner_unit,
        owner_department_code: ownerDepartmentCode,
        location: input.location ?? before.location,
        total_investment: input.totalInvestment ?? before.total_investment,
        description: input.description ?? before.description,
      },
    );
    if (!after) throw new AppError('CONFLICT', `project ${id} is not at version ${input.version}`, { field: 'version' });
    if (tags) await replaceTagLinks(tx, districtCode, id, tags);
    if (newMilestones) await replaceMilestoneRows(tx, districtCode, id, newMilestones);
    await recordChanges(tx, actor, [
      { districtCode, action: 'project.update', entityType: 'project', entityId: String(id), before: { ...before, milestones }, after: { ...after, tags, milestones: newMilestones } },
    ]);
    return { id, version: after.version };
  });
}

/** Sets a year's planned investment (and optional monthly plan) of a project. */
export async function saveYearPlan(options: { db: Db; actor: Actor; id: number; year: number; input: SaveYearPlanInput }) {
  const { db, actor, id, year, input } = options;
  const project = await projectInScope(db, actor, id);
  assertCanEditProject(actor, factsOf(project));
  const districtCode = project.district_code;
  return db.transaction().execute(async (tx) => {
    const before = (await listYearPlanRows(tx, districtCode, { projectId: id, year }))[0];
    if (before && input.version !== before.version) throw new AppError('CONFLICT', `plan ${id}/${year} is at version ${before.version}`, { field: 'version' });
    const after = await saveYearPlanRow(tx, { district_code: districtCode, project_id: id, year, planned_investment: input.plannedInvestment, monthly_plan: input.monthlyPlan ?? null });
    await recordChanges(tx, actor, [{ districtCode, action: 'project_plan.save', entityType: 'project_year_plan', entityId: `${id}/${year}`, before: before ?? null, after }]);
    return { year, plannedInvestment: after.planned_investment, monthlyPlan: after.monthly_plan, version: after.version };
  });
}

/**
 * Reports (or revises) a month: investment completed in that month and physical progress.
 * A month after the current one is FUTURE_PERIOD; a revision keeps the earlier one.
 */
export async function reportProjectMonth(options: { db: Db; actor: Actor; id: number; input: ReportInput; now?: Date }) {
  const { db, actor, id, input } = options;
  const now = options.now ?? new Date();
  const project = await projectInScope(db, actor, id);
  assertCanEditProject(actor, factsOf(project));
  const current = chinaMonth(now);
  if (input.year * 12 + input.month > current.year * 12 + current.month) {
    throw new AppError('FUTURE_PERIOD', `${input.year}-${input.month} is after ${current.year}-${current.month}`, {
      field: 'month',
      userMessage: `不能填报未来月份(${input.year}年${input.month}月),当前为${current.year}年${current.month}月`,
    });
  }
  const districtCode = project.district_code;
  return db.transaction().execute(async (tx) => {
    const key = { district_code: districtCode, project_id: id, year: input.year, month: input.month };
    const before = await findReportRow(tx, key);
    const row: ReportRow = {
      ...key,
      completed_investment: input.completedInvestment,
      progress_percent: input.progressPercent ?? null,
      progress: input.progress ?? '',
      note: input.note ?? '',
      revision: (before?.revision ?? 0) + 1,
      reported_at: now,
      reported_by: actor.label,
    };
    await saveReportRows(tx, [row]);
    await touchProjectRow(tx, districtCode, id);
    await recordChanges(tx, actor, [
      { districtCode, action: before ? 'project_report.revise' : 'project_report.create', entityType: 'project_report', entityId: `${id}/${input.year}-${input.month}`, before: before ?? null, after: row },
    ]);
    return presentReport(row);
  });
}

/** Every revision of a month's report, newest first. */
export async function getReportHistory(options: { db: Db; actor: Actor; id: number; year: number; month: number }) {
  const project = await projectInScope(options.db, options.actor, options.id);
  const rows = await listReportRevisionRows(options.db, { district_code: project.district_code, project_id: options.id, year: options.year, month: options.month });
  return rows.map(presentReport);
}

/** Checks an actual date for a stage against the stored actual dates (the stage's own replaced). */
function checkActualDate(milestones: MilestoneRow[], stage: ProjectStage, date: string, today: string): void {
  assertNotFuture(date, today, 'actualDate');
  const actual = stageDatesOf(milestones, 'actual_date');
  actual[stage] = date;
  outOfOrder(actual, () => 'actualDate');
}

/**
 * Asks to record a stage's actual date (签约 … 投产). The date takes effect when the owner's
 * supervisor approves. Out-of-order dates are MILESTONE_OUT_OF_ORDER; a future date,
 * VALIDATION_FAILED; a second open request for the same stage, ALREADY_EXISTS.
 */
export async function requestStageChange(options: { db: Db; actor: Actor; id: number; input: StageRequestInput; now?: Date }) {
  const { db, actor, id, input } = options;
  const now = options.now ?? new Date();
  const project = await projectInScope(db, actor, id);
  assertCanEditProject(actor, factsOf(project));
  const districtCode = project.district_code;
  const duplicate = () => new AppError('ALREADY_EXISTS', `a request for ${input.stage} is pending`, { field: 'stage', userMessage: `${STAGE_LABELS[input.stage]}节点已有待审批的申请` });
  try {
    return await db.transaction().execute(async (tx) => {
      // The project row lock serialises requests and decisions of one project, so the checks
      // below see every committed request and date (the partial unique index backs it up).
      const locked = await lockProjectRow(tx, districtCode, id);
      if (!locked) throw new AppError('NOT_FOUND', `project ${id} not found`, { userMessage: `未找到项目 ${id}` });
      checkActualDate(await listMilestoneRows(tx, districtCode, [id]), input.stage, input.actualDate, chinaDate(now));
      const open = await listRequestRows(tx, districtCode, { projectId: id, state: 'pending' });
      if (open.some((r) => r.stage === input.stage)) throw duplicate();
      const row = await insertRequestRow(tx, {
        district_code: districtCode,
        project_id: id,
        stage: input.stage,
        actual_date: input.actualDate,
        note: input.note ?? '',
        requested_by: actor.userId,
        requested_by_label: actor.label,
        requested_at: now,
        // Who approves is fixed when asked: a later change of level or town does not move it.
        approver_level: locked.level,
        approver_town_code: locked.town_code,
      });
      await recordChanges(tx, actor, [{ districtCode, action: 'project_stage.request', entityType: 'project_stage_request', entityId: String(row.id), before: null, after: row }]);
      return presentRequest(row, { canDecide: false });
    });
  } catch (error) {
    if (!isAppError(error) && fromDatabaseError(error)?.code === 'ALREADY_EXISTS') throw duplicate();
    throw error;
  }
}

/** The approver rule a request was filed under (see {@link requestStageChange}). */
function approverFactsOf(project: ProjectRow, request: StageRequestRow): ProjectAccessFacts {
  return { districtCode: project.district_code, level: request.approver_level, townCode: request.approver_town_code, ownerDepartmentCode: project.owner_department_code };
}

/** Approves (recording the actual date) or rejects a stage request; never by its requester. */
export async function decideStageChange(options: { db: Db; actor: Actor; requestId: number; input: DecisionInput; now?: Date }) {
  const { db, actor, requestId, input } = options;
  const now = options.now ?? new Date();
  const districtCode = await districtOf(db, actor);
  const found = await findRequestRow(db, districtCode, requestId);
  if (!found) throw new AppError('NOT_FOUND', `stage request ${requestId} not found`, { userMessage: `未找到节点变更申请 ${requestId}` });
  const project = await projectInScope(db, actor, found.project_id, districtCode);
  return db.transaction().execute(async (tx) => {
    // Lock the project, then read the request and the dates again: a concurrent approval of
    // another stage cannot slip a date in between the order check and the write.
    await lockProjectRow(tx, districtCode, project.id);
    const request = (await findRequestRow(tx, districtCode, requestId)) as StageRequestRow;
    assertCanDecideStage(actor, approverFactsOf(project, request), { requestedBy: request.requested_by, requestedByLabel: request.requested_by_label });
    if (request.state !== 'pending') throw new AppError('PHASE_NOT_ALLOWED', `request ${requestId} is ${request.state}`, { userMessage: '该申请已审批' });
    if (request.version !== input.version) throw new AppError('CONFLICT', `request ${requestId} is at version ${request.version}`, { field: 'version' });
    const milestones = await listMilestoneRows(tx, districtCode, [project.id]);
    if (input.approve) checkActualDate(milestones, request.stage as ProjectStage, request.actual_date, chinaDate(now));
    const after = await decideRequestRow(
      tx,
      { district_code: districtCode, id: requestId, version: input.version },
      { state: input.approve ? 'approved' : 'rejected', decided_by: actor.userId, decided_by_label: actor.label, decided_at: now, decision_note: input.note ?? null },
    );
    if (!after) throw new AppError('CONFLICT', `request ${requestId} changed meanwhile`, { field: 'version' });
    const changes = [{ districtCode, action: input.approve ? 'project_stage.approve' : 'project_stage.reject', entityType: 'project_stage_request', entityId: String(requestId), before: request, after }];
    if (input.approve) {
      const milestoneBefore = milestones.find((m) => m.stage === request.stage) ?? null;
      await setActualDate(tx, districtCode, project.id, request.stage, request.actual_date);
      await touchProjectRow(tx, districtCode, project.id);
      changes.push({
        districtCode,
        action: 'project_milestone.actual',
        entityType: 'project_milestone',
        entityId: `${project.id}/${request.stage}`,
        before: milestoneBefore as never,
        after: { ...(milestoneBefore ?? { district_code: districtCode, project_id: project.id, stage: request.stage, planned_date: null }), actual_date: request.actual_date } as never,
      });
    }
    await recordChanges(tx, actor, changes);
    return presentRequest(after, { canDecide: false });
  });
}

/** Stage requests in the actor's scope (default: pending), each saying whether the actor may decide it. */
export async function listStageRequests(options: { db: Db; actor: Actor; state?: 'pending' | 'approved' | 'rejected' }) {
  const { db, actor } = options;
  const districtCode = await districtOf(db, actor);
  const projects = new Map((await listProjectRows(db, districtCode, actor.regionPath === '/' ? '/' : actor.regionPath)).map((p) => [p.id, p]));
  const rows = await listRequestRows(db, districtCode, { state: options.state ?? 'pending' });
  return rows
    .filter((r) => projects.has(r.project_id))
    .map((r) => {
      const project = projects.get(r.project_id) as ProjectRow;
      const canDecide = r.state === 'pending' && canApproveStage(actor, approverFactsOf(project, r)) && !isRequesterOf(actor, r);
      return { ...presentRequest(r, { canDecide }), projectCode: project.code, projectName: project.name, projectLevel: project.level };
    });
}

/**
 * Raises a problem on a project: it becomes a supervision item (督办) waiting for the office
 * (待交办), led by the project's owner department, else by its town; a district-wide project
 * with neither names its lead department in the problem (`leadDepartmentCode`), since no
 * account acts for the district as a unit. The problem keeps the item's id and code. Editors
 * of the project and supervisors may raise.
 */
export async function raiseProjectProblem(options: { db: Db; actor: Actor; id: number; input: ProblemInput; now?: Date }) {
  const { db, actor, id, input } = options;
  const now = options.now ?? new Date();
  const project = await projectInScope(db, actor, id);
  if (actor.role !== 'supervisor') assertCanEditProject(actor, factsOf(project));
  const districtCode = project.district_code;
  const today = chinaDate(now);
  if (input.deadline && input.deadline < today) throw new AppError('VALIDATION_FAILED', 'deadline in the past', { field: 'deadline', userMessage: '办理期限不能早于今天' });
  const deadline = input.deadline ?? chinaDate(new Date(now.getTime() + 15 * 86_400_000));
  const lead = problemLeadOf(project, input.leadDepartmentCode ?? null);
  if (input.leadDepartmentCode) await getDepartment({ db, districtCode, code: input.leadDepartmentCode, field: 'leadDepartmentCode' });
  const item = await raiseProjectSupervisionItem({
    db,
    actor,
    now,
    input: {
      sourceId: String(project.id),
      title: `【重点项目】${project.name}:${input.title}`,
      description: input.description ?? input.title,
      regionCode: project.town_code ?? districtCode,
      leadUnit: lead,
      deadline,
    },
  });
  return db.transaction().execute(async (tx) => {
    const row = await insertProblemRow(tx, {
      district_code: districtCode,
      project_id: id,
      title: input.title,
      description: input.description ?? '',
      raised_by_label: actor.label,
      supervision_item_id: Number(item.id),
      supervision_item_code: item.code,
      raised_at: now,
    });
    await recordChanges(tx, actor, [{ districtCode, action: 'project_problem.raise', entityType: 'project_problem', entityId: String(row.id), before: null, after: row }]);
    return presentProblem(row);
  });
}

/**
 * The lead unit of a problem: the owner department, else the project's town, else the
 * department the raiser names (required then: VALIDATION_FAILED on leadDepartmentCode). A
 * named department is refused when the project already decides the lead.
 */
export function problemLeadOf(project: Pick<ProjectRow, 'owner_department_code' | 'town_code'>, leadDepartmentCode: string | null): { kind: 'department' | 'region'; code: string } {
  const derived = project.owner_department_code
    ? { kind: 'department' as const, code: project.owner_department_code }
    : project.town_code
      ? { kind: 'region' as const, code: project.town_code }
      : null;
  if (derived) {
    if (leadDepartmentCode && !(derived.kind === 'department' && derived.code === leadDepartmentCode)) {
      throw new AppError('VALIDATION_FAILED', 'the project decides the lead unit', { field: 'leadDepartmentCode', userMessage: '该项目的主办单位为项目责任部门或所在镇街,无需另行指定' });
    }
    return derived;
  }
  if (!leadDepartmentCode) {
    throw new AppError('VALIDATION_FAILED', 'a district-wide project without owner department needs a lead department', {
      field: 'leadDepartmentCode',
      userMessage: '该项目未指定责任部门,请选择问题的主办部门',
    });
  }
  return { kind: 'department', code: leadDepartmentCode };
}

/** How many projects a district has (the demo seeder asks before seeding). */
export async function countProjects(options: { db: Db; districtCode: string }): Promise<number> {
  return countProjectRows(options.db, options.districtCode);
}

/** Stores monthly reports in bulk (demo seeding and sheet imports) with one audit row per batch. */
export async function loadReportsInBulk(options: { db: Db; actor: Actor; districtCode: string; reports: Omit<ReportRow, 'district_code' | 'revision'>[] }): Promise<number> {
  const { db, actor, districtCode } = options;
  return db.transaction().execute(async (tx: Tx) => {
    const rows = options.reports.map((r) => ({ ...r, district_code: districtCode, revision: 1 }));
    await saveReportRows(tx, rows);
    await recordChanges(tx, actor, [{ districtCode, action: 'project_report.bulk', entityType: 'project_report', entityId: districtCode, before: null, after: { count: rows.length } }]);
    return rows.length;
  });
}

/**
 * Records a problem that is already being followed elsewhere (imported history, the demo),
 * without raising a new supervision item; the item can be linked later.
 */
export async function recordProjectProblem(options: { db: Db; actor: Actor; id: number; input: ProblemInput; now?: Date }) {
  const { db, actor, id, input } = options;
  const project = await projectInScope(db, actor, id);
  assertCanEditProject(actor, factsOf(project));
  const districtCode = project.district_code;
  return db.transaction().execute(async (tx) => {
    const row = await insertProblemRow(tx, {
      district_code: districtCode,
      project_id: id,
      title: input.title,
      description: input.description ?? '',
      raised_by_label: actor.label,
      supervision_item_id: null,
      supervision_item_code: null,
      raised_at: options.now ?? new Date(),
    });
    await recordChanges(tx, actor, [{ districtCode, action: 'project_problem.record', entityType: 'project_problem', entityId: String(row.id), before: null, after: row }]);
    return presentProblem(row);
  });
}
