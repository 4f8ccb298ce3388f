/**
 * 民生实事 (livelihood projects): the yearly cycle (collecting → screening → balloting →
 * implementing → evaluating → finished), its candidates, the deputies' secret ballot counted
 * by STANDARDS.md §8 (ballot-count.ts), and the tracked results of the chosen projects with
 * weighted progress (result-progress.ts), milestones, history and deputies' evaluations.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { Db, Tx } from '@/db/database.js';
import { recordChanges, type AuditChange } from '@/domains/audit/audit-service.js';
import { getDepartment } from '@/domains/departments/departments-service.js';
import { resolveRegion } from '@/domains/regions/regions-service.js';
import { getOwnAccount, listUsers } from '@/domains/users/users-service.js';
import { isInScope, type Actor } from '@/shared/actor.js';
import { AppError, notFound } from '@/shared/errors.js';
import {
  DEFAULT_RULE_WITHOUT_SEATS,
  LIVELIHOOD_PHASES,
  PHASE_LABELS,
  RESULT_STATUS_DEFAULT_PROGRESS,
  RESULT_STATUS_LABELS,
  RESULT_STATUSES,
  type BallotRule,
  type LiveCountView,
  type LivelihoodPhase,
  type MyBallotView,
  type MyOpenSessionView,
  type PublicCycleView,
  type PublicPromiseView,
  type ResultImportProblem,
  type ResultImportSummary,
  type ResultStatus,
  type SessionStatus,
} from '@/shared/livelihood-vocabulary.js';
import { ballotProblem, countBallots, decide, thresholdCount, type CountResult } from './ballot-count.js';
import {
  assertCanManageCycles,
  assertCanPropose,
  assertCanReportProgress,
  assertIsDeputy,
  canManageCycles,
  canSeeRoll,
} from './livelihood-policy.js';
import {
  presentCandidate,
  presentCycle,
  presentEvaluation,
  presentMilestone,
  presentResult,
  presentResultUpdate,
  presentSession,
  ruleOf,
  type CandidateView,
  type CycleView,
  type EvaluationView,
  type MilestoneView,
  type ResultUpdateView,
  type ResultView,
  type SessionView,
  type StoredResult,
} from './livelihood-presenter.js';
import {
  checkInRollRow,
  countBallotRows,
  countRoll,
  findCandidateRow,
  findCycleRow,
  findMilestoneRow,
  findResultRow,
  findRollRow,
  findSessionRow,
  insertBallot,
  insertCandidateRow,
  insertCountedSessionRow,
  insertCycleRow,
  insertMilestoneRow,
  insertResultRow,
  insertResultUpdate,
  insertSessionRow,
  listBallotChoices,
  listUncountedSessionsOnRoll,
  lockCycleRow,
  listCandidateRows,
  listCycleRows,
  listEvaluationRows,
  listMilestoneRows,
  listResultRows,
  listResultRowsOfCycles,
  listResultUpdates,
  listRollRows,
  listSessionRows,
  lockSessionRow,
  markVoted,
  moveSessionRow,
  replaceRollRows,
  shareLockSessionRow,
  shuffleBallots,
  updateCandidateRow,
  updateCyclePhase,
  updateMilestoneRow,
  updateResultRow,
  upsertEvaluationRow,
  vacuumBallots,
  type CandidateRow,
  type CycleRow,
  type ResultRow,
  type RollRow,
  type SessionRow,
} from './livelihood-repository.js';
import { rollUpProgress, type ProgressNode } from './result-progress.js';
import type {
  AddMilestoneInput,
  CastBallotInput,
  CreateCycleInput,
  CreateResultInput,
  CreateSessionInput,
  EvaluateResultInput,
  RecordPaperBallotInput,
  ProposeCandidateInput,
  ScreenCandidateInput,
  SetPhaseInput,
  UpdateMilestoneInput,
  UpdateResultInput,
} from './livelihood-schemas.js';

type Options = { db: Db; actor: Actor };

function phaseError(phase: string, allowed: string): AppError {
  return new AppError('PHASE_NOT_ALLOWED', `cycle is ${phase}`, {
    userMessage: `当前阶段为“${PHASE_LABELS[phase as LivelihoodPhase] ?? phase}”,${allowed}`,
  });
}

function conflict(what: string): AppError {
  return new AppError('CONFLICT', `${what} changed meanwhile`, { field: 'version' });
}

/** The cycle in the actor's scope, else NOT_FOUND. */
async function cycleInScope(db: Db | Tx, actor: Actor, id: string): Promise<CycleRow> {
  const row = await findCycleRow(db, id);
  if (!row || !isInScope(actor, row.region_path)) throw notFound('livelihood cycle', id);
  return row;
}

async function sessionInScope(db: Db, actor: Actor, id: string): Promise<{ session: SessionRow; cycle: CycleRow }> {
  const session = await findSessionRow(db, id);
  if (!session) throw notFound('ballot session', id);
  const cycle = await findCycleRow(db, session.cycle_id);
  if (!cycle || !isInScope(actor, cycle.region_path)) throw notFound('ballot session', id);
  return { session, cycle };
}

async function resultInScope(db: Db, actor: Actor, id: string): Promise<{ result: ResultRow; cycle: CycleRow }> {
  const result = await findResultRow(db, id);
  if (!result) throw notFound('result', id);
  const cycle = await findCycleRow(db, result.cycle_id);
  if (!cycle || !isInScope(actor, cycle.region_path)) throw notFound('result', id);
  return { result, cycle };
}

async function checkDepartment(db: Db, districtCode: string, code: string | null | undefined, field = 'departmentCode'): Promise<void> {
  if (code) await getDepartment({ db, districtCode, code, field });
}

// ---- cycles ----------------------------------------------------------------------------------

/** Cycles in the actor's scope, newest first. */
export async function listCycles(options: Options): Promise<CycleView[]> {
  return (await listCycleRows(options.db, options.actor.regionPath)).map(presentCycle);
}

/** A cycle with its candidates and ballot sessions. */
export async function getCycle(options: Options & { id: string }): Promise<{ cycle: CycleView; candidates: CandidateView[]; sessions: SessionView[] }> {
  const { db, actor } = options;
  const row = await cycleInScope(db, actor, options.id);
  const [candidates, sessions] = await Promise.all([listCandidateRows(db, row.district_code, row.id), listSessionRows(db, row.district_code, row.id)]);
  return { cycle: presentCycle(row), candidates: candidates.map((c) => presentCandidate(c, actor)), sessions: sessions.map(presentSession) };
}

/** Opens the cycle of a year for the congress of a district or town (managers). */
export async function createCycle(options: Options & { input: CreateCycleInput }): Promise<CycleView> {
  const { db, actor, input } = options;
  assertCanManageCycles(actor);
  const region = await resolveRegion({ db, actor, code: input.regionCode, field: 'regionCode' });
  if (region.level !== 'district' && region.level !== 'town') {
    throw new AppError('VALIDATION_FAILED', `${region.code} is a ${region.level}`, { field: 'regionCode', userMessage: '民生实事票决由区县或镇街人大组织,请选择区县或镇街' });
  }
  const title = input.title ?? `${region.name}${input.year}年民生实事项目`;
  const row = await db.transaction().execute(async (tx) => {
    const created = await insertCycleRow(tx, {
      district_code: region.districtCode,
      region_code: region.code,
      region_path: region.path,
      year: input.year,
      title,
      planned_seats: input.plannedSeats ?? 10,
    });
    await recordChanges(tx, actor, [{ districtCode: region.districtCode, action: 'livelihood_cycle.created', entityType: 'livelihood_cycle', entityId: created.id, before: null, after: { region: region.code, year: input.year, title } }]);
    return created;
  }).catch((error: unknown) => {
    if (typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505') {
      throw new AppError('ALREADY_EXISTS', 'cycle exists', { field: 'year', userMessage: `${region.name}${input.year}年的民生实事已经创建` });
    }
    throw error;
  });
  return presentCycle(row);
}

/**
 * Moves a cycle one phase forward (managers). Entering balloting needs candidates on the
 * ballot; entering implementing needs a counted ballot with no runoff pending, at least one
 * project elected, and — when the last session was invalid or left seats empty — either a new
 * round (createBallotSession) or the manager's explicit `acceptFewer`; it makes one tracked
 * result for each chosen project.
 */
