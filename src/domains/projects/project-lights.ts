/**
 * The traffic lights of key projects (STANDARDS.md §7) and the facts they rest on: year-to-date
 * investment against 序时进度 (§6), start of works against plan, 双过半, the stage a project has
 * reached and the three stalled lists. Pure: no I/O and no clock; callers pass the month.
 *
 * Decisions where the standard is silent (documented here and in the report):
 * - Investment: behind time progress by less than `yellowBehindPp` (default 10 pp) is GREEN
 *   ("基本正常"), through {@link rateAgainstTime} of the indicators domain so that a project and
 *   an indicator with the same numbers get the same colour. Exactly 10 and exactly 30 pp behind
 *   are yellow; more than 30 pp behind is red.
 * - Investment is rated only when the year has a planned investment > 0; otherwise `none`.
 * - Start of works is rated only while a project has a planned start date and no actual one:
 *   on or before the planned month green; 1–2 months after it (not started in the planned
 *   month) yellow; `startRedMonthsLate` (default 3) or more months after it red. Once works
 *   have started the check is settled and no longer colours the project.
 * - The project's light is the worse of the two; `none` when neither applies.
 */
import { pointsAheadOfTime, rateAgainstTime, timeProgress } from '@/domains/indicators/indicator-math.js';
import { PROJECT_STAGES, STAGE_LABELS, type ProjectLight, type ProjectStage, type StallKind } from '@/shared/project-vocabulary.js';

/** The configurable thresholds of the project lights (per district). */
export interface ProjectLightThresholds {
  /** Investment behind time progress by at least this many pp is yellow (default 10). */
  yellowBehindPp: number;
  /** Investment behind time progress by more than this many pp is red (default 30). */
  redBehindPp: number;
  /** Not started this many months after the planned month is yellow (default 1). */
  startYellowMonthsLate: number;
  /** Not started this many months after the planned month is red (default 3). */
  startRedMonthsLate: number;
}

/** The defaults of STANDARDS §7. */
export const DEFAULT_PROJECT_THRESHOLDS: Readonly<ProjectLightThresholds> = Object.freeze({
  yellowBehindPp: 10,
  redBehindPp: 30,
  startYellowMonthsLate: 1,
  startRedMonthsLate: 3,
});

/** A year and month. */
export interface YearMonth {
  year: number;
  month: number;
}

/** The investment side of a project's rating. */
export interface InvestmentRating {
  light: ProjectLight;
  /** Completed this year / planned this year (a fraction), null without a plan. */
  completion: number | null;
  /** n/12 after month n. */
  timeProgress: number;
  /** (completion − n/12) × 100; negative when behind; null without a plan. */
  aheadPp: number | null;
}

/**
 * Rates year-to-date investment against time progress after `month`.
 * @throws RangeError when `month` is not 1–12 or a value is not finite.
 */
export function rateInvestment(input: {
  plannedThisYear: number | null;
  completedYtd: number;
  month: number;
  thresholds?: Partial<ProjectLightThresholds>;
}): InvestmentRating {
  const t = { ...DEFAULT_PROJECT_THRESHOLDS, ...input.thresholds };
  const progress = timeProgress(input.month);
  if (!Number.isFinite(input.completedYtd)) throw new RangeError('completedYtd must be finite');
  if (input.plannedThisYear === null || !(input.plannedThisYear > 0)) {
    return { light: 'none', completion: null, timeProgress: progress, aheadPp: null };
  }
  const completion = input.completedYtd / input.plannedThisYear;
  const aheadPp = pointsAheadOfTime(completion, input.month);
  const light = rateAgainstTime(aheadPp, { yellowBehindPp: t.yellowBehindPp, redBehindPp: t.redBehindPp });
  return { light, completion, timeProgress: progress, aheadPp };
}

/** Whole months from `from` to `to` (0 in the same month, negative when `to` is earlier). */
export function monthsBetween(from: YearMonth, to: YearMonth): number {
  return to.year * 12 + to.month - (from.year * 12 + from.month);
}

