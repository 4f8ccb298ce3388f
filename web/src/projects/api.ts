/**
 * The 重点项目 endpoints (`/api/projects`) and the shapes they answer with. Money is in 元.
 */
import { apiFetch, apiGet, apiPost, apiRequest } from '../api/client';
import type { ProjectLevel, ProjectLight, ProjectStage, ProjectSummaryView, StallKind } from '../../../src/shared/project-vocabulary';

const BASE = '/api/projects';

/** A project in the library. */
export type ProjectSummary = ProjectSummaryView;

/** An entry of a stalled list. */
export interface StalledEntry {
  id: number;
  code: string;
  name: string;
  townName: string | null;
  since: string | null;
  overdueSince: string | null;
}

/** The library's answer. */
export interface LibraryResponse {
  period: { year: number; month: number };
  totals: {
    count: number;
    totalInvestment: number;
    plannedThisYear: number;
    completedYtd: number;
    completion: number | null;
    timeProgress: number;
    lights: Record<ProjectLight, number>;
    halfway: { passed: number; rated: number } | null;
  };
  projects: ProjectSummary[];
  stalled: Record<StallKind, StalledEntry[]>;
}

/** Filters of the library. */
export interface LibraryQuery {
  year?: number;
  month?: number;
  level?: ProjectLevel;
  tag?: string;
  town?: string;
  stage?: ProjectStage | 'none';
  light?: ProjectLight;
  q?: string;
}

/** A stage request. */
export interface StageRequest {
  id: number;
  projectId: number;
  stage: ProjectStage;
  stageLabel: string;
  actualDate: string;
  note: string;
  state: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  canDecide: boolean;
  version: number;
  projectCode?: string;
  projectName?: string;
  projectLevel?: ProjectLevel;
}

/** A monthly report. */
export interface MonthlyReport {
  year: number;
  month: number;
  completedInvestment: number;
  completedInvestmentText: string;
  progressPercent: number | null;
  progress: string;
  note: string;
  revision: number;
  reportedAt: string;
  reportedBy: string;
}

/** A problem and its supervision item. */
export interface Problem {
  id: number;
  title: string;
  description: string;
  raisedBy: string;
  raisedAt: string;
  supervisionItemId: number | null;
  supervisionItemCode: string | null;
}

/** One project's page. */
export interface ProjectDetail {
  project: ProjectSummary;
  period: { year: number; month: number };
  milestones: { stage: ProjectStage; label: string; plannedDate: string | null; actualDate: string | null; pendingRequestId: number | null }[];
  months: { month: number; planned: number | null; completed: number | null; cumulativePlanned: number | null; cumulativeCompleted: number | null }[];
  completedToDate: number;
  plans: { year: number; plannedInvestment: number; monthlyPlan: number[] | null; version: number }[];
  reports: MonthlyReport[];
  requests: StageRequest[];
  problems: Problem[];
  permissions: { canEdit: boolean; canApprove: boolean };
}

/** A tag class. */
export interface ProjectTag {
  code: string;
  name: string;
  sortOrder: number;
  active: boolean;
  version: number;
}

/** The light thresholds. */
export interface ProjectThresholds {
  yellowBehindPp: number;
  redBehindPp: number;
  startYellowMonthsLate: number;
  startRedMonthsLate: number;
}

/** The library. */
export function fetchLibrary(query: LibraryQuery, signal?: AbortSignal): Promise<LibraryResponse> {
  return apiGet<LibraryResponse>(BASE, { query: { ...query }, signal });
}

/** One project. */
export function fetchProject(id: number, year: number | undefined, signal?: AbortSignal): Promise<ProjectDetail> {
  return apiGet<ProjectDetail>(`${BASE}/${id}`, { query: { year }, signal });
}

/** Reports a month (amount in 元). */
export function postReport(id: number, body: { year: number; month: number; completedInvestment: number; progressPercent?: number | null; progress?: string; note?: string }) {
  return apiPost<{ report: MonthlyReport }>(`${BASE}/${id}/reports`, body);
}

/** Asks to record a stage's actual date. */
export function postStageRequest(id: number, body: { stage: ProjectStage; actualDate: string; note?: string }) {
  return apiPost<{ request: StageRequest }>(`${BASE}/${id}/stage-requests`, body);
}

/** Approves or rejects a stage request. */
export function postDecision(requestId: number, body: { approve: boolean; note?: string; version: number }) {
  return apiPost<{ request: StageRequest }>(`${BASE}/stage-requests/${requestId}/decision`, body);
}