export async function setCyclePhase(options: Options & { id: string; input: SetPhaseInput }): Promise<CycleView> {
  const { db, actor, input } = options;
  assertCanManageCycles(actor);
  const cycle = await cycleInScope(db, actor, options.id);
  const from = LIVELIHOOD_PHASES.indexOf(cycle.phase as LivelihoodPhase);
  const to = LIVELIHOOD_PHASES.indexOf(input.phase);
  if (to !== from + 1) {
    throw new AppError('PHASE_NOT_ALLOWED', `cannot go from ${cycle.phase} to ${input.phase}`, {
      field: 'phase',
      userMessage: `只能从“${PHASE_LABELS[cycle.phase as LivelihoodPhase]}”进入下一阶段“${PHASE_LABELS[LIVELIHOOD_PHASES[from + 1] ?? 'finished']}”`,
    });
  }
  const candidates = await listCandidateRows(db, cycle.district_code, cycle.id);
  if (input.phase === 'balloting' && !candidates.some((c) => c.on_ballot)) {
    throw new AppError('PHASE_NOT_ALLOWED', 'no candidate on the ballot', { field: 'phase', userMessage: '还没有列入票决的候选项目,请先完成筛选' });
  }
  if (input.phase === 'implementing') {
    const sessions = await listSessionRows(db, cycle.district_code, cycle.id);
    const last = sessions.at(-1);
    const lastResult = last?.status === 'counted' ? (last.result as StoredResult | null) : null;
    const pending = !lastResult || lastResult.tied.length > 0;
    if (pending) throw new AppError('PHASE_NOT_ALLOWED', 'ballot not finished', { field: 'phase', userMessage: '票决尚未完成(未计票或需另行投票),不能进入实施阶段' });
    const failed = !lastResult.valid || lastResult.unfilledSeats > 0;
    const elected = candidates.filter((c) => c.outcome === 'elected').length;
    if (failed && !input.acceptFewer) {
      throw new AppError('PHASE_NOT_ALLOWED', lastResult.valid ? 'seats left unfilled' : 'last ballot invalid', {
        field: 'acceptFewer',
        userMessage: lastResult.valid
          ? `最近一次票决有${lastResult.unfilledSeats}个名额空缺,请重新投票补足,或确认按已当选的${elected}个项目实施`
          : `最近一次票决出席代表未达法定人数,结果无效,请重新投票,或确认按已当选的${elected}个项目实施`,
      });
    }
    if (elected === 0) throw new AppError('PHASE_NOT_ALLOWED', 'nothing elected', { field: 'phase', userMessage: '没有当选的项目,请重新投票' });
  }
  const row = await db.transaction().execute(async (tx) => {
    const moved = await updateCyclePhase(tx, cycle, input.phase, input.version);
    if (!moved) throw conflict('cycle');
    const changes: AuditChange[] = [{ districtCode: cycle.district_code, action: 'livelihood_cycle.phase', entityType: 'livelihood_cycle', entityId: cycle.id, before: { phase: cycle.phase }, after: { phase: input.phase } }];
    if (input.phase === 'implementing') {
      const existing = new Set((await listResultRows(tx, cycle.district_code, cycle.id)).map((r) => r.candidate_id));
      for (const c of candidates.filter((c) => c.outcome === 'elected' && !existing.has(c.id))) {
        const result = await insertResultRow(tx, resultFromCandidate(c));
        await insertResultUpdate(tx, { district_code: cycle.district_code, result_id: result.id, actor_label: actor.label, changes: { status: { before: null, after: 'planned' } }, note: '票决通过,列入实施' });
        changes.push({ districtCode: cycle.district_code, action: 'livelihood_result.created', entityType: 'livelihood_result', entityId: result.id, before: null, after: { title: result.title, candidate: c.id } });
      }
    }
    await recordChanges(tx, actor, changes);
    return moved;
  });
  return presentCycle(row);
}

function resultFromCandidate(c: CandidateRow): Parameters<typeof insertResultRow>[1] {
  return {
    district_code: c.district_code,
    cycle_id: c.cycle_id,
    candidate_id: c.id,
    parent_id: null,
    title: c.title,
    description: c.description,
    status: 'planned',
    progress: null,
    goal_text: c.goal_text,
    goal_value: c.goal_value,
    goal_unit: c.goal_unit,
    achieved_value: null,
    start_date: null,
    end_date: null,
    department_code: c.department_code,
    sort_order: c.sort_order,
  };
}

// ---- candidates ------------------------------------------------------------------------------

/**
 * Proposes a candidate while the cycle collects them. A deputy's proposal is theirs
 * (source deputy, their name); managers record proposals from the public and departments.
 */
export async function proposeCandidate(options: Options & { cycleId: string; input: ProposeCandidateInput }): Promise<CandidateView> {
  const { db, actor, input } = options;
  assertCanPropose(actor);
  const cycle = await cycleInScope(db, actor, options.cycleId);
  if (cycle.phase !== 'collecting') throw phaseError(cycle.phase, '不能再提出候选项目');
  const isDeputy = actor.role === 'deputy';
  const source = isDeputy ? 'deputy' : (input.source ?? 'department');
  await checkDepartment(db, cycle.district_code, input.departmentCode);
  const proposerName = isDeputy ? await nameOf(db, actor) : null;
  const row = await db.transaction().execute(async (tx) => {
    const created = await insertCandidateRow(tx, {
      district_code: cycle.district_code,
      cycle_id: cycle.id,
      title: input.title,
      description: input.description ?? '',
      source,
      proposer_user_id: isDeputy ? actor.userId : null,
      proposer_label: proposerName ?? input.proposerLabel ?? null,
      cost_wan: input.costWan ?? null,
      scope: input.scope ?? null,
      goal_text: input.goalText ?? null,
      goal_value: input.goalValue ?? null,
      goal_unit: input.goalUnit ?? null,
      department_code: input.departmentCode ?? null,
    });
    await recordChanges(tx, actor, [{ districtCode: cycle.district_code, action: 'livelihood_candidate.proposed', entityType: 'livelihood_candidate', entityId: created.id, before: null, after: { title: created.title, source } }]);
    return created;
  });
  return presentCandidate(row, actor);
}

/** Screens a candidate (feasibility, cost, scope, whether it goes on the ballot) during screening (managers). */
export async function screenCandidate(options: Options & { id: string; input: ScreenCandidateInput }): Promise<CandidateView> {
  const { db, actor, input } = options;
  assertCanManageCycles(actor);
  const before = await findCandidateRow(db, options.id);
  const cycle = before ? await findCycleRow(db, before.cycle_id) : undefined;
  if (!before || !cycle || !isInScope(actor, cycle.region_path)) throw notFound('candidate', options.id);
  if (cycle.phase !== 'collecting' && cycle.phase !== 'screening') throw phaseError(cycle.phase, '不能再修改候选项目');
  await checkDepartment(db, cycle.district_code, input.departmentCode);
  const feasibility = input.feasibility ?? before.feasibility;
  const onBallot = input.onBallot ?? (feasibility === 'feasible' ? before.on_ballot : false);
  if (onBallot && feasibility !== 'feasible') {
    throw new AppError('VALIDATION_FAILED', 'only feasible candidates go on the ballot', { field: 'onBallot', userMessage: '只有论证可行的项目才能列入票决' });
  }
  const patch: Parameters<typeof updateCandidateRow>[2] = { feasibility, on_ballot: onBallot };
  if (input.title !== undefined) patch.title = input.title;
  if (input.description !== undefined) patch.description = input.description;
  if (input.costWan !== undefined) patch.cost_wan = input.costWan;
  if (input.scope !== undefined) patch.scope = input.scope;
  if (input.departmentCode !== undefined) patch.department_code = input.departmentCode;
  if (input.screeningNote !== undefined) patch.screening_note = input.screeningNote;
  if (input.goalText !== undefined) patch.goal_text = input.goalText;
  if (input.goalValue !== undefined) patch.goal_value = input.goalValue;
  if (input.goalUnit !== undefined) patch.goal_unit = input.goalUnit;
  const row = await db.transaction().execute(async (tx) => {
    const after = await updateCandidateRow(tx, before, patch, input.version);
    if (!after) throw conflict('candidate');
    await recordChanges(tx, actor, [{ districtCode: cycle.district_code, action: 'livelihood_candidate.screened', entityType: 'livelihood_candidate', entityId: before.id, before: pick(before, Object.keys(patch)), after: patch }]);
    return after;
  });
  return presentCandidate(row, actor);
}

/** The acting person's name as shown on proposals and evaluations. */
async function nameOf(db: Db, actor: Actor): Promise<string> {
  if (!actor.userId) return actor.label;
  return (await getOwnAccount({ db, actor })).displayName;
}

