/**
 * SQL of the livelihood domain: cycles, candidates, ballot sessions, the roll, secret
 * ballots and tracked results. The only file of the domain with SQL.
 */
import { sql, type Selectable } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';
import type {
  BallotRollTable,
  BallotSessionsTable,
  LivelihoodCandidatesTable,
  LivelihoodCyclesTable,
  LivelihoodEvaluationsTable,
  LivelihoodResultMilestonesTable,
  LivelihoodResultsTable,
  LivelihoodResultUpdatesTable,
} from '@/db/schema-livelihood.js';

/** A cycle row. */
export type CycleRow = Selectable<LivelihoodCyclesTable>;
/** A candidate row. */
export type CandidateRow = Selectable<LivelihoodCandidatesTable>;
/** A ballot session row. */
export type SessionRow = Selectable<BallotSessionsTable>;
/** A roll row. */
export type RollRow = Selectable<BallotRollTable>;
/** A result row. */
export type ResultRow = Selectable<LivelihoodResultsTable>;
/** A milestone row. */
export type MilestoneRow = Selectable<LivelihoodResultMilestonesTable>;
/** A history row. */
export type ResultUpdateRow = Selectable<LivelihoodResultUpdatesTable>;
/** An evaluation row. */
export type EvaluationRow = Selectable<LivelihoodEvaluationsTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** True when `id` can be a key (anything else is simply not found). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

// ---- cycles ----------------------------------------------------------------------------------

/** Cycles whose region lies under `pathPrefix`, newest year first. */
export async function listCycleRows(db: Executor, pathPrefix: string): Promise<CycleRow[]> {
  return db
    .selectFrom('livelihood_cycles')
    .selectAll()
    .where('region_path', 'like', `${pathPrefix.replace(/[\\%_]/g, '\\$&')}%`)
    .orderBy('year', 'desc')
    .orderBy('region_code')
    .execute();
}

/** One cycle by id (any district; callers check scope). */
export async function findCycleRow(db: Executor, id: string): Promise<CycleRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('livelihood_cycles').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Reads a cycle and locks it for the rest of the transaction: setting up a ballot session
 * serialises on it, so two clicks at once see each other's session.
 */
export async function lockCycleRow(tx: Tx, key: { district_code: string; id: string }): Promise<CycleRow | undefined> {
  return tx
    .selectFrom('livelihood_cycles')
    .selectAll()
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id)
    .forUpdate()
    .executeTakeFirst();
}

