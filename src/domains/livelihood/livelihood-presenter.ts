/**
 * Shapes of the livelihood responses. Raw rows never leave the service; ballots are never
 * presented one by one, only counted.
 */
import type { Actor } from '@/shared/actor.js';
import {
  FEASIBILITY_LABELS,
  OUTCOME_LABELS,
  PASS_BASE_LABELS,
  PHASE_LABELS,
  RESULT_STATUS_LABELS,
  SATISFACTION_LABELS,
  SESSION_STATUS_LABELS,
  SOURCE_LABELS,
  thresholdText,
  type BallotRule,
  type CandidateOutcome,
  type CandidateSource,
  type CandidateView,
  type CycleView,
  type EvaluationView,
  type Feasibility,
  type LivelihoodPhase,
  type MilestoneView,
  type PassBase,
  type ResultStatus,
  type ResultUpdateView,
  type ResultView,
  type Satisfaction,
  type SessionStatus,
  type SessionView,
  type StoredResult,
} from '@/shared/livelihood-vocabulary.js';
import { canManageCycles } from './livelihood-policy.js';
import type { CandidateRow, CycleRow, EvaluationRow, MilestoneRow, ResultRow, ResultUpdateRow, SessionRow } from './livelihood-repository.js';

// The views are defined once in the shared vocabulary, which the web UI imports too.
export type { CandidateView, CycleView, EvaluationView, MilestoneView, ResultUpdateView, ResultView, SessionView, StoredResult };

/** Presents a cycle. */
export function presentCycle(row: CycleRow): CycleView {
  return {
    id: row.id,
    districtCode: row.district_code,
    regionCode: row.region_code,
    year: row.year,
    title: row.title,
    phase: row.phase as LivelihoodPhase,
    phaseLabel: PHASE_LABELS[row.phase as LivelihoodPhase] ?? row.phase,
    plannedSeats: row.planned_seats,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Presents a candidate; citizens' names are personal data and stay with the managers. */
export function presentCandidate(row: CandidateRow, viewer: Actor | null): CandidateView {
  const showProposer = row.source !== 'public' || (viewer !== null && canManageCycles(viewer));
  return {
    id: row.id,
    cycleId: row.cycle_id,
    title: row.title,
    description: row.description,
    source: row.source as CandidateSource,
    sourceLabel: SOURCE_LABELS[row.source as CandidateSource] ?? row.source,
    proposer: showProposer ? row.proposer_label : null,
    costWan: row.cost_wan,
    scope: row.scope,
    goalText: row.goal_text,
    goalValue: row.goal_value,
    goalUnit: row.goal_unit,
    departmentCode: row.department_code,
    feasibility: row.feasibility as Feasibility,
    feasibilityLabel: FEASIBILITY_LABELS[row.feasibility as Feasibility] ?? row.feasibility,
    screeningNote: row.screening_note,
    onBallot: row.on_ballot,
    outcome: row.outcome as CandidateOutcome | null,
    outcomeLabel: row.outcome ? (OUTCOME_LABELS[row.outcome as CandidateOutcome] ?? row.outcome) : null,
    version: row.version,
  };
}

/** The rule of a session from its row. */
export function ruleOf(row: SessionRow): BallotRule {
  return {
    seats: row.seats,
    quorum: { numerator: row.quorum_numerator, denominator: row.quorum_denominator, strict: row.quorum_strict },
    pass: { numerator: row.pass_numerator, denominator: row.pass_denominator, strict: row.pass_strict, base: row.pass_base as PassBase },
  };
}

/** Words for a rule: 出席超过 2/3;得票超过 全体代表的 1/2;应选10项. */
export function ruleText(rule: BallotRule): string {
  return `出席${thresholdText(rule.quorum)};得票${thresholdText(rule.pass)}(以${PASS_BASE_LABELS[rule.pass.base]}为基数);应选${rule.seats}项`;
}

/** Words for a runoff's rule: the tied all passed already, so the most votes win. */
export function runoffRuleText(rule: BallotRule): string {
  return `出席${thresholdText(rule.quorum)};在末位票数相同的项目中得票多者当选;应选${rule.seats}项`;
}

/** Presents a session. */
export function presentSession(row: SessionRow): SessionView {
  const rule = ruleOf(row);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    cycleId: row.cycle_id,
    round: row.round,
    parentSessionId: row.parent_session_id,
    kind: row.kind === 'runoff' ? 'runoff' : 'ballot',
    title: row.title,
    candidateIds: row.candidate_ids,
    seats: row.seats,
    rule,
    ruleText: row.kind === 'runoff' ? runoffRuleText(rule) : ruleText(rule),
    status: row.status as SessionStatus,
    statusLabel: SESSION_STATUS_LABELS[row.status as SessionStatus] ?? row.status,
    openedAt: iso(row.opened_at),
    closedAt: iso(row.closed_at),
    countedAt: iso(row.counted_at),
    result: (row.result as StoredResult | null) ?? null,
    version: row.version,
  };
}

/** Presents a milestone. */
export function presentMilestone(row: MilestoneRow): MilestoneView {
  return { id: row.id, resultId: row.result_id, title: row.title, dueDate: row.due_date, doneDate: row.done_date, note: row.note, version: row.version };
}

/** Presents a result (children and milestones are added by the caller). */
export function presentResult(row: ResultRow, progress: number, milestones: MilestoneView[] = []): ResultView {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    parentId: row.parent_id,
    candidateId: row.candidate_id,
    title: row.title,
    description: row.description,
    weight: row.weight,
    status: row.status as ResultStatus,
    statusLabel: RESULT_STATUS_LABELS[row.status as ResultStatus] ?? row.status,
    progress: Math.round(progress * 10) / 10,
    reportedProgress: row.progress,
    goalText: row.goal_text,
    goalValue: row.goal_value,
    goalUnit: row.goal_unit,
    achievedValue: row.achieved_value,
    startDate: row.start_date,
    endDate: row.end_date,
    departmentCode: row.department_code,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    milestones,
    children: [],
  };
}