function pick(row: object, keys: string[]): Record<string, unknown> {
  const record = row as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, record[k]]));
}

// ---- ballot sessions -------------------------------------------------------------------------

/** The most deputy accounts a roll is built from; reaching it means the list may be cut. */
const USER_LIST_CAP = 100_000;

/**
 * Active deputy accounts anywhere in the cycle's region (listed as the cycle's region, a
 * narrowing of the actor's scope). The users service caps a listing at 1,000 rows; a roll
 * must never be cut silently, so reaching the cap fails loudly instead.
 */
async function deputiesUnder(db: Db, actor: Actor, cycle: CycleRow): Promise<{ id: string; displayName: string; regionCode: string }[]> {
  const users = await listUsers({ db, actor: { ...actor, regionPath: cycle.region_path }, role: 'deputy', limit: USER_LIST_CAP });
  if (users.length >= USER_LIST_CAP) {
    throw new AppError('INTERNAL', `${users.length} deputy accounts under ${cycle.region_code}: the listing may be cut`, {
      userMessage: `${cycle.region_code}辖区内的代表账号达到${USER_LIST_CAP}个,无法完整列出代表名单,请联系系统管理员`,
    });
  }
  return users.filter((u) => !u.disabled).map((u) => ({ id: u.id, displayName: u.displayName, regionCode: u.regionCode }));
}

/**
 * The default roll: deputies whose account region IS the cycle's region, i.e. the congress of
 * that district or town. A deputy registered at a village below it belongs to no congress of
 * that level by their account; the chair adds such deputies by setting the roll explicitly.
 */
async function defaultRoll(db: Db, actor: Actor, cycle: CycleRow): Promise<{ user_id: string; display_name: string }[]> {
  return (await deputiesUnder(db, actor, cycle)).filter((d) => d.regionCode === cycle.region_code).map((d) => ({ user_id: d.id, display_name: d.displayName }));
}

/**
 * A session as its voter reaches it. Membership is the roll: a deputy on the roll reaches the
 * session (and its cycle) wherever their own account is registered; anyone else only within
 * their scope. Outside both → NOT_FOUND.
 */
async function sessionForVoter(db: Db, actor: Actor, id: string): Promise<{ session: SessionRow; cycle: CycleRow; roll: RollRow | undefined }> {
  const session = await findSessionRow(db, id);
  const cycle = session ? await findCycleRow(db, session.cycle_id) : undefined;
  if (!session || !cycle) throw notFound('ballot session', id);
  const roll = actor.userId ? await findRollRow(db, { district_code: session.district_code, session_id: session.id, user_id: actor.userId }) : undefined;
  if (!roll && !isInScope(actor, cycle.region_path)) throw notFound('ballot session', id);
  return { session, cycle, roll };
}

/** What the next session of a cycle is, from the sessions so far (read under the cycle's lock). */
type NextSession =
  | { kind: 'first' }
  | { kind: 'ballot' | 'runoff'; after: SessionRow; candidateIds: string[]; rule: BallotRule; why: 'invalid' | 'unfilled' };

/**
 * Decides whether a new (non-runoff) session may be set up. The first one always; after that
 * only when the last counted session failed: invalid (quorum missed) → the same ballot again
 * (a runoff again as a runoff); valid with seats left empty → a new ballot for those seats
 * among its candidates not elected, by the first-round rule. A tie goes to a runoff instead.
 */
function nextSession(sessions: SessionRow[]): NextSession {
  if (sessions.some((s) => s.status !== 'counted')) {
    throw new AppError('PHASE_NOT_ALLOWED', 'a session is still running', { userMessage: '还有未计票的票决会议,请先完成' });
  }
  const last = sessions.at(-1);
  if (!last) return { kind: 'first' };
  const result = last.result as StoredResult;
  if (result.tied.length > 0) throw new AppError('PHASE_NOT_ALLOWED', 'a runoff is due', { userMessage: '末位票数相同,请用“另行投票”' });
  const kind = last.kind === 'runoff' ? 'runoff' : 'ballot';
  if (!result.valid) return { kind, after: last, candidateIds: last.candidate_ids, rule: ruleOf(last), why: 'invalid' };
  if (result.unfilledSeats > 0) {
    const elected = new Set(result.elected);
    return { kind: 'ballot', after: last, candidateIds: last.candidate_ids.filter((id) => !elected.has(id)), rule: { ...ruleOf(last), seats: result.unfilledSeats }, why: 'unfilled' };
  }
  throw new AppError('PHASE_NOT_ALLOWED', 'the ballot was held', { userMessage: '本年度已完成票决' });
}

/** A unique index said no: another request set up the same session first. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** Runs a session-creating transaction; a unique violation (two clicks at once) becomes ALREADY_EXISTS. */
async function creatingSession<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', 'session exists', { userMessage: '该票决会议已经设立' });
    throw error;
  });
}

/**
 * Sets up a ballot session of a cycle in the balloting phase (managers). The first: the
 * candidates on the ballot (by default every one screened onto it), the seats and the counting
 * rule (STANDARDS §8 unless told otherwise), and the roll (by default the congress of the
 * cycle's region, see {@link defaultRoll}). After an invalid session or one that left seats
 * empty, a new round as decided by {@link nextSession}, with the last session's roll and
 * nobody checked in (a new sitting; the candidates, seats and rule are not negotiable then).
 * The cycle row is locked and the sessions re-read inside the transaction, and unique indexes
 * on (cycle, round) and on the parent back it up, so two clicks give one session.
 */
export async function createBallotSession(options: Options & { cycleId: string; input: CreateSessionInput }): Promise<SessionView> {
  const { db, actor, input } = options;
  assertCanManageCycles(actor);
  const cycle = await cycleInScope(db, actor, options.cycleId);
  if (cycle.phase !== 'balloting') throw phaseError(cycle.phase, '不能设立票决会议');
  const candidates = await listCandidateRows(db, cycle.district_code, cycle.id);
  const onBallot = candidates.filter((c) => c.on_ballot);
  const ids = input.candidateIds ?? onBallot.map((c) => c.id);
  const allowed = new Set(onBallot.map((c) => c.id));
  const strange = ids.findIndex((id) => !allowed.has(id));
  if (strange >= 0) throw new AppError('VALIDATION_FAILED', `candidate ${ids[strange]} is not on the ballot`, { field: `candidateIds.${strange}`, userMessage: '该项目未列入票决' });
  if (ids.length === 0) throw new AppError('VALIDATION_FAILED', 'no candidates', { field: 'candidateIds', userMessage: '没有列入票决的候选项目' });
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION_FAILED', 'duplicate candidates', { field: 'candidateIds', userMessage: '候选项目重复' });
  const seats = input.seats ?? Math.min(cycle.planned_seats, ids.length);
  if (seats > ids.length) throw new AppError('VALIDATION_FAILED', 'more seats than candidates', { field: 'seats', userMessage: `应选名额(${seats})不能多于候选项目数(${ids.length})` });
  const firstRule: BallotRule = { seats, quorum: input.quorum ?? DEFAULT_RULE_WITHOUT_SEATS.quorum, pass: input.pass ?? DEFAULT_RULE_WITHOUT_SEATS.pass };
  // Read outside the transaction (another domain's service); used only if this is the first session.
  const regionRoll = input.rollFromRegion === false ? [] : await defaultRoll(db, actor, cycle);
  const row = await creatingSession(
    db.transaction().execute(async (tx) => {
      const locked = await lockCycleRow(tx, cycle);
      if (locked?.phase !== 'balloting') throw phaseError(locked?.phase ?? cycle.phase, '不能设立票决会议');
      const sessions = await listSessionRows(tx, cycle.district_code, cycle.id);
      const next = nextSession(sessions);
      let roll: { user_id: string; display_name: string }[] = regionRoll;
      if (next.kind !== 'first') {
        const previous = await listRollRows(tx, { district_code: next.after.district_code, session_id: next.after.id });
        // A paper ballot has no roll: fall back to the region's congress.
        if (previous.length > 0) roll = previous.map((r) => ({ user_id: r.user_id, display_name: r.display_name }));
      }
      const rule = next.kind === 'first' ? firstRule : next.rule;
      const created = await insertSessionRow(tx, {
        district_code: cycle.district_code,
        cycle_id: cycle.id,
        round: next.kind === 'first' ? 1 : next.after.round + 1,
        parent_session_id: next.kind === 'first' ? null : next.after.id,
        kind: next.kind === 'runoff' ? 'runoff' : 'ballot',
        title: input.title ?? (next.kind === 'first' ? `${cycle.title}票决` : `${next.after.title.replace(/((重新投票)|(补选))+$/, '')}${next.why === 'invalid' ? '(重新投票)' : '(补选)'}`),
        candidate_ids: next.kind === 'first' ? ids : next.candidateIds,
        ...ruleColumns(rule),
      });
      await replaceRollRows(tx, { district_code: cycle.district_code, session_id: created.id }, roll);
      const after = next.kind === 'first' ? { cycle: cycle.id, candidates: ids.length, rule, roll: roll.length } : { cycle: cycle.id, after: next.after.id, why: next.why, candidates: next.candidateIds.length, rule, roll: roll.length };
      await recordChanges(tx, actor, [{ districtCode: cycle.district_code, action: 'ballot_session.created', entityType: 'ballot_session', entityId: created.id, before: null, after }]);
      return created;
    }),
  );
  return presentSession(row);
}