/** A `YYYY-MM-DD` date's year and month. */
export function yearMonthOf(date: string): YearMonth {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** The start-of-works side of a project's rating. */
export interface StartRating {
  light: ProjectLight;
  /** Months after the planned month without a start (≤ 0 while not yet due); null when not rated. */
  monthsLate: number | null;
}

/** Rates the start of works in the month `today` (see the module comment for the rule). */
export function rateStart(input: {
  plannedStart: string | null;
  actualStart: string | null;
  today: YearMonth;
  thresholds?: Partial<ProjectLightThresholds>;
}): StartRating {
  const t = { ...DEFAULT_PROJECT_THRESHOLDS, ...input.thresholds };
  if (input.actualStart !== null || input.plannedStart === null) return { light: 'none', monthsLate: null };
  const monthsLate = monthsBetween(yearMonthOf(input.plannedStart), input.today);
  if (monthsLate >= t.startRedMonthsLate) return { light: 'red', monthsLate };
  if (monthsLate >= t.startYellowMonthsLate) return { light: 'yellow', monthsLate };
  return { light: 'green', monthsLate };
}

const WORRY: Record<ProjectLight, number> = { none: 0, green: 1, yellow: 2, red: 3 };

/** The worse of several lights (`none` counts as no information). */
export function worstLight(...lights: ProjectLight[]): ProjectLight {
  return lights.reduce<ProjectLight>((worst, light) => (WORRY[light] > WORRY[worst] ? light : worst), 'none');
}

/** A project's full rating with the reasons in Chinese. */
export interface ProjectRating {
  light: ProjectLight;
  investment: InvestmentRating;
  start: StartRating;
  /** Why the light is what it is, in Chinese (one line per check that coloured it). */
  reasons: string[];
}

/**
 * Rates a project: investment after `reportMonth` of its year, start of works in `today`.
 * `reportMonth` is the month the year-to-date figure runs to (the last month reported, or the
 * month asked for).
 */
export function rateProject(input: {
  plannedThisYear: number | null;
  completedYtd: number;
  reportMonth: number;
  plannedStart: string | null;
  actualStart: string | null;
  today: YearMonth;
  thresholds?: Partial<ProjectLightThresholds>;
}): ProjectRating {
  const investment = rateInvestment({
    plannedThisYear: input.plannedThisYear,
    completedYtd: input.completedYtd,
    month: input.reportMonth,
    thresholds: input.thresholds,
  });
  const start = rateStart({ plannedStart: input.plannedStart, actualStart: input.actualStart, today: input.today, thresholds: input.thresholds });
  const reasons: string[] = [];
  if (investment.aheadPp !== null && investment.completion !== null) {
    const pct = (investment.completion * 100).toFixed(1);
    const time = (investment.timeProgress * 100).toFixed(1);
    if (investment.aheadPp >= 0) reasons.push(`投资完成率 ${pct}%,达到序时进度 ${time}%`);
    else {
      const behind = (-investment.aheadPp).toFixed(1);
      const verdict = investment.light === 'green' ? '(基本正常)' : '';
      reasons.push(`投资完成率 ${pct}%,落后序时进度(${time}%)${behind} 个百分点${verdict}`);
    }
  }
  if (start.monthsLate !== null && start.light !== 'green') {
    reasons.push(`计划 ${input.plannedStart?.slice(0, 7)} 开工,已逾期 ${start.monthsLate} 个月未开工`);
  }
  return { light: worstLight(investment.light, start.light), investment, start, reasons };
}

/**
 * 双过半: at the end of June the year's investment is at least half done. Null without a plan.
 */
export function isHalfwayByJune(completedToJune: number, plannedThisYear: number | null): boolean | null {
  if (plannedThisYear === null || !(plannedThisYear > 0)) return null;
  return pointsAheadOfTime(completedToJune / plannedThisYear, 6) >= 0;
}

/** Actual dates by stage (null or absent when not reached). */
export type StageDates = Partial<Record<ProjectStage, string | null>>;

/** The latest stage reached (the last with an actual date), or null before signing. */
export function currentStage(actual: StageDates): ProjectStage | null {
  let reached: ProjectStage | null = null;
  for (const stage of PROJECT_STAGES) if (actual[stage]) reached = stage;
  return reached;
}

/**
 * Which stalled list a project is on: 签约未开工 (signed, not started), 开工未竣工 (started, not
 * completed), 竣工未投产 (completed, not in production); null otherwise.
 */
export function stallOf(actual: StageDates): StallKind | null {
  if (actual.completed) return actual.operating ? null : 'completed_not_operating';
  if (actual.started) return 'started_not_completed';
  if (actual.signed) return 'signed_not_started';
  return null;
}

/** A pair of milestones out of order. */
export interface OrderProblem {
  stage: ProjectStage;
  predecessor: ProjectStage;
  message: string;
}

/**
 * The first milestone dated before an earlier stage's date (stages may be skipped: the
 * predecessor is the nearest earlier stage that has a date). Dates are `YYYY-MM-DD`, which
 * compare as text. Null when the dates are in order (equal dates are in order).
 */
export function findOrderProblem(dates: StageDates): OrderProblem | null {
  let previous: { stage: ProjectStage; date: string } | null = null;
  for (const stage of PROJECT_STAGES) {
    const date = dates[stage];
    if (!date) continue;
    if (previous && date < previous.date) {
      return {
        stage,
        predecessor: previous.stage,
        message: `${STAGE_LABELS[stage]}日期 ${date} 早于${STAGE_LABELS[previous.stage]}日期 ${previous.date}`,
      };
    }
    previous = { stage, date };
  }
  return null;
}