/** Stage requests in scope. */
export async function fetchStageRequests(state: 'pending' | 'approved' | 'rejected', signal?: AbortSignal): Promise<StageRequest[]> {
  return (await apiGet<{ requests: StageRequest[] }>(`${BASE}/stage-requests`, { query: { state }, signal })).requests;
}

/** Raises a problem (it becomes a supervision item). */
export function postProblem(id: number, body: { title: string; description?: string; deadline?: string; leadDepartmentCode?: string }) {
  return apiPost<{ problem: Problem }>(`${BASE}/${id}/problems`, body);
}

/** A year plan as saved. */
export interface YearPlan {
  year: number;
  plannedInvestment: number;
  monthlyPlan: number[] | null;
  version: number;
}

/**
 * Sets a year plan (元). `monthlyPlan` holds the 12 months' own amounts (not cumulative); the
 * server wants their sum equal to `plannedInvestment` (to the 元). Send the version read when
 * the plan exists, none when it is new.
 */
export function putYearPlan(id: number, year: number, body: { plannedInvestment: number; monthlyPlan?: number[] | null; version?: number }) {
  return apiRequest<{ plan: YearPlan }>(`${BASE}/${id}/plans/${year}`, { method: 'PUT', body });
}

/** A stage's planned (and, at creation, known actual) date. */
export interface MilestoneInput {
  stage: ProjectStage;
  plannedDate?: string | null;
  actualDate?: string | null;
}

/** Body of a new project (money in 元). */
export interface NewProject {
  code: string;
  name: string;
  level: ProjectLevel;
  townCode?: string | null;
  ownerUnit: string;
  ownerDepartmentCode?: string | null;
  location?: string;
  totalInvestment: number;
  description?: string;
  tags?: string[];
  plannedThisYear?: number;
  milestones?: MilestoneInput[];
}

/** Adds a project. */
export function createProject(body: NewProject) {
  return apiPost<{ project: ProjectSummary }>(BASE, body);
}

/** Body of a project change: the fields that change, with the version read. */
export interface ProjectChange {
  version: number;
  name?: string;
  level?: ProjectLevel;
  townCode?: string | null;
  ownerUnit?: string;
  ownerDepartmentCode?: string | null;
  location?: string;
  totalInvestment?: number;
  description?: string;
  tags?: string[];
  plannedDates?: { stage: ProjectStage; plannedDate: string | null }[];
}

/** Changes a project's details, tags and planned dates; a stale version answers CONFLICT. */
export function patchProject(id: number, body: ProjectChange) {
  return apiRequest<{ id: number; version: number }>(`${BASE}/${id}`, { method: 'PATCH', body });
}

/** Tag classes. */
export async function fetchTags(signal?: AbortSignal): Promise<ProjectTag[]> {
  return (await apiGet<{ tags: ProjectTag[] }>(`${BASE}/tags`, { signal })).tags;
}

/** Creates or changes a tag class. */
export function putTag(code: string, body: { name: string; sortOrder?: number; active?: boolean; version?: number }) {
  return apiRequest<{ tag: ProjectTag }>(`${BASE}/tags/${code}`, { method: 'PUT', body });
}

/** The light thresholds. */
export async function fetchThresholds(signal?: AbortSignal): Promise<ProjectThresholds> {
  return (await apiGet<{ thresholds: ProjectThresholds }>(`${BASE}/settings`, { signal })).thresholds;
}

/** Sets the light thresholds. */
export function putThresholds(body: ProjectThresholds) {
  return apiRequest<{ thresholds: ProjectThresholds }>(`${BASE}/settings`, { method: 'PUT', body });
}

/** One row's outcome of an import. */
export interface ImportRow {
  row: number;
  code: string | null;
  status: 'created' | 'skipped' | 'rejected';
  field?: string;
  message?: string;
}

/** Imports a library sheet (XLSX or CSV). */
export async function importSheet(file: File): Promise<{ created: number; skipped: number; rejected: number; rows: ImportRow[] }> {
  const isCsv = file.name.toLowerCase().endsWith('.csv');
  const response = await apiFetch(`${BASE}/import`, {
    method: 'POST',
    raw: { body: file, contentType: isCsv ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
  return (await response.json()) as { created: number; skipped: number; rejected: number; rows: ImportRow[] };
}