function ruleColumns(rule: BallotRule) {
  return {
    seats: rule.seats,
    quorum_numerator: rule.quorum.numerator,
    quorum_denominator: rule.quorum.denominator,
    quorum_strict: rule.quorum.strict,
    pass_numerator: rule.pass.numerator,
    pass_denominator: rule.pass.denominator,
    pass_strict: rule.pass.strict,
    pass_base: rule.pass.base,
  };
}

/**
 * Records the tally of a ballot held on paper (managers): the counts are checked for
 * consistency and decided by the same rule as an electronic ballot; the session is stored as
 * counted and marked `recorded`, with no roll and no ballots.
 */
export async function recordPaperBallot(options: Options & { cycleId: string; input: RecordPaperBallotInput }): Promise<SessionView> {
  const { db, actor, input } = options;
  assertCanManageCycles(actor);
  const cycle = await cycleInScope(db, actor, options.cycleId);
  if (cycle.phase !== 'balloting') throw phaseError(cycle.phase, '不能录入票决结果');
  const onBallot = new Set((await listCandidateRows(db, cycle.district_code, cycle.id)).filter((c) => c.on_ballot).map((c) => c.id));
  const blank = input.blank ?? 0;
  const invalid = input.invalid ?? 0;
  const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { field, userMessage: message });
  if (input.present > input.roll) throw bad('present', '实到人数不能多于应到人数');
  if (input.cast > input.present) throw bad('cast', '收回选票不能多于实到人数');
  if (blank + invalid > input.cast) throw bad('blank', '空白票与无效票之和不能多于收回选票');
  const ids = input.votes.map((v) => v.candidateId);
  if (new Set(ids).size !== ids.length) throw bad('votes', '候选项目重复');
  const unknown = ids.findIndex((id) => !onBallot.has(id));
  if (unknown >= 0) throw bad(`votes.${unknown}.candidateId`, '该项目未列入票决');
  if (input.seats > ids.length) throw bad('seats', '应选名额不能多于候选项目数');
  const counted = input.cast - blank - invalid;
  const over = input.votes.findIndex((v) => v.votes > counted);
  if (over >= 0) throw bad(`votes.${over}.votes`, '得票数不能多于有效选票数');
  if (input.votes.reduce((s, v) => s + v.votes, 0) > counted * input.seats) throw bad('votes', '得票总数超过有效选票数×应选名额');
  const rule: BallotRule = { seats: input.seats, ...DEFAULT_RULE_WITHOUT_SEATS };
  const count = decide({ rule, candidateIds: ids, roll: input.roll, present: input.present, cast: input.cast, blank, invalid, votes: new Map(input.votes.map((v) => [v.candidateId, v.votes])) });
  const titles = Object.fromEntries((await listCandidateRows(db, cycle.district_code, cycle.id)).filter((c) => ids.includes(c.id)).map((c) => [c.id, c.title]));
  const row = await creatingSession(db.transaction().execute(async (tx) => {
    const locked = await lockCycleRow(tx, cycle);
    if (locked?.phase !== 'balloting') throw phaseError(locked?.phase ?? cycle.phase, '不能录入票决结果');
    if ((await listSessionRows(tx, cycle.district_code, cycle.id)).length > 0) throw new AppError('PHASE_NOT_ALLOWED', 'the ballot was held', { userMessage: '本年度已有票决会议' });
    const created = await insertCountedSessionRow(tx, {
      district_code: cycle.district_code,
      cycle_id: cycle.id,
      round: 1,
      parent_session_id: null,
      kind: 'ballot',
      title: input.title ?? `${cycle.title}票决`,
      candidate_ids: ids,
      ...ruleColumns(rule),
      result: { ...count, titles, recorded: true } satisfies StoredResult,
      held_at: new Date(`${input.heldOn}T09:00:00+08:00`),
    });
    for (const tally of count.tallies) {
      await updateCandidateRow(tx, { district_code: cycle.district_code, id: tally.candidateId }, { outcome: tally.outcome }, null);
    }
    await recordChanges(tx, actor, [{ districtCode: cycle.district_code, action: 'ballot_session.recorded', entityType: 'ballot_session', entityId: created.id, before: null, after: summaryOf(count) }]);
    return created;
  }));
  return presentSession(row);
}

/**
 * Replaces the roll of a session that has not opened yet (managers): any active deputy whose
 * account lies in the cycle's region, including those registered below it (a village), so the
 * chair can make the roll match the congress when accounts do not.
 */
export async function setBallotRoll(options: Options & { sessionId: string; userIds: string[] }): Promise<{ roll: number }> {
  const { db, actor } = options;
  assertCanManageCycles(actor);
  const { session, cycle } = await sessionInScope(db, actor, options.sessionId);
  const deputies = new Map((await deputiesUnder(db, actor, cycle)).map((d) => [d.id, d]));
  const rows = options.userIds.map((id, index) => {
    const deputy = deputies.get(id);
    if (!deputy) throw new AppError('VALIDATION_FAILED', `${id} is not a deputy of ${cycle.region_code}`, { field: `userIds.${index}`, userMessage: '名单中有非本级人大代表的账号' });
    return { user_id: id, display_name: deputy.displayName };
  });
  await db.transaction().execute(async (tx) => {
    const locked = await lockSessionRow(tx, session);
    if (locked?.status !== 'draft') throw new AppError('VOTING_CLOSED', 'roll is fixed once voting opens', { userMessage: '投票开始后不能再修改代表名单' });
    await replaceRollRows(tx, { district_code: session.district_code, session_id: session.id }, [...new Map(rows.map((r) => [r.user_id, r])).values()]);
    await recordChanges(tx, actor, [{ districtCode: session.district_code, action: 'ballot_session.roll', entityType: 'ballot_session', entityId: session.id, before: null, after: { roll: rows.length } }]);
  });
  return { roll: (await countRoll(db, { district_code: session.district_code, session_id: session.id })).roll };
}

/**
 * Checks a deputy in (报到) at the chair's desk: managers only. A deputy cannot check in from
 * their phone, since "present" must prove attendance for the quorum to mean anything. Only
 * while the session is being prepared or open.
 */
