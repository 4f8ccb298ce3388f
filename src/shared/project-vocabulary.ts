/**
 * Vocabulary of the key projects domain (重点项目): milestone stages, levels, lights and the
 * stalled lists. Free of Node.js and browser APIs: the server and the web UI import this file.
 */

/** The milestone stages in their order (GLOSSARY: 签约 · 供地 · 开工 · 结顶 · 竣工 · 投产). */
export const PROJECT_STAGES = ['signed', 'land', 'started', 'topped', 'completed', 'operating'] as const;

/** A milestone stage. */
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** Chinese labels of the stages. */
export const STAGE_LABELS: Record<ProjectStage, string> = {
  signed: '签约',
  land: '供地',
  started: '开工',
  topped: '结顶',
  completed: '竣工',
  operating: '投产',
};

/** The position of a stage (0 = 签约). */
export function stageIndex(stage: ProjectStage): number {
  return PROJECT_STAGES.indexOf(stage);
}

/** Project levels: 区级 (district key project) and 镇级 (town key project). */
export const PROJECT_LEVELS = ['district', 'town'] as const;

/** A project level. */
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];

/** Chinese labels of the levels. */
export const LEVEL_LABELS: Record<ProjectLevel, string> = { district: '区级', town: '镇级' };

/** A project's light; `none` when nothing can be rated yet (no plan for the year, no start date due). */
export type ProjectLight = 'green' | 'yellow' | 'red' | 'none';

/** The lights in order of worry, for sorting and filters. */
export const PROJECT_LIGHTS: readonly ProjectLight[] = ['red', 'yellow', 'green', 'none'];

/** Chinese labels of the lights. */
export const LIGHT_LABELS: Record<ProjectLight, string> = { green: '绿灯(正常)', yellow: '黄灯(滞后)', red: '红灯(严重滞后)', none: '未评价' };

/** The three stalled lists: 签而未开, 开而未竣, 竣而未投. */
export const STALL_KINDS = ['signed_not_started', 'started_not_completed', 'completed_not_operating'] as const;

/** A stalled list. */
export type StallKind = (typeof STALL_KINDS)[number];

/** Chinese labels of the stalled lists. */
export const STALL_LABELS: Record<StallKind, string> = {
  signed_not_started: '已签约未开工',
  started_not_completed: '已开工未竣工',
  completed_not_operating: '已竣工未投产',
};

/** The states of a stage-change request. */
export const STAGE_REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;

/** A stage-change request's state. */
export type StageRequestState = (typeof STAGE_REQUEST_STATES)[number];

/** Chinese labels of the request states. */
export const STAGE_REQUEST_LABELS: Record<StageRequestState, string> = { pending: '待审批', approved: '已批准', rejected: '已退回' };

/** The default tag classes a district starts with (configurable). */
export const DEFAULT_PROJECT_TAGS: readonly { code: string; name: string }[] = [
  { code: 'industry', name: '产业' },
  { code: 'infrastructure', name: '基础设施' },
  { code: 'livelihood', name: '民生' },
  { code: 'ecology', name: '生态' },
];

/** A project in the library, as the API answers and the web UI reads it. */
export interface ProjectSummaryView {
  id: number;
  code: string;
  name: string;
  level: ProjectLevel;
  levelLabel: string;
  townCode: string | null;
  townName: string | null;
  ownerUnit: string;
  ownerDepartmentCode: string | null;
  ownerDepartmentName: string | null;
  location: string;
  description: string;
  tags: { code: string; name: string }[];
  totalInvestment: number;
  totalInvestmentText: string;
  plannedThisYear: number | null;
  plannedThisYearText: string | null;
  completedYtd: number;
  completedYtdText: string;
  /** Completed / planned this year (a fraction). */
  completion: number | null;
  timeProgress: number;
  /** Completion − time progress in pp (negative when behind). */
  aheadPp: number | null;
  lastReportedMonth: number | null;
  stage: ProjectStage | null;
  stageLabel: string;
  stall: StallKind | null;
  light: ProjectLight;
  investmentLight: ProjectLight;
  startLight: ProjectLight;
  startMonthsLate: number | null;
  reasons: string[];
  halfway: boolean | null;
  canEdit: boolean;
  version: number;
}