/** Inserts a cycle. */
export async function insertCycleRow(
  tx: Tx,
  row: { district_code: string; region_code: string; region_path: string; year: number; title: string; planned_seats: number; phase?: string },
): Promise<CycleRow> {
  return tx.insertInto('livelihood_cycles').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Moves a cycle to `phase` if it is still at `version`. */
export async function updateCyclePhase(tx: Tx, key: { district_code: string; id: string }, phase: string, version: number): Promise<CycleRow | undefined> {
  return tx
    .updateTable('livelihood_cycles')
    .set({ phase, version: sql`version + 1`, updated_at: sql`now()` })
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

// ---- candidates ------------------------------------------------------------------------------

/** Candidates of a cycle in their order. */
export async function listCandidateRows(db: Executor, districtCode: string, cycleId: string): Promise<CandidateRow[]> {
  return db
    .selectFrom('livelihood_candidates')
    .selectAll()
    .where('district_code', '=', districtCode)
    .where('cycle_id', '=', cycleId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

/** One candidate by id. */
export async function findCandidateRow(db: Executor, id: string): Promise<CandidateRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('livelihood_candidates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a candidate at the end of its cycle. */
export async function insertCandidateRow(
  tx: Tx,
  row: Omit<CandidateRow, 'id' | 'version' | 'created_at' | 'updated_at' | 'sort_order' | 'feasibility' | 'on_ballot' | 'outcome' | 'screening_note'> &
    Partial<Pick<CandidateRow, 'feasibility' | 'on_ballot' | 'outcome' | 'screening_note'>>,
): Promise<CandidateRow> {
  const next = await tx
    .selectFrom('livelihood_candidates')
    .select(sql<number>`coalesce(max(sort_order), 0) + 10`.as('n'))
    .where('district_code', '=', row.district_code)
    .where('cycle_id', '=', row.cycle_id)
    .executeTakeFirstOrThrow();
  return tx
    .insertInto('livelihood_candidates')
    .values({ ...row, sort_order: Number(next.n) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a candidate if it is still at `version`. */
export async function updateCandidateRow(
  tx: Tx,
  key: { district_code: string; id: string },
  patch: Partial<Omit<CandidateRow, 'district_code' | 'id' | 'cycle_id' | 'version' | 'created_at' | 'updated_at'>>,
  version: number | null,
): Promise<CandidateRow | undefined> {
  let query = tx
    .updateTable('livelihood_candidates')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id);
  if (version !== null) query = query.where('version', '=', version);
  return query.returningAll().executeTakeFirst();
}

// ---- sessions, roll and ballots --------------------------------------------------------------

/** Sessions of a cycle by round. */
export async function listSessionRows(db: Executor, districtCode: string, cycleId: string): Promise<SessionRow[]> {
  return db
    .selectFrom('ballot_sessions')
    .selectAll()
    .where('district_code', '=', districtCode)
    .where('cycle_id', '=', cycleId)
    .orderBy('round')
    .orderBy('created_at')
    .execute();
}

/** One session by id. */
export async function findSessionRow(db: Executor, id: string): Promise<SessionRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('ballot_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Reads a session and locks it for the rest of the transaction (state changes serialise on it). */
export async function lockSessionRow(tx: Tx, key: { district_code: string; id: string }): Promise<SessionRow | undefined> {
  return tx
    .selectFrom('ballot_sessions')
    .selectAll()
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id)
    .forUpdate()
    .executeTakeFirst();
}

/** Reads a session under a shared lock: many ballots at once, but not while it closes. */
export async function shareLockSessionRow(tx: Tx, key: { district_code: string; id: string }): Promise<SessionRow | undefined> {
  return tx
    .selectFrom('ballot_sessions')
    .selectAll()
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id)
    .forShare()
    .executeTakeFirst();
}

/** Inserts a session. */
export async function insertSessionRow(tx: Tx, row: Omit<SessionRow, 'id' | 'version' | 'created_at' | 'status' | 'opened_at' | 'closed_at' | 'counted_at' | 'result'>): Promise<SessionRow> {
  return tx.insertInto('ballot_sessions').values({ ...row, result: null, opened_at: null, closed_at: null, counted_at: null }).returningAll().executeTakeFirstOrThrow();
}

/** Moves a session from `from` to `to` (and stamps the time of the move); undefined when it was not in `from`. */
export async function moveSessionRow(
  tx: Tx,
  key: { district_code: string; id: string },
  from: string,
  to: 'open' | 'closed' | 'counted',
  result?: unknown,
): Promise<SessionRow | undefined> {
  const stamp = to === 'open' ? 'opened_at' : to === 'closed' ? 'closed_at' : 'counted_at';
  return tx
    .updateTable('ballot_sessions')
    .set({ status: to, [stamp]: sql`now()`, version: sql`version + 1`, ...(result === undefined ? {} : { result: JSON.stringify(result) }) })
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}

/** The roll of a session by name. */
export async function listRollRows(db: Executor, key: { district_code: string; session_id: string }): Promise<RollRow[]> {
  return db
    .selectFrom('ballot_roll')
    .selectAll()
    .where('district_code', '=', key.district_code)
    .where('session_id', '=', key.session_id)
    .orderBy('display_name')
    .orderBy('user_id')
    .execute();
}

/** One deputy's roll row. */
export async function findRollRow(db: Executor, key: { district_code: string; session_id: string; user_id: string }): Promise<RollRow | undefined> {
  return db
    .selectFrom('ballot_roll')
    .selectAll()
    .where('district_code', '=', key.district_code)
    .where('session_id', '=', key.session_id)
    .where('user_id', '=', key.user_id)
    .executeTakeFirst();
}

/** Sessions (not yet counted) whose roll holds `userId`, with the deputy's roll row: their phone's start page. */
export async function listUncountedSessionsOnRoll(db: Executor, userId: string): Promise<(SessionRow & { checked_in_at: Date | null; has_voted: boolean; cycle_phase: string })[]> {
  return db
    .selectFrom('ballot_roll')
    .innerJoin('ballot_sessions', (j) => j.onRef('ballot_sessions.district_code', '=', 'ballot_roll.district_code').onRef('ballot_sessions.id', '=', 'ballot_roll.session_id'))
    .innerJoin('livelihood_cycles', (j) => j.onRef('livelihood_cycles.district_code', '=', 'ballot_sessions.district_code').onRef('livelihood_cycles.id', '=', 'ballot_sessions.cycle_id'))
    .selectAll('ballot_sessions')
    .select(['ballot_roll.checked_in_at', 'ballot_roll.has_voted', 'livelihood_cycles.phase as cycle_phase'])
    .where('ballot_roll.user_id', '=', userId)
    .where('ballot_sessions.status', '<>', 'counted')
    .orderBy('ballot_sessions.created_at')
    .execute();
}

/** Roll counts: on the roll, checked in, voted. */
export async function countRoll(db: Executor, key: { district_code: string; session_id: string }): Promise<{ roll: number; present: number; voted: number }> {
  const row = await db
    .selectFrom('ballot_roll')
    .select([
      sql<number>`count(*)::int`.as('roll'),
      sql<number>`count(checked_in_at)::int`.as('present'),
      sql<number>`count(*) filter (where has_voted)::int`.as('voted'),
    ])
    .where('district_code', '=', key.district_code)
    .where('session_id', '=', key.session_id)
    .executeTakeFirstOrThrow();
  return { roll: Number(row.roll), present: Number(row.present), voted: Number(row.voted) };
}

/** Replaces the roll of a draft session. */
export async function replaceRollRows(tx: Tx, key: { district_code: string; session_id: string }, rows: { user_id: string; display_name: string; checked_in_at?: Date | null }[]): Promise<void> {
  await tx.deleteFrom('ballot_roll').where('district_code', '=', key.district_code).where('session_id', '=', key.session_id).execute();
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    await tx
      .insertInto('ballot_roll')
      .values(chunk.map((r) => ({ district_code: key.district_code, session_id: key.session_id, user_id: r.user_id, display_name: r.display_name, checked_in_at: r.checked_in_at ?? null })))
      .execute();
  }
}

/** Checks a deputy in (once; the first time stays). Returns the row, or undefined when not on the roll. */
export async function checkInRollRow(tx: Tx, key: { district_code: string; session_id: string; user_id: string }): Promise<RollRow | undefined> {
  return tx
    .updateTable('ballot_roll')
    .set({ checked_in_at: sql`coalesce(checked_in_at, now())` })
    .where('district_code', '=', key.district_code)
    .where('session_id', '=', key.session_id)
    .where('user_id', '=', key.user_id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Marks a checked-in deputy as having voted, only if they had not: the conditional update
 * is what stops a second ballot, even from two requests at once.
 */
export async function markVoted(tx: Tx, key: { district_code: string; session_id: string; user_id: string }): Promise<{ display_name: string } | undefined> {
  return tx
    .updateTable('ballot_roll')
    .set({ has_voted: true })
    .where('district_code', '=', key.district_code)
    .where('session_id', '=', key.session_id)
    .where('user_id', '=', key.user_id)
    .where('has_voted', '=', false)
    .where('checked_in_at', 'is not', null)
    .returning('display_name')
    .executeTakeFirst();
}

/** Stores a secret ballot: a random id and the sorted choices, nothing else. */
export async function insertBallot(tx: Tx, key: { district_code: string; session_id: string }, choices: string[]): Promise<void> {
  await tx
    .insertInto('ballots')
    .values({ district_code: key.district_code, session_id: key.session_id, choices: sql<string[]>`${choices}::uuid[]` })
    .execute();
}

/** The ballots of a session (choices only), in the order of their random ids. */
export async function listBallotChoices(db: Executor, key: { district_code: string; session_id: string }): Promise<string[][]> {
  const rows = await db
    .selectFrom('ballots')
    .select('choices')
    .where('district_code', '=', key.district_code)
    .where('session_id', '=', key.session_id)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.choices);
}

/** How many ballots a session holds. */
export async function countBallotRows(db: Executor, key: { district_code: string; session_id: string }): Promise<number> {
  const row = await db
    .selectFrom('ballots')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('district_code', '=', key.district_code)
    .where('session_id', '=', key.session_id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Rewrites a session's ballots in one statement, in the order of their random ids, so that
 * neither physical position (ctid) nor inserting transaction (xmin) still follows the order in
 * which deputies voted. Old row versions stay until VACUUM reclaims them.
 */
export async function shuffleBallots(tx: Tx, key: { district_code: string; session_id: string }): Promise<number> {
  const result = await sql<{ n: number }>`
    with old as (
      delete from ballots where district_code = ${key.district_code} and session_id = ${key.session_id}
      returning choices
    )
    insert into ballots (district_code, session_id, choices)
    select ${key.district_code}, ${key.session_id}::uuid, choices from old order by gen_random_uuid()`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

// ---- results ---------------------------------------------------------------------------------

/** Results of a cycle in their order. */
export async function listResultRows(db: Executor, districtCode: string, cycleId: string): Promise<ResultRow[]> {
  return db
    .selectFrom('livelihood_results')
    .selectAll()
    .where('district_code', '=', districtCode)
    .where('cycle_id', '=', cycleId)
    .orderBy('sort_order')
    .orderBy('title')
    .execute();
}

/** Results of many cycles (the public page). */
export async function listResultRowsOfCycles(db: Executor, cycleIds: string[]): Promise<ResultRow[]> {
  if (cycleIds.length === 0) return [];
  return db.selectFrom('livelihood_results').selectAll().where('cycle_id', 'in', cycleIds).orderBy('sort_order').orderBy('title').execute();
}

/** One result by id. */
export async function findResultRow(db: Executor, id: string): Promise<ResultRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('livelihood_results').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a result at the end of its siblings. */
export async function insertResultRow(tx: Tx, row: Omit<ResultRow, 'id' | 'version' | 'updated_at' | 'sort_order' | 'description' | 'weight' | 'status' | 'depth'> & Partial<Pick<ResultRow, 'description' | 'weight' | 'status' | 'sort_order' | 'depth'>>): Promise<ResultRow> {
  const next = await tx
    .selectFrom('livelihood_results')
    .select(sql<number>`coalesce(max(sort_order), 0) + 10`.as('n'))
    .where('district_code', '=', row.district_code)
    .where('cycle_id', '=', row.cycle_id)
    .executeTakeFirstOrThrow();
  return tx
    .insertInto('livelihood_results')
    .values({ sort_order: Number(next.n), ...row })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a result if it is still at `version`. */
export async function updateResultRow(
  tx: Tx,
  key: { district_code: string; id: string },
  patch: Partial<Omit<ResultRow, 'district_code' | 'id' | 'cycle_id' | 'version' | 'updated_at'>>,
  version: number,
): Promise<ResultRow | undefined> {
  return tx
    .updateTable('livelihood_results')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Appends to a result's history. */
export async function insertResultUpdate(tx: Tx, row: { district_code: string; result_id: string; actor_label: string; changes: Record<string, { before: unknown; after: unknown }>; note: string | null; at?: Date }): Promise<void> {
  await tx
    .insertInto('livelihood_result_updates')
    .values({ ...row, changes: JSON.stringify(row.changes) })
    .execute();
}

/** A result's history, newest first. */
export async function listResultUpdates(db: Executor, key: { district_code: string; result_id: string }): Promise<ResultUpdateRow[]> {
  return db
    .selectFrom('livelihood_result_updates')
    .selectAll()
    .where('district_code', '=', key.district_code)
    .where('result_id', '=', key.result_id)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Milestones of results, by due date. */
export async function listMilestoneRows(db: Executor, districtCode: string, resultIds: string[]): Promise<MilestoneRow[]> {
  if (resultIds.length === 0) return [];
  return db
    .selectFrom('livelihood_result_milestones')
    .selectAll()
    .where('district_code', '=', districtCode)
    .where('result_id', 'in', resultIds)
    .orderBy('due_date')
    .orderBy('title')
    .execute();
}

/** One milestone. */
export async function findMilestoneRow(db: Executor, id: string): Promise<MilestoneRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('livelihood_result_milestones').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a milestone. */
export async function insertMilestoneRow(tx: Tx, row: Omit<MilestoneRow, 'id' | 'version'>): Promise<MilestoneRow> {
  return tx.insertInto('livelihood_result_milestones').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Changes a milestone if still at `version`. */
export async function updateMilestoneRow(tx: Tx, key: { district_code: string; id: string }, patch: { done_date?: string | null; note?: string | null; due_date?: string; title?: string }, version: number): Promise<MilestoneRow | undefined> {
  return tx
    .updateTable('livelihood_result_milestones')
    .set({ ...patch, version: sql`version + 1` })
    .where('district_code', '=', key.district_code)
    .where('id', '=', key.id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Evaluations of results. */
export async function listEvaluationRows(db: Executor, districtCode: string, resultIds: string[]): Promise<EvaluationRow[]> {
  if (resultIds.length === 0) return [];
  return db
    .selectFrom('livelihood_evaluations')
    .selectAll()
    .where('district_code', '=', districtCode)
    .where('result_id', 'in', resultIds)
    .orderBy('evaluated_at')
    .execute();
}

/** Stores (or replaces) one deputy's evaluation of a result. */
export async function upsertEvaluationRow(tx: Tx, row: Omit<EvaluationRow, 'version' | 'evaluated_at'>): Promise<EvaluationRow> {
  return tx
    .insertInto('livelihood_evaluations')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['district_code', 'result_id', 'deputy_user_id']).doUpdateSet({
        score: row.score,
        satisfaction: row.satisfaction,
        comment: row.comment,
        deputy_name: row.deputy_name,
        version: sql`livelihood_evaluations.version + 1`,
        evaluated_at: sql`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts a session already counted elsewhere (a paper ballot entered by hand). */
export async function insertCountedSessionRow(
  tx: Tx,
  row: Omit<SessionRow, 'id' | 'version' | 'created_at' | 'status' | 'opened_at' | 'closed_at' | 'counted_at' | 'result'> & { result: unknown; held_at: Date },
): Promise<SessionRow> {
  const { result, held_at: heldAt, ...rest } = row;
  return tx
    .insertInto('ballot_sessions')
    .values({ ...rest, status: 'counted', opened_at: heldAt, closed_at: heldAt, counted_at: heldAt, result: JSON.stringify(result) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Reclaims the dead row versions the shuffle at closing left behind (they still carry the
 * inserting transaction of each ballot). VACUUM cannot run inside a transaction.
 */
export async function vacuumBallots(db: Executor): Promise<void> {
  await sql`vacuum ballots`.execute(db);
}