const FIELD_LABELS: Record<string, string> = {
  status: '状态',
  progress: '进度',
  achieved_value: '完成值',
  weight: '权重',
  title: '名称',
  goal_text: '目标',
  goal_value: '目标值',
  start_date: '开始日期',
  end_date: '完成日期',
  department_code: '责任部门',
  description: '说明',
  goal_unit: '单位',
};

function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status') return RESULT_STATUS_LABELS[value as ResultStatus] ?? String(value);
  if (field === 'progress') return `${Number(value)}%`;
  return String(value);
}

/** Presents a history row as a sentence. */
export function presentResultUpdate(row: ResultUpdateRow): ResultUpdateView {
  const parts = Object.entries(row.changes).map(([field, c]) => `${FIELD_LABELS[field] ?? field}:${valueText(field, c.before)} → ${valueText(field, c.after)}`);
  return { at: new Date(row.at).toISOString(), actor: row.actor_label, text: parts.join(';') || '更新', note: row.note };
}

/** Presents an evaluation. */
export function presentEvaluation(row: EvaluationRow): EvaluationView {
  return {
    resultId: row.result_id,
    deputyUserId: row.deputy_user_id,
    deputyName: row.deputy_name,
    score: row.score,
    satisfaction: row.satisfaction as Satisfaction,
    satisfactionLabel: SATISFACTION_LABELS[row.satisfaction as Satisfaction] ?? row.satisfaction,
    comment: row.comment,
    evaluatedAt: new Date(row.evaluated_at).toISOString(),
  };
}

/** Pads to a width in terminal columns (CJK characters take two). */
function padWide(text: string, width: number): string {
  const used = [...text].reduce((w, c) => w + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - used));
}

/** The printed result sheet of a counted session (计票结果单), in Chinese. */
export function resultSheetText(cycle: CycleView, session: SessionView): string {
  const r = session.result;
  const lines: string[] = [];
  lines.push(`${cycle.title}`);
  lines.push(`${session.title}(第${session.round}轮)计票结果`);
  lines.push(`计票规则:${session.ruleText}`);
  if (session.result?.recorded) lines.push('说明:本结果为纸质选票计票后录入的结果,系统未保存选票');
  if (!r) {
    lines.push(`状态:${session.statusLabel},尚未计票`);
    return lines.join('\n');
  }
  lines.push(`应到代表:${r.roll} 人;实到代表:${r.present} 人;有效出席需:${r.quorumNeeded} 人 → ${r.valid ? '会议有效' : '未达法定人数,票决无效'}`);
  lines.push(`收回选票:${r.cast} 张(空白票 ${r.blank} 张,无效票 ${r.invalid} 张);${r.runoff ? '另行投票,得票多者当选' : `通过需得票:${r.passNeeded} 票(${PASS_BASE_LABELS[r.passBase]})`}`);
  lines.push('');
  lines.push(`序号  得票  ${padWide('结果', 18)}  项目`);
  r.tallies.forEach((t, i) => {
    const outcome = t.outcome === 'elected' ? '当选' : t.outcome === 'runoff' ? '票数相同,另行投票' : r.runoff ? '未当选' : t.passes ? '过半数未当选' : '未过半数';
    lines.push(`${String(i + 1).padStart(4)}  ${String(t.votes).padStart(4)}  ${padWide(outcome, 18)}  ${r.titles[t.candidateId] ?? t.candidateId}`);
  });
  lines.push('');
  lines.push(`当选项目:${r.elected.length} 项(应选 ${session.seats} 项)`);
  if (r.tied.length > 0) lines.push(`末位票数相同 ${r.tied.length} 项,需就剩余 ${r.runoffSeats} 个名额另行投票`);
  if (r.unfilledSeats > 0) lines.push(r.valid ? `得票过半数的项目少于应选名额,空缺 ${r.unfilledSeats} 项,可重新投票补选` : `票决无效,空缺 ${r.unfilledSeats} 项,需重新投票`);
  return lines.join('\n');
}
