/**
 * Vocabulary of 民生实事 (livelihood projects) shared by the server and the web UI: the
 * phases of the yearly cycle, candidate sources, ballot session states, result statuses and
 * the default counting rule of STANDARDS.md §8. No Node.js or browser APIs.
 */

/** The phases of a yearly cycle, in order (Consul's budget phases, the congress way). */
export const LIVELIHOOD_PHASES = ['collecting', 'screening', 'balloting', 'implementing', 'evaluating', 'finished'] as const;
/** A phase of a cycle. */
export type LivelihoodPhase = (typeof LIVELIHOOD_PHASES)[number];
/** Chinese labels of the phases. */
export const PHASE_LABELS: Record<LivelihoodPhase, string> = {
  collecting: '项目征集',
  screening: '筛选论证',
  balloting: '代表票决',
  implementing: '组织实施',
  evaluating: '督查评估',
  finished: '已完成',
};

/** Where a candidate came from. */
export const CANDIDATE_SOURCES = ['public', 'deputy', 'department'] as const;
/** A candidate's source. */
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];
/** Chinese labels of the sources. */
export const SOURCE_LABELS: Record<CandidateSource, string> = { public: '群众建议', deputy: '代表提议', department: '部门申报' };

/** The screening verdict on a candidate. */
export const FEASIBILITIES = ['pending', 'feasible', 'infeasible'] as const;
/** A screening verdict. */
export type Feasibility = (typeof FEASIBILITIES)[number];
/** Chinese labels of the verdicts. */
export const FEASIBILITY_LABELS: Record<Feasibility, string> = { pending: '待论证', feasible: '可行', infeasible: '不可行' };

/** What the ballot made of a candidate. */
export const CANDIDATE_OUTCOMES = ['elected', 'not_elected', 'runoff'] as const;
/** A candidate's outcome. */
export type CandidateOutcome = (typeof CANDIDATE_OUTCOMES)[number];
/** Chinese labels of the outcomes. */
export const OUTCOME_LABELS: Record<CandidateOutcome, string> = { elected: '票决通过', not_elected: '未通过', runoff: '待再次投票' };

/** States of a ballot session. */
export const SESSION_STATUSES = ['draft', 'open', 'closed', 'counted'] as const;
/** A ballot session state. */
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** Chinese labels of the session states. */
export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = { draft: '准备中', open: '投票中', closed: '已截止', counted: '已计票' };

/** Statuses of a tracked result, each with the progress it implies when none is given (Decidim). */
export const RESULT_STATUSES = ['planned', 'started', 'in_progress', 'delayed', 'completed'] as const;
/** A result status. */
export type ResultStatus = (typeof RESULT_STATUSES)[number];
/** Chinese labels of the result statuses. */
export const RESULT_STATUS_LABELS: Record<ResultStatus, string> = {
  planned: '未开工',
  started: '已启动',
  in_progress: '推进中',
  delayed: '滞后',
  completed: '已完成',
};
/** The progress (percent) a status sets when no progress is reported with it; null keeps the current one. */
export const RESULT_STATUS_DEFAULT_PROGRESS: Record<ResultStatus, number | null> = {
  planned: 0,
  started: 10,
  in_progress: null,
  delayed: null,
  completed: 100,
};

/** How deputies judge a result at inspection. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
/** A satisfaction level. */
export type Satisfaction = (typeof SATISFACTIONS)[number];
/** Chinese labels of the satisfaction levels. */
export const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };

/** Whose count the pass threshold is a fraction of. */
export const PASS_BASES = ['roll', 'present', 'cast'] as const;
/** A pass base. */
export type PassBase = (typeof PASS_BASES)[number];
/** Chinese labels of the pass bases. */
export const PASS_BASE_LABELS: Record<PassBase, string> = { roll: '全体代表', present: '出席代表', cast: '投票代表' };

/** A fraction with a strictness: `strict` means "more than", otherwise "at least". */
export interface Threshold {
  numerator: number;
  denominator: number;
  strict: boolean;
}

/** The parameters of the counting rule of one ballot session. */
export interface BallotRule {
  /** How many projects are to be chosen (应选名额); a ballot marks at most this many. */
  seats: number;
  /** Present deputies needed, as a fraction of the roll. */
  quorum: Threshold;
  /** Votes a candidate needs, as a fraction of `pass.base`. */
  pass: Threshold & { base: PassBase };
}

/** STANDARDS.md §8: more than 2/3 of the roll present; more than half of the whole roll to pass. */
export const DEFAULT_RULE_WITHOUT_SEATS: Omit<BallotRule, 'seats'> = {
  quorum: { numerator: 2, denominator: 3, strict: true },
  pass: { numerator: 1, denominator: 2, strict: true, base: 'roll' },
};

/** Words for a threshold: 过半数 / 三分之二以上 …, e.g. "超过 2/3" or "不少于 1/2". */
export function thresholdText(t: Threshold): string {
  return `${t.strict ? '超过' : '不少于'} ${t.numerator}/${t.denominator}`;
}
