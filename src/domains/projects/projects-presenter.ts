/**
 * Shapes projects for responses. Money stays in 元 with a text in the unit a report would use
 * (万元 or 亿元, through the indicators domain's pure quantities module).
 */
import { bestDisplayUnit, formatQuantity } from '@/domains/indicators/quantities.js';
import { LEVEL_LABELS, STAGE_LABELS, type ProjectLevel, type ProjectStage, type ProjectSummaryView } from '@/shared/project-vocabulary.js';

export type { ProjectSummaryView };
import type { ProjectFacts } from './projects-service.js';
import type { ProblemRow, ReportRow, StageRequestRow, TagRow } from './projects-repository.js';

/** 元 as people read it: 3500万元, 13.05亿元. */
export function moneyText(value: number | null): string | null {
  if (value === null) return null;
  const unit = Math.abs(value) >= 1e4 ? bestDisplayUnit(value, '元') : '万元';
  return formatQuantity(value, unit, 2);
}

/** A tag class as shown. */
export interface TagView {
  code: string;
  name: string;
  sortOrder: number;
  active: boolean;
  version: number;
}

/** Presents a tag class. */
export function presentTag(row: TagRow): TagView {
  return { code: row.code, name: row.name, sortOrder: row.sort_order, active: row.active, version: row.version };
}


/** Presents a project with its rating. */
export function presentSummary(f: ProjectFacts, names: { town: Map<string, string>; department: Map<string, string>; tag: Map<string, string> }): ProjectSummaryView {
  const planned = f.plan?.planned_investment ?? null;
  return {
    id: f.row.id,
    code: f.row.code,
    name: f.row.name,
    level: f.row.level as ProjectLevel,
    levelLabel: LEVEL_LABELS[f.row.level as ProjectLevel],
    townCode: f.row.town_code,
    townName: f.row.town_code ? (names.town.get(f.row.town_code) ?? null) : null,
    ownerUnit: f.row.owner_unit,
    ownerDepartmentCode: f.row.owner_department_code,
    ownerDepartmentName: f.row.owner_department_code ? (names.department.get(f.row.owner_department_code) ?? null) : null,
    location: f.row.location,
    description: f.row.description,
    tags: f.tags.map((code) => ({ code, name: names.tag.get(code) ?? code })),
    totalInvestment: f.row.total_investment,
    totalInvestmentText: moneyText(f.row.total_investment) as string,
    plannedThisYear: planned,
    plannedThisYearText: moneyText(planned),
    completedYtd: f.completedYtd,
    completedYtdText: moneyText(f.completedYtd) as string,
    completion: f.rating.investment.completion,
    timeProgress: f.rating.investment.timeProgress,
    aheadPp: f.rating.investment.aheadPp,
    lastReportedMonth: f.lastReportedMonth,
    stage: f.stage,
    stageLabel: f.stage ? STAGE_LABELS[f.stage] : '未签约',
    stall: f.stall,
    light: f.rating.light,
    investmentLight: f.rating.investment.light,
    startLight: f.rating.start.light,
    startMonthsLate: f.rating.start.monthsLate,
    reasons: f.rating.reasons,
    halfway: f.halfway,
    canEdit: f.canEdit,
    version: f.row.version,
  };
}

/** A monthly report as shown. */
export interface ReportView {
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

/** Presents a monthly report (or one of its revisions). */
export function presentReport(row: ReportRow): ReportView {
  return {
    year: row.year,
    month: row.month,
    completedInvestment: row.completed_investment,
    completedInvestmentText: moneyText(row.completed_investment) as string,
    progressPercent: row.progress_percent,
    progress: row.progress,
    note: row.note,
    revision: row.revision,
    reportedAt: new Date(row.reported_at).toISOString(),
    reportedBy: row.reported_by,
  };
}

/** A stage request as shown. */
export interface StageRequestView {
  id: number;
  projectId: number;
  stage: ProjectStage;
  stageLabel: string;
  actualDate: string;
  note: string;
  state: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  canDecide: boolean;
  version: number;
}

/** Presents a stage request; labels, not user ids, name people. */
export function presentRequest(row: StageRequestRow, extra: { canDecide: boolean }): StageRequestView {
  return {
    id: row.id,
    projectId: row.project_id,
    stage: row.stage as ProjectStage,
    stageLabel: STAGE_LABELS[row.stage as ProjectStage],
    actualDate: row.actual_date,
    note: row.note,
    state: row.state,
    requestedBy: row.requested_by_label,
    requestedAt: new Date(row.requested_at).toISOString(),
    decidedBy: row.decided_by_label,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decisionNote: row.decision_note,
    canDecide: extra.canDecide,
    version: row.version,
  };
}

/** A problem as shown. */
export interface ProblemView {
  id: number;
  projectId: number;
  title: string;
  description: string;
  raisedBy: string;
  raisedAt: string;
  supervisionItemId: number | null;
  supervisionItemCode: string | null;
}

/** Presents a problem. */
export function presentProblem(row: ProblemRow): ProblemView {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    description: row.description,
    raisedBy: row.raised_by_label,
    raisedAt: new Date(row.raised_at).toISOString(),
    supervisionItemId: row.supervision_item_id,
    supervisionItemCode: row.supervision_item_code,
  };
}
