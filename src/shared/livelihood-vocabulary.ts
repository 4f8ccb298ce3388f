/**
 * Vocabulary of 民生实事 (livelihood projects) shared by the server and the web UI: the
 * phases of the yearly cycle, candidate sources, ballot session states, result statuses, the
 * default counting rule of STANDARDS.md §8, and the views the API answers with (defined once
 * here so the web UI cannot drift from the presenter). No Node.js or browser APIs.
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

// ---- the views the API answers with (the presenter builds them; the web UI reads them) ------

/** A cycle as shown. */
export interface CycleView {
  id: string;
  districtCode: string;
  regionCode: string;
  year: number;
  title: string;
  phase: LivelihoodPhase;
  phaseLabel: string;
  plannedSeats: number;
  version: number;
  updatedAt: string;
}

/** A candidate as shown. */
export interface CandidateView {
  id: string;
  cycleId: string;
  title: string;
  description: string;
  source: CandidateSource;
  sourceLabel: string;
  /** Who proposed it: a deputy's name, a department; a citizen's name only for managers. */
  proposer: string | null;
  costWan: number | null;
  scope: string | null;
  goalText: string | null;
  goalValue: number | null;
  goalUnit: string | null;
  departmentCode: string | null;
  feasibility: Feasibility;
  feasibilityLabel: string;
  screeningNote: string | null;
  onBallot: boolean;
  outcome: CandidateOutcome | null;
  outcomeLabel: string | null;
  version: number;
}

/** One candidate's line on the result sheet. */
export interface CandidateTally {
  candidateId: string;
  votes: number;
  passes: boolean;
  outcome: CandidateOutcome;
}

/** The result sheet of one session (ballot-count.ts computes it). */
export interface CountResult {
  roll: number;
  present: number;
  /** Fewest present deputies that make the session valid. */
  quorumNeeded: number;
  valid: boolean;
  cast: number;
  blank: number;
  /** Ballots that broke the rule (too many, unknown or repeated choices); not counted for anyone. */
  invalid: number;
  passBase: PassBase;
  /** True for a runoff among the tied (most votes win; `passNeeded` is 0). */
  runoff: boolean;
  /** Fewest votes that pass (0 in a runoff: every candidate there passed already). */
  passNeeded: number;
  /** Every candidate, most votes first (ties in ballot order). */
  tallies: CandidateTally[];
  elected: string[];
  /** Candidates tied at the last seat, to be balloted again for `runoffSeats`. */
  tied: string[];
  runoffSeats: number;
  /** Seats left empty because fewer candidates passed than seats. */
  unfilledSeats: number;
}

/** The stored result of a counted session: the count plus the titles it was counted under. */
export interface StoredResult extends CountResult {
  titles: Record<string, string>;
  /** True for a paper ballot's tally entered by hand (no ballots are stored for it). */
  recorded?: boolean;
}

/** A ballot session as shown. */
export interface SessionView {
  id: string;
  cycleId: string;
  round: number;
  parentSessionId: string | null;
  /** 'runoff' among the tied at the last seat (most votes win), else 'ballot'. */
  kind: 'ballot' | 'runoff';
  title: string;
  candidateIds: string[];
  seats: number;
  rule: BallotRule;
  ruleText: string;
  status: SessionStatus;
  statusLabel: string;
  openedAt: string | null;
  closedAt: string | null;
  countedAt: string | null;
  result: StoredResult | null;
  version: number;
}

/** The chair's live count: who is present, how many voted, whether the quorum holds; votes only after closing. */
export interface LiveCountView {
  session: SessionView;
  roll: number;
  present: number;
  voted: number;
  ballots: number;
  quorumNeeded: number;
  quorumMet: boolean;
  passNeeded: number | null;
  /** Per candidate, only once voting is closed. */
  count: StoredResult | null;
  /** The roll with check-in and voted flags (managers and supervisors only). */
  deputies: { userId: string; name: string; checkedIn: boolean; hasVoted: boolean }[] | null;
}

/** What a deputy's phone shows: the session, the candidates and their own state; never anyone's choices. */
export interface MyBallotView {
  session: Pick<SessionView, 'id' | 'title' | 'round' | 'seats' | 'status' | 'statusLabel' | 'ruleText'>;
  cycle: Pick<CycleView, 'id' | 'title' | 'year'>;
  candidates: Pick<CandidateView, 'id' | 'title' | 'description' | 'costWan' | 'scope' | 'goalText' | 'sourceLabel'>[];
  me: { onRoll: boolean; checkedIn: boolean; hasVoted: boolean };
}

/** An uncounted session on a deputy's roll (their phone's start page). */
export interface MyOpenSessionView {
  id: string;
  title: string;
  status: SessionStatus;
  hasVoted: boolean;
  checkedIn: boolean;
}

/** A milestone as shown. */
export interface MilestoneView {
  id: string;
  resultId: string;
  title: string;
  dueDate: string;
  doneDate: string | null;
  note: string | null;
  version: number;
}

/** A tracked result as shown, with its rolled-up progress and its children. */
export interface ResultView {
  id: string;
  cycleId: string;
  parentId: string | null;
  candidateId: string | null;
  title: string;
  description: string;
  weight: number;
  status: ResultStatus;
  statusLabel: string;
  /** The progress shown: rolled up from the children for a parent, 0–100, one decimal. */
  progress: number;
  /** What was reported on this result itself (leaves). */
  reportedProgress: number | null;
  goalText: string | null;
  goalValue: number | null;
  goalUnit: string | null;
  achievedValue: number | null;
  startDate: string | null;
  endDate: string | null;
  departmentCode: string | null;
  version: number;
  updatedAt: string;
  milestones: MilestoneView[];
  children: ResultView[];
}

/** One entry of a result's readable history. */
export interface ResultUpdateView {
  at: string;
  actor: string;
  /** "状态:未开工 → 推进中;进度:0% → 35%". */
  text: string;
  note: string | null;
}

/** A deputy's evaluation as shown. */
export interface EvaluationView {
  resultId: string;
  deputyUserId: string;
  deputyName: string;
  score: number;
  satisfaction: Satisfaction;
  satisfactionLabel: string;
  comment: string | null;
  evaluatedAt: string;
}

/** A rejected row of a results CSV. */
export interface ResultImportProblem {
  row: number;
  field: string;
  message: string;
}

/** What a results CSV import did. */
export interface ResultImportSummary {
  created: number;
  updated: number;
  rejected: ResultImportProblem[];
}

/** A promise as the public sees it: what, the goal, the progress, the milestones; no names. */
export interface PublicPromiseView {
  id: string;
  title: string;
  description: string;
  goalText: string | null;
  goalValue: number | null;
  goalUnit: string | null;
  achievedValue: number | null;
  status: ResultStatus;
  statusLabel: string;
  progress: number;
  endDate: string | null;
  departmentCode: string | null;
  milestones: { title: string; dueDate: string; doneDate: string | null }[];
  children: PublicPromiseView[];
}

/** The public result sheet of a cycle's ballot: counts per project, no deputies. */
export interface PublicBallotView {
  round: number;
  roll: number;
  present: number;
  cast: number;
  valid: boolean;
  tallies: { title: string; votes: number; outcome: CandidateOutcome }[];
}

/** A cycle on the public page. */
export interface PublicCycleView {
  id: string;
  regionCode: string;
  year: number;
  title: string;
  phase: LivelihoodPhase;
  phaseLabel: string;
  progress: number;
  promises: PublicPromiseView[];
  ballots: PublicBallotView[];
}