export async function checkInDeputy(options: Options & { sessionId: string; userId: string }): Promise<{ checkedIn: true; present: number }> {
  const { db, actor, userId } = options;
  if (!canManageCycles(actor)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot check deputies in`, { userMessage: '请到会场签到处签到' });
  }
  const { session } = await sessionInScope(db, actor, options.sessionId);
  await db.transaction().execute(async (tx) => {
    const locked = await shareLockSessionRow(tx, session);
    if (locked?.status === 'closed' || locked?.status === 'counted') throw new AppError('VOTING_CLOSED', 'session closed');
    const row = await checkInRollRow(tx, { district_code: session.district_code, session_id: session.id, user_id: userId });
    if (!row) throw new AppError('NOT_ON_ROLL', `${userId} is not on the roll`, { field: 'userId', userMessage: '该代表不在本次会议的代表名单中' });
    await recordChanges(tx, actor, [{ districtCode: session.district_code, action: 'ballot_session.check_in', entityType: 'ballot_session', entityId: session.id, before: null, after: { deputy: row.display_name } }]);
  });
  return { checkedIn: true, present: (await countRoll(db, { district_code: session.district_code, session_id: session.id })).present };
}

/** Opens voting (managers): the roll is fixed from now on. */
export async function openBallotSession(options: Options & { sessionId: string }): Promise<SessionView> {
  const { db, actor } = options;
  assertCanManageCycles(actor);
  const { session, cycle } = await sessionInScope(db, actor, options.sessionId);
  if (cycle.phase !== 'balloting') throw phaseError(cycle.phase, '不能开始投票');
  const row = await db.transaction().execute(async (tx) => {
    const counts = await countRoll(tx, { district_code: session.district_code, session_id: session.id });
    if (counts.roll === 0) throw new AppError('VALIDATION_FAILED', 'empty roll', { userMessage: '代表名单为空,不能开始投票' });
    const moved = await moveSessionRow(tx, session, 'draft', 'open');
    if (!moved) throw new AppError('VOTING_CLOSED', `session is ${session.status}`, { userMessage: '该会议已开始或已结束投票' });
    await recordChanges(tx, actor, [{ districtCode: session.district_code, action: 'ballot_session.opened', entityType: 'ballot_session', entityId: session.id, before: { status: 'draft' }, after: { status: 'open', ...counts } }]);
    return moved;
  });
  return presentSession(row);
}

/**
 * Closes voting (managers). Waits for ballots being cast (they hold a share lock on the
 * session), then rewrites the session's ballots in random order so that storage order and
 * inserting transaction no longer follow the order of voting, and vacuums the old versions.
 */
export async function closeBallotSession(options: Options & { sessionId: string }): Promise<SessionView> {
  const { db, actor } = options;
  assertCanManageCycles(actor);
  const { session } = await sessionInScope(db, actor, options.sessionId);
  const row = await db.transaction().execute(async (tx) => {
    const locked = await lockSessionRow(tx, session);
    if (locked?.status !== 'open') throw new AppError(locked?.status === 'draft' ? 'VOTING_NOT_OPEN' : 'VOTING_CLOSED', `session is ${locked?.status}`);
    const moved = await moveSessionRow(tx, session, 'open', 'closed');
    if (!moved) throw conflict('session');
    const ballots = await shuffleBallots(tx, { district_code: session.district_code, session_id: session.id });
    const counts = await countRoll(tx, { district_code: session.district_code, session_id: session.id });
    await recordChanges(tx, actor, [{ districtCode: session.district_code, action: 'ballot_session.closed', entityType: 'ballot_session', entityId: session.id, before: { status: 'open' }, after: { status: 'closed', ...counts, ballots } }]);
    return moved;
  });
  // Best effort: the session is closed either way; a later autovacuum does the same.
  await vacuumBallots(db).catch(() => undefined);
  return presentSession(row);
}

/**
 * Counts a closed session (managers) by the rule of STANDARDS §8, stores the result sheet
 * and marks each candidate elected, not elected or for a new ballot among the tied.
 */
export async function countBallotSession(options: Options & { sessionId: string }): Promise<SessionView> {
  const { db, actor } = options;
  assertCanManageCycles(actor);
  const { session } = await sessionInScope(db, actor, options.sessionId);
  const row = await db.transaction().execute(async (tx) => {
    const locked = await lockSessionRow(tx, session);
    if (locked?.status === 'open' || locked?.status === 'draft') throw new AppError('PHASE_NOT_ALLOWED', 'close the session first', { userMessage: '请先结束投票再计票' });
    if (locked?.status === 'counted') throw new AppError('PHASE_NOT_ALLOWED', 'already counted', { userMessage: '该会议已计票' });
    const key = { district_code: session.district_code, session_id: session.id };
    const counts = await countRoll(tx, key);
    const ballots = await listBallotChoices(tx, key);
    if (ballots.length !== counts.voted) {
      // The roll and the ballot box must agree; they are written in one transaction.
      throw new AppError('INTERNAL', `ballots ${ballots.length} ≠ voted ${counts.voted}`);
    }
    const count = countBallots({ rule: ruleOf(session), candidateIds: session.candidate_ids, roll: counts.roll, present: counts.present, ballots, runoff: session.kind === 'runoff' });
    const candidates = await listCandidateRows(tx, session.district_code, session.cycle_id);
    const titles = Object.fromEntries(candidates.filter((c) => session.candidate_ids.includes(c.id)).map((c) => [c.id, c.title]));
    const stored: StoredResult = { ...count, titles };
    const moved = await moveSessionRow(tx, session, 'closed', 'counted', stored);
    if (!moved) throw conflict('session');
    for (const tally of count.tallies) {
      await updateCandidateRow(tx, { district_code: session.district_code, id: tally.candidateId }, { outcome: tally.outcome }, null);
    }
    await recordChanges(tx, actor, [{ districtCode: session.district_code, action: 'ballot_session.counted', entityType: 'ballot_session', entityId: session.id, before: { status: 'closed' }, after: summaryOf(count) }]);
    return moved;
  });
  return presentSession(row);
}

function summaryOf(count: CountResult) {
  return { roll: count.roll, present: count.present, valid: count.valid, cast: count.cast, elected: count.elected, tied: count.tied, votes: Object.fromEntries(count.tallies.map((t) => [t.candidateId, t.votes])) };
}

/**
 * Sets up the new ballot among the candidates tied at the last seat of the latest session
 * (managers), also after a runoff that tied again; the roll and check-ins carry over (the
 * same sitting). The runoff is counted by most votes (ballot-count.ts). Under the cycle's lock,
 * backed by the unique indexes, like {@link createBallotSession}.
 */
export async function createRunoffSession(options: Options & { sessionId: string }): Promise<SessionView> {
  const { db, actor } = options;
  assertCanManageCycles(actor);
  const { session, cycle } = await sessionInScope(db, actor, options.sessionId);
  const result = session.result as StoredResult | null;
  if (session.status !== 'counted' || !result || result.tied.length === 0) {
    throw new AppError('PHASE_NOT_ALLOWED', 'no tie to break', { userMessage: '该会议没有需要另行投票的票数相同项目' });
  }
  const rule = { ...ruleOf(session), seats: result.runoffSeats };
  const row = await creatingSession(
    db.transaction().execute(async (tx) => {
      const locked = await lockCycleRow(tx, cycle);
      if (locked?.phase !== 'balloting') throw phaseError(locked?.phase ?? cycle.phase, '不能另行投票');
      const sessions = await listSessionRows(tx, cycle.district_code, cycle.id);
      if (sessions.some((s) => s.parent_session_id === session.id)) throw new AppError('ALREADY_EXISTS', 'runoff exists', { userMessage: '已设立另行投票' });
      if (sessions.at(-1)?.id !== session.id) throw new AppError('PHASE_NOT_ALLOWED', 'not the latest session', { userMessage: '只能就最近一次计票的结果另行投票' });
      const roll = await listRollRows(tx, { district_code: session.district_code, session_id: session.id });
      const created = await insertSessionRow(tx, {
        district_code: session.district_code,
        cycle_id: session.cycle_id,
        round: session.round + 1,
        parent_session_id: session.id,
        kind: 'runoff',
        title: `${session.title.replace(/(另行投票)+$/, '')}(另行投票)`,
        candidate_ids: result.tied,
        ...ruleColumns(rule),
      });
      await replaceRollRows(tx, { district_code: session.district_code, session_id: created.id }, roll.map((r) => ({ user_id: r.user_id, display_name: r.display_name, checked_in_at: r.checked_in_at })));
      await recordChanges(tx, actor, [{ districtCode: session.district_code, action: 'ballot_session.created', entityType: 'ballot_session', entityId: created.id, before: null, after: { runoffOf: session.id, candidates: result.tied, seats: rule.seats } }]);
      return created;
    }),
  );
  return presentSession(row);
}

/**
 * Casts a deputy's secret ballot. In one transaction: the session must be open (read under
 * a share lock so closing waits for it), the deputy on the roll and checked in; the roll row
 * is marked voted only if it was not (0 rows → ALREADY_VOTED, so two requests at once give one
 * ballot), and the ballot is stored with its sorted choices and nothing that names the voter.
 * The audit row says who cast a ballot in which session, never what.
 */
export async function castBallot(options: Options & { sessionId: string; input: CastBallotInput }): Promise<{ cast: true }> {
  const { db, actor, input } = options;
  assertIsDeputy(actor, 'vote');
  const userId = actor.userId as string;
  const { session } = await sessionForVoter(db, actor, options.sessionId);
  const key = { district_code: session.district_code, session_id: session.id, user_id: userId };
  await db.transaction().execute(async (tx) => {
    const locked = await shareLockSessionRow(tx, session);
    if (locked?.status === 'draft') throw new AppError('VOTING_NOT_OPEN', 'session not open');
    if (locked?.status !== 'open') throw new AppError('VOTING_CLOSED', `session is ${locked?.status}`);
    const problem = ballotProblem(input.choices, session.candidate_ids, session.seats);
    if (problem === 'too_many') {
      throw new AppError('TOO_MANY_CHOICES', `${input.choices.length} choices for ${session.seats} seats`, { field: 'choices', userMessage: `最多选择${session.seats}项,您选择了${input.choices.length}项` });
    }
    if (problem) {
      const index = problem === 'unknown' ? input.choices.findIndex((c) => !session.candidate_ids.includes(c)) : input.choices.findIndex((c, i) => input.choices.indexOf(c) !== i);
      throw new AppError('VALIDATION_FAILED', `ballot ${problem}`, { field: `choices.${index}`, userMessage: problem === 'unknown' ? '所选项目不在本次票决名单中' : '同一项目不能重复选择' });
    }
    const marked = await markVoted(tx, key);
    if (!marked) {
      // Only now tell the two refusals apart: not on the roll (or not checked in), or voted.
      const roll = await findRollRow(tx, key);
      if (!roll || !roll.checked_in_at) throw new AppError('NOT_ON_ROLL', `${userId} not on roll or not checked in`);
      throw new AppError('ALREADY_VOTED', `${userId} already voted`);
    }
    await insertBallot(tx, { district_code: session.district_code, session_id: session.id }, [...input.choices].sort());
    await recordChanges(tx, actor, [{ districtCode: session.district_code, action: 'ballot.cast', entityType: 'ballot_session', entityId: session.id, before: null, after: { deputy: marked.display_name } }]);
  });
  return { cast: true };
}

/** The ballot page of a deputy. */
export async function getMyBallot(options: Options & { sessionId: string }): Promise<MyBallotView> {
  const { db, actor } = options;
  const { session, cycle, roll } = await sessionForVoter(db, actor, options.sessionId);
  const byId = new Map((await listCandidateRows(db, session.district_code, session.cycle_id)).map((c) => [c.id, c]));
  const view = presentSession(session);
  return {
    session: { id: view.id, title: view.title, round: view.round, seats: view.seats, status: view.status, statusLabel: view.statusLabel, ruleText: view.ruleText },
    cycle: { id: cycle.id, title: cycle.title, year: cycle.year },
    candidates: session.candidate_ids
      .map((id) => byId.get(id))
      .filter((c): c is CandidateRow => c !== undefined)
      .map((c) => {
        const v = presentCandidate(c, actor);
        return { id: v.id, title: v.title, description: v.description, costWan: v.costWan, scope: v.scope, goalText: v.goalText, sourceLabel: v.sourceLabel };
      }),
    me: { onRoll: Boolean(roll), checkedIn: Boolean(roll?.checked_in_at), hasVoted: Boolean(roll?.has_voted) },
  };
}

/**
 * Uncounted ballot sessions the acting deputy is on the roll of (for their phone's start
 * page), found by the roll, not by scope: the roll is the membership.
 */
export async function listMyOpenSessions(options: Options): Promise<MyOpenSessionView[]> {
  const { db, actor } = options;
  if (!actor.userId) return [];
  return (await listUncountedSessionsOnRoll(db, actor.userId))
    .filter((s) => s.cycle_phase === 'balloting')
    .map((s) => ({ id: s.id, title: s.title, status: s.status as SessionStatus, hasVoted: s.has_voted, checkedIn: s.checked_in_at !== null }));
}

/** The live count of a session. */
export async function getLiveCount(options: Options & { sessionId: string }): Promise<LiveCountView> {
  const { db, actor } = options;
  const { session } = await sessionInScope(db, actor, options.sessionId);
  const key = { district_code: session.district_code, session_id: session.id };
  const [counts, ballots] = await Promise.all([countRoll(db, key), countBallotRows(db, key)]);
  const rule = ruleOf(session);
  const quorumNeeded = thresholdCount(counts.roll, rule.quorum);
  let count: LiveCountView['count'] = null;
  if (session.status === 'counted') count = session.result as StoredResult;
  else if (session.status === 'closed') {
    const candidates = await listCandidateRows(db, session.district_code, session.cycle_id);
    const titles = Object.fromEntries(candidates.filter((c) => session.candidate_ids.includes(c.id)).map((c) => [c.id, c.title]));
    count = { ...countBallots({ rule, candidateIds: session.candidate_ids, roll: counts.roll, present: counts.present, ballots: await listBallotChoices(db, key), runoff: session.kind === 'runoff' }), titles };
  }
  const passBase = rule.pass.base === 'roll' ? counts.roll : rule.pass.base === 'present' ? counts.present : counts.voted;
  const deputies = canSeeRoll(actor)
    ? (await listRollRows(db, key)).map((r) => ({ userId: r.user_id, name: r.display_name, checkedIn: r.checked_in_at !== null, hasVoted: r.has_voted }))
    : null;
  return {
    session: presentSession(session),
    ...counts,
    ballots,
    quorumNeeded,
    quorumMet: counts.present >= quorumNeeded,
    passNeeded: session.kind === 'runoff' ? 0 : rule.pass.base === 'cast' && session.status === 'open' ? null : Math.max(1, thresholdCount(passBase, rule.pass)),
    count,
    deputies,
  };
}

/** A session with its cycle (for the result sheet). */
export async function getBallotSession(options: Options & { sessionId: string }): Promise<{ session: SessionView; cycle: CycleView }> {
  const { session, cycle } = await sessionInScope(options.db, options.actor, options.sessionId);
  return { session: presentSession(session), cycle: presentCycle(cycle) };
}

// ---- results ---------------------------------------------------------------------------------

function progressNodes(rows: ResultRow[]): ProgressNode[] {
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    weight: r.weight,
    status: r.status as ResultStatus,
    progress: r.progress,
    goalValue: r.goal_value,
    achievedValue: r.achieved_value,
  }));
}

/** Builds the result forest with rolled-up progress and milestones. */
function buildTree(rows: ResultRow[], milestones: MilestoneView[]): ResultView[] {
  const progress = rollUpProgress(progressNodes(rows));
  const byResult = new Map<string, MilestoneView[]>();
  for (const m of milestones) byResult.set(m.resultId, [...(byResult.get(m.resultId) ?? []), m]);
  const views = new Map(rows.map((r) => [r.id, presentResult(r, progress.get(r.id) ?? 0, byResult.get(r.id) ?? [])]));
  const roots: ResultView[] = [];
  for (const view of views.values()) {
    const parent = view.parentId ? views.get(view.parentId) : undefined;
    if (parent) parent.children.push(view);
    else roots.push(view);
  }
  return roots;
}

/** The results of a cycle as a tree with weighted progress. */
export async function listResults(options: Options & { cycleId: string }): Promise<{ cycle: CycleView; results: ResultView[]; progress: number }> {
  const { db, actor } = options;
  const cycle = await cycleInScope(db, actor, options.cycleId);
  const rows = await listResultRows(db, cycle.district_code, cycle.id);
  const milestones = (await listMilestoneRows(db, cycle.district_code, rows.map((r) => r.id))).map(presentMilestone);
  const results = buildTree(rows, milestones);
  const overall = results.length ? results.reduce((s, r) => s + r.progress, 0) / results.length : 0;
  return { cycle: presentCycle(cycle), results, progress: Math.round(overall * 10) / 10 };
}

/** One result with its subtree, history and evaluations. */
export async function getResult(options: Options & { id: string }): Promise<{ result: ResultView; history: ResultUpdateView[]; evaluations: EvaluationView[] }> {
  const { db, actor } = options;
  const { result, cycle } = await resultInScope(db, actor, options.id);
  const rows = await listResultRows(db, cycle.district_code, cycle.id);
  const milestones = (await listMilestoneRows(db, cycle.district_code, rows.map((r) => r.id))).map(presentMilestone);
  const find = (list: ResultView[]): ResultView | undefined => {
    for (const v of list) {
      if (v.id === result.id) return v;
      const inner = find(v.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const view = find(buildTree(rows, milestones)) as ResultView;
  const [history, evaluations] = await Promise.all([
    listResultUpdates(db, { district_code: cycle.district_code, result_id: result.id }),
    listEvaluationRows(db, cycle.district_code, [result.id]),
  ]);
  return { result: view, history: history.map(presentResultUpdate), evaluations: evaluations.map(presentEvaluation) };
}

function assertTrackingPhase(cycle: CycleRow): void {
  if (cycle.phase !== 'implementing' && cycle.phase !== 'evaluating') throw phaseError(cycle.phase, '不能填报实施情况');
}

/** Adds a result or a sub-result (managers; department staff under a result their department owns). */
export async function createResult(options: Options & { cycleId: string; input: CreateResultInput }): Promise<ResultView> {
  const { db, actor, input } = options;
  const cycle = await cycleInScope(db, actor, options.cycleId);
  assertTrackingPhase(cycle);
  const rows = await listResultRows(db, cycle.district_code, cycle.id);
  const parent = input.parentId ? rows.find((r) => r.id === input.parentId) : undefined;
  if (input.parentId && !parent) throw new AppError('NOT_FOUND', 'parent not in cycle', { field: 'parentId', userMessage: '上级事项不存在' });
  if (parent && parent.depth >= 5) throw new AppError('VALIDATION_FAILED', 'too deep', { field: 'parentId', userMessage: '事项最多分五级' });
  if (parent) assertCanReportProgress(actor, parent.department_code);
  else assertCanManageCycles(actor);
  await checkDepartment(db, cycle.district_code, input.departmentCode);
  const status = input.status ?? 'planned';
  const row = await db.transaction().execute(async (tx) => {
    const created = await insertResultRow(tx, {
      district_code: cycle.district_code,
      cycle_id: cycle.id,
      candidate_id: input.candidateId ?? null,
      parent_id: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      title: input.title,
      description: input.description ?? '',
      weight: input.weight ?? 1,
      status,
      progress: input.progress ?? null,
      goal_text: input.goalText ?? null,
      goal_value: input.goalValue ?? null,
      goal_unit: input.goalUnit ?? null,
      achieved_value: input.achievedValue ?? null,
      start_date: input.startDate ?? null,
      end_date: input.endDate ?? null,
      department_code: input.departmentCode ?? parent?.department_code ?? null,
    });
    await insertResultUpdate(tx, { district_code: cycle.district_code, result_id: created.id, actor_label: actor.label, changes: { status: { before: null, after: status } }, note: '创建' });
    await recordChanges(tx, actor, [{ districtCode: cycle.district_code, action: 'livelihood_result.created', entityType: 'livelihood_result', entityId: created.id, before: null, after: { title: created.title, parent: created.parent_id } }]);
    return created;
  }).catch(translateUnique);
  return (await getResult({ db, actor, id: row.id })).result;
}

function translateUnique(error: unknown): never {
  if (typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505') {
    throw new AppError('ALREADY_EXISTS', 'result exists', { field: 'candidateId', userMessage: '该项目已有跟踪事项' });
  }
  throw error;
}

const DEPARTMENT_FIELDS = new Set(['status', 'progress', 'achievedValue', 'note', 'version']);

/**
 * Reports on a result (status, progress, achieved value …) if nobody changed it since
 * `version`. A status without a progress sets the status's default progress (Decidim). Each
 * change adds a line to the result's history and an audit row.
 */
export async function updateResult(options: Options & { id: string; input: UpdateResultInput }): Promise<ResultView> {
  const { db, actor, input } = options;
  const { result: before, cycle } = await resultInScope(db, actor, options.id);
  assertCanReportProgress(actor, before.department_code);
  if (!canManageCycles(actor)) {
    const other = Object.keys(input).find((k) => !DEPARTMENT_FIELDS.has(k));
    if (other) throw new AppError('FORBIDDEN', `department staff cannot change ${other}`, { field: other, userMessage: '责任部门只能填报状态、进度和完成值' });
  }
  assertTrackingPhase(cycle);
  await checkDepartment(db, cycle.district_code, input.departmentCode);
  if (input.endDate && (input.startDate ?? before.start_date) && input.endDate < (input.startDate ?? before.start_date ?? '')) {
    throw new AppError('VALIDATION_FAILED', 'end before start', { field: 'endDate', userMessage: '完成日期不能早于开始日期' });
  }
  const patch: Parameters<typeof updateResultRow>[2] = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.description !== undefined) patch.description = input.description;
  if (input.weight !== undefined) patch.weight = input.weight;
  if (input.status !== undefined) patch.status = input.status;
  if (input.progress !== undefined) patch.progress = input.progress;
  else if (input.status !== undefined && input.status !== before.status) {
    const implied = RESULT_STATUS_DEFAULT_PROGRESS[input.status];
    if (implied !== null) patch.progress = implied;
  }
  if (input.achievedValue !== undefined) patch.achieved_value = input.achievedValue;
  if (input.goalText !== undefined) patch.goal_text = input.goalText;
  if (input.goalValue !== undefined) patch.goal_value = input.goalValue;
  if (input.goalUnit !== undefined) patch.goal_unit = input.goalUnit;
  if (input.startDate !== undefined) patch.start_date = input.startDate;
  if (input.endDate !== undefined) patch.end_date = input.endDate;
  if (input.departmentCode !== undefined) patch.department_code = input.departmentCode;
  const record = before as unknown as Record<string, unknown>;
  const changes = Object.fromEntries(
    Object.entries(patch)
      .filter(([k, v]) => record[k] !== v)
      .map(([k, v]) => [k, { before: record[k] ?? null, after: v ?? null }]),
  );
  await db.transaction().execute(async (tx) => {
    const after = await updateResultRow(tx, before, patch, input.version);
    if (!after) throw conflict('result');
    if (Object.keys(changes).length > 0 || input.note) {
      await insertResultUpdate(tx, { district_code: cycle.district_code, result_id: before.id, actor_label: actor.label, changes, note: input.note ?? null });
    }
    await recordChanges(tx, actor, [{ districtCode: cycle.district_code, action: 'livelihood_result.updated', entityType: 'livelihood_result', entityId: before.id, before: pick(before, Object.keys(patch)), after: patch }]);
  });
  return (await getResult({ db, actor, id: before.id })).result;
}

/** Adds a milestone to a result (managers, or the owning department). */
export async function addMilestone(options: Options & { resultId: string; input: AddMilestoneInput }): Promise<MilestoneView> {
  const { db, actor, input } = options;
  const { result, cycle } = await resultInScope(db, actor, options.resultId);
  assertCanReportProgress(actor, result.department_code);
  assertTrackingPhase(cycle);
  const row = await db.transaction().execute(async (tx) => {
    const created = await insertMilestoneRow(tx, { district_code: cycle.district_code, result_id: result.id, title: input.title, due_date: input.dueDate, done_date: input.doneDate ?? null, note: input.note ?? null });
    await recordChanges(tx, actor, [{ districtCode: cycle.district_code, action: 'livelihood_milestone.created', entityType: 'livelihood_milestone', entityId: created.id, before: null, after: { result: result.id, title: input.title, due: input.dueDate } }]);
    return created;
  });
  return presentMilestone(row);
}

/** Marks a milestone done (or not) (managers, or the owning department). */
export async function updateMilestone(options: Options & { id: string; input: UpdateMilestoneInput }): Promise<MilestoneView> {
  const { db, actor, input } = options;
  const milestone = await findMilestoneRow(db, options.id);
  if (!milestone) throw notFound('milestone', options.id);
  const { result, cycle } = await resultInScope(db, actor, milestone.result_id).catch(() => {
    throw notFound('milestone', options.id);
  });
  assertCanReportProgress(actor, result.department_code);
  assertTrackingPhase(cycle);
  const patch: { done_date?: string | null; note?: string | null } = {};
  if (input.doneDate !== undefined) patch.done_date = input.doneDate;
  if (input.note !== undefined) patch.note = input.note;
  const row = await db.transaction().execute(async (tx) => {
    const after = await updateMilestoneRow(tx, milestone, patch, input.version);
    if (!after) throw conflict('milestone');
    await insertResultUpdate(tx, { district_code: cycle.district_code, result_id: result.id, actor_label: actor.label, changes: { [`节点“${milestone.title}”完成日期`]: { before: milestone.done_date, after: after.done_date } }, note: input.note ?? null });
    await recordChanges(tx, actor, [{ districtCode: cycle.district_code, action: 'livelihood_milestone.updated', entityType: 'livelihood_milestone', entityId: milestone.id, before: { done_date: milestone.done_date }, after: patch }]);
    return after;
  });
  return presentMilestone(row);
}

/** A deputy's evaluation of a result at inspection (视察评议), while implementing or evaluating. */
export async function evaluateResult(options: Options & { resultId: string; input: EvaluateResultInput }): Promise<EvaluationView> {
  const { db, actor, input } = options;
  assertIsDeputy(actor, 'evaluate');
  const { result, cycle } = await resultInScope(db, actor, options.resultId);
  if (cycle.phase !== 'implementing' && cycle.phase !== 'evaluating') throw phaseError(cycle.phase, '不能评议');
  const deputyName = await nameOf(db, actor);
  const row = await db.transaction().execute(async (tx) => {
    const saved = await upsertEvaluationRow(tx, {
      district_code: cycle.district_code,
      result_id: result.id,
      deputy_user_id: actor.userId as string,
      deputy_name: deputyName,
      score: input.score,
      satisfaction: input.satisfaction,
      comment: input.comment ?? null,
    });
    await recordChanges(tx, actor, [{ districtCode: cycle.district_code, action: 'livelihood_result.evaluated', entityType: 'livelihood_result', entityId: result.id, before: null, after: { score: input.score, satisfaction: input.satisfaction } }]);
    return saved;
  });
  return presentEvaluation(row);
}

// ---- CSV import of results -------------------------------------------------------------------

const CSV_COLUMNS: Record<string, string> = {
  标题: 'title',
  名称: 'title',
  title: 'title',
  上级: 'parent',
  parent: 'parent',
  权重: 'weight',
  weight: 'weight',
  状态: 'status',
  status: 'status',
  进度: 'progress',
  progress: 'progress',
  目标: 'goalText',
  goal: 'goalText',
  目标值: 'goalValue',
  goal_value: 'goalValue',
  单位: 'goalUnit',
  unit: 'goalUnit',
  完成值: 'achievedValue',
  achieved: 'achievedValue',
  开始日期: 'startDate',
  start: 'startDate',
  完成日期: 'endDate',
  end: 'endDate',
  责任部门: 'departmentCode',
  department: 'departmentCode',
};

/**
 * Imports results from CSV (Decidim's import): one row per result, `上级` naming the parent
 * by title (a parent must come before its children or exist already). A row whose title (under
 * the same parent) exists updates it; otherwise it is created. Bad rows are reported, good
 * rows stored.
 */
export async function importResults(options: Options & { cycleId: string; csv: string }): Promise<ResultImportSummary> {
  const { db, actor } = options;
  assertCanManageCycles(actor);
  const cycle = await cycleInScope(db, actor, options.cycleId);
  assertTrackingPhase(cycle);
  let records: Record<string, string>[];
  try {
    records = parseCsv(options.csv.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as Record<string, string>[];
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `unreadable CSV: ${String(error)}`, { field: 'file', userMessage: '无法读取CSV文件,请确认是UTF-8编码、首行为列名' });
  }
  const rejected: ResultImportProblem[] = [];
  let created = 0;
  let updated = 0;
  for (const [index, raw] of records.entries()) {
    const rowNumber = index + 2;
    const rec: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      const key = CSV_COLUMNS[k.trim()] ?? CSV_COLUMNS[k.trim().toLowerCase()];
      if (key && v !== '') rec[key] = v;
    }
    const fail = (field: string, message: string) => rejected.push({ row: rowNumber, field, message });
    if (!rec.title) {
      fail('title', '缺少标题');
      continue;
    }
    const status = rec.status ? (RESULT_STATUSES.find((s) => s === rec.status || RESULT_STATUS_LABELS[s] === rec.status) ?? null) : undefined;
    if (status === null) {
      fail('status', `未知状态“${rec.status}”`);
      continue;
    }
    const num = (field: string): number | null | undefined => {
      if (rec[field] === undefined) return undefined;
      const n = Number(String(rec[field]).replace(/[%,]/g, ''));
      return Number.isFinite(n) ? n : null;
    };
    const fields = ['weight', 'progress', 'goalValue', 'achievedValue'] as const;
    const numbers = Object.fromEntries(fields.map((f) => [f, num(f)]));
    const bad = fields.find((f) => numbers[f] === null);
    if (bad) {
      fail(bad, '不是数字');
      continue;
    }
    const rows = await listResultRows(db, cycle.district_code, cycle.id);
    const parent = rec.parent ? rows.find((r) => r.title === rec.parent) : undefined;
    if (rec.parent && !parent) {
      fail('parent', `上级“${rec.parent}”不存在`);
      continue;
    }
    const existing = rows.find((r) => r.title === rec.title && r.parent_id === (parent?.id ?? null));
    const common = {
      weight: numbers.weight ?? undefined,
      status: status ?? undefined,
      progress: numbers.progress ?? undefined,
      goalText: rec.goalText,
      goalValue: numbers.goalValue ?? undefined,
      goalUnit: rec.goalUnit,
      achievedValue: numbers.achievedValue ?? undefined,
      startDate: rec.startDate,
      endDate: rec.endDate,
      departmentCode: rec.departmentCode,
    };
    const defined = Object.fromEntries(Object.entries(common).filter(([, v]) => v !== undefined));
    try {
      const { createResultSchema, updateResultSchema } = await import('./livelihood-schemas.js');
      if (existing) {
        const input = updateResultSchema.parse({ ...defined, version: existing.version, note: 'CSV导入' });
        await updateResult({ db, actor, id: existing.id, input });
        updated += 1;
      } else {
        const input = createResultSchema.parse({ ...defined, title: rec.title, parentId: parent?.id ?? null });
        await createResult({ db, actor, cycleId: cycle.id, input });
        created += 1;
      }
    } catch (error) {
      if (error instanceof AppError) fail(error.field ?? '', error.userMessage);
      else if (error && typeof error === 'object' && 'issues' in error) {
        const issue = (error as { issues: { path: PropertyKey[]; message: string }[] }).issues[0];
        fail(String(issue?.path.join('.') ?? ''), issue?.message ?? '格式不正确');
      } else throw error;
    }
  }
  return { created, updated, rejected };
}

// ---- the public ------------------------------------------------------------------------------

// The views are defined once in the shared vocabulary, which the web UI imports too.
export type { LiveCountView, MyBallotView, MyOpenSessionView, PublicCycleView, PublicPromiseView, ResultImportProblem, ResultImportSummary };

function toPublic(view: ResultView): PublicPromiseView {
  return {
    id: view.id,
    title: view.title,
    description: view.description,
    goalText: view.goalText,
    goalValue: view.goalValue,
    goalUnit: view.goalUnit,
    achievedValue: view.achievedValue,
    status: view.status,
    statusLabel: view.statusLabel,
    progress: view.progress,
    endDate: view.endDate,
    departmentCode: view.departmentCode,
    milestones: view.milestones.map((m) => ({ title: m.title, dueDate: m.dueDate, doneDate: m.doneDate })),
    children: view.children.map(toPublic),
  };
}

/** The public promises page: every cycle past its ballot, with its promises and progress. No login. */
export async function listPublicPromises(options: { db: Db; regionCode?: string; year?: number }): Promise<PublicCycleView[]> {
  const { db } = options;
  const cycles = (await listCycleRows(db, '/')).filter(
    (c) =>
      ['implementing', 'evaluating', 'finished'].includes(c.phase) &&
      (!options.regionCode || c.region_code === options.regionCode || c.region_path.includes(`/${options.regionCode}/`)) &&
      (!options.year || c.year === options.year),
  );
  const results = await listResultRowsOfCycles(db, cycles.map((c) => c.id));
  const out: PublicCycleView[] = [];
  for (const cycle of cycles) {
    const rows = results.filter((r) => r.cycle_id === cycle.id);
    const milestones = (await listMilestoneRows(db, cycle.district_code, rows.map((r) => r.id))).map(presentMilestone);
    const tree = buildTree(rows, milestones);
    const sessions = await listSessionRows(db, cycle.district_code, cycle.id);
    const view = presentCycle(cycle);
    out.push({
      id: cycle.id,
      regionCode: cycle.region_code,
      year: cycle.year,
      title: cycle.title,
      phase: view.phase,
      phaseLabel: view.phaseLabel,
      progress: tree.length ? Math.round((tree.reduce((s, r) => s + r.progress, 0) / tree.length) * 10) / 10 : 0,
      promises: tree.map(toPublic),
      ballots: sessions
        .filter((s) => s.status === 'counted' && s.result)
        .map((s) => {
          const r = s.result as StoredResult;
          return {
            round: s.round,
            roll: r.roll,
            present: r.present,
            cast: r.cast,
            valid: r.valid,
            tallies: r.tallies.map((t) => ({ title: r.titles[t.candidateId] ?? '', votes: t.votes, outcome: t.outcome })),
          };
        }),
    });
  }
  return out;
}
