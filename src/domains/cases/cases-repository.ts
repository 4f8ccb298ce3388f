/**
 * SQL of cases: the category catalogue, natures, cases, their timeline and attachments, the
 * maintained roll-up and supervision notices. The only file of the domain that touches SQL.
 */
import { sql, type Selectable } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';
import { preparedMarker } from '@/db/prepared.js';
import type {
  CaseRollupCounters,
  CasesTable,
  StoredLimit,
  StoredStageLimits,
} from '@/db/schema.js';
import { COUNTERS } from './case-metrics.js';

// ---------------------------------------------------------------------------------------------
// Catalogue

/** A category row. */
export interface CategoryRow {
  code: string;
  kind: string;
  major_code: string;
  minor_code: string | null;
  name: string;
  parent_code: string | null;
  register_condition: string | null;
  close_condition: string | null;
  department_code: string | null;
  limits: { normal: StoredStageLimits; urgent: StoredStageLimits } | null;
  active: boolean;
  version: number;
}

/** Every category of a district, majors before their minors. */
export async function listCategoryRows(db: Executor, districtCode: string): Promise<CategoryRow[]> {
  return (await db
    .selectFrom('case_categories')
    .select([
      'code',
      'kind',
      'major_code',
      'minor_code',
      'name',
      'parent_code',
      'register_condition',
      'close_condition',
      'department_code',
      'limits',
      'active',
      'version',
    ])
    .where('district_code', '=', districtCode)
    .orderBy('code')
    .execute()) as CategoryRow[];
}

/** Town overrides of the 派单目录. */
export async function listCategoryTownRows(
  db: Executor,
  districtCode: string,
): Promise<{ category_code: string; town_code: string; department_code: string }[]> {
  return db
    .selectFrom('case_category_towns')
    .select(['category_code', 'town_code', 'department_code'])
    .where('district_code', '=', districtCode)
    .orderBy('category_code')
    .orderBy('town_code')
    .execute();
}

/** Inserts categories that do not exist yet; returns how many were inserted. */
export async function insertCategoryRows(tx: Tx, districtCode: string, rows: Omit<CategoryRow, 'version'>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await tx
    .insertInto('case_categories')
    .values(rows.map((r) => ({ ...r, district_code: districtCode, limits: r.limits === null ? null : JSON.stringify(r.limits) })))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Updates a category if still at `version`. */
export async function updateCategoryRow(
  tx: Tx,
  districtCode: string,
  row: Omit<CategoryRow, 'version' | 'code' | 'kind' | 'major_code' | 'minor_code' | 'parent_code'> & { code: string },
  version: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('case_categories')
    .set({
      name: row.name,
      register_condition: row.register_condition,
      close_condition: row.close_condition,
      department_code: row.department_code,
      limits: row.limits === null ? null : JSON.stringify(row.limits),
      active: row.active,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('district_code', '=', districtCode)
    .where('code', '=', row.code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces a category's town overrides. */
export async function replaceCategoryTowns(
  tx: Tx,
  districtCode: string,
  categoryCode: string,
  towns: { town_code: string; department_code: string }[],
): Promise<void> {
  await tx.deleteFrom('case_category_towns').where('district_code', '=', districtCode).where('category_code', '=', categoryCode).execute();
  if (towns.length === 0) return;
  await tx
    .insertInto('case_category_towns')
    .values(towns.map((t) => ({ ...t, district_code: districtCode, category_code: categoryCode })))
    .execute();
}

/** A nature row. */
export interface NatureRow {
  code: string;
  name: string;
  limit: StoredLimit;
  version: number;
}

/** The natures of a district. */
export async function listNatureRows(db: Executor, districtCode: string): Promise<NatureRow[]> {
  return (await db
    .selectFrom('case_natures')
    .select(['code', 'name', 'limit', 'version'])
    .where('district_code', '=', districtCode)
    .orderBy('code')
    .execute()) as NatureRow[];
}

/** Inserts natures that do not exist yet. */
export async function insertNatureRows(tx: Tx, districtCode: string, rows: Omit<NatureRow, 'version'>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await tx
    .insertInto('case_natures')
    .values(rows.map((r) => ({ district_code: districtCode, code: r.code, name: r.name, limit: JSON.stringify(r.limit) })))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Changes a nature's limit if still at `version`. */
export async function updateNatureRow(tx: Tx, districtCode: string, code: string, limit: StoredLimit, version: number): Promise<boolean> {
  const result = await tx
    .updateTable('case_natures')
    .set({ limit: JSON.stringify(limit), version: sql`version + 1` })
    .where('district_code', '=', districtCode)
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Cases

/** A stored case as read. */
export type CaseRow = Selectable<CasesTable>;

/** A case row to insert (everything the intake decides). */
export type NewCaseRow = Omit<
  CaseRow,
  | 'version'
  | 'return_count'
  | 'reassign_count'
  | 'extension_count'
  | 'rework_count'
  | 'reopen_count'
  | 'park_count'
  | 'created_at'
  | 'updated_at'
>;

const JSON_COLUMNS = ['limits', 'clocks', 'pauses', 'pending_request', 'attachment_ids'] as const;

function serialise<T extends Record<string, unknown>>(row: T): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...row };
  for (const column of JSON_COLUMNS) {
    if (column in copy && copy[column] !== null && copy[column] !== undefined) copy[column] = JSON.stringify(copy[column]);
  }
  return copy;
}

function normalise(row: Record<string, unknown>): CaseRow {
  const r = row as CaseRow;
  return { ...r, id: Number(r.id), merged_into: r.merged_into === null ? null : Number(r.merged_into), duplicate_of: r.duplicate_of === null ? null : Number(r.duplicate_of) };
}

/**
 * Refreshes the planner's statistics of the case tables. After a large import the planner
 * would otherwise plan lists and counts for the tables as they were (PGlite never runs
 * autovacuum's ANALYZE at all).
 */
export async function analyzeCaseTables(db: Executor): Promise<void> {
  await sql`analyze cases`.execute(db);
  await sql`analyze case_rollups`.execute(db);
}

/**
 * True when the database is an embedded PGlite (PostgreSQL compiled to WebAssembly, running on
 * this process's main thread) rather than a server in a process of its own.
 */
export async function isEmbeddedDatabase(db: Executor): Promise<boolean> {
  const result = await sql<{ version: string }>`select version() as version`.execute(db);
  return /PGlite|emscripten/i.test(result.rows[0]?.version ?? '');
}

/** Takes `count` fresh case numbers. */
export async function takeCaseIds(db: Executor, count: number): Promise<number[]> {
  const result = await sql<{ id: string | number }>`${preparedMarker()} select nextval('case_id_seq') as id from generate_series(1, ${count}::int)`.execute(db);
  return result.rows.map((r) => Number(r.id));
}

/**
 * Inserts cases, skipping those whose (channel, external id) is already stored; returns the
 * ids of the rows inserted.
 */
export async function insertCaseRowsSkippingKnown(tx: Executor, rows: NewCaseRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const result = await tx
    .insertInto('cases')
    .values(rows.map((r) => serialise(r)) as never)
    .onConflict((oc) => oc.columns(['district_code', 'channel', 'external_id']).where('external_id', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return result.map((r) => Number(r.id));
}

/** A case by its number (any district), or undefined. */
export async function findCaseRow(db: Executor, id: number): Promise<CaseRow | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** Cases by number. */
export async function findCaseRows(db: Executor, ids: number[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('cases').selectAll().where('id', 'in', ids).execute();
  return rows.map(normalise);
}

/** A case by its idempotency key, or undefined. */
export async function findCaseByIdempotencyKey(db: Executor, districtCode: string, key: string): Promise<CaseRow | undefined> {
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where('district_code', '=', districtCode)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** A case by its public token, or undefined. */
export async function findCaseByToken(db: Executor, districtCode: string, token: string): Promise<CaseRow | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('district_code', '=', districtCode).where('token', '=', token).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** External ids already stored for a channel (to count re-imported rows). */
export async function findKnownExternalIds(db: Executor, districtCode: string, channel: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('cases')
    .select('external_id')
    .where('district_code', '=', districtCode)
    .where('channel', '=', channel)
    .where('external_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.external_id as string));
}

/** The columns a transition may change. */
export type CasePatch = Partial<Omit<CaseRow, 'district_code' | 'id' | 'version' | 'created_at' | 'updated_at'>>;

/** Updates a case if still at `version` (and locks it); returns the stored row or undefined. */
export async function updateCaseRow(tx: Tx, districtCode: string, id: number, version: number, patch: CasePatch): Promise<CaseRow | undefined> {
  const row = await tx
    .updateTable('cases')
    .set({ ...serialise(patch), version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('district_code', '=', districtCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** A timeline entry. */
export interface CaseEventRow {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

/** Appends to a case's timeline (the caller holds the case's row lock). */
export async function appendCaseEvent(tx: Executor, districtCode: string, caseId: number, event: Omit<CaseEventRow, 'seq'>): Promise<void> {
  await sql`
    insert into case_events (district_code, case_id, seq, at, actor_id, actor_label, action, from_status, to_status, note, data)
    select ${districtCode}, ${caseId}, coalesce(max(seq), 0) + 1, ${event.at}, ${event.actor_id}, ${event.actor_label},
      ${event.action}, ${event.from_status}, ${event.to_status}, ${event.note},
      ${event.data === null ? null : JSON.stringify(event.data)}::jsonb
    from case_events where district_code = ${districtCode} and case_id = ${caseId}`.execute(tx);
}

/** Appends the first timeline entry of many new cases. */
export async function insertFirstCaseEvents(tx: Executor, districtCode: string, events: (Omit<CaseEventRow, 'seq'> & { case_id: number })[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insertInto('case_events')
    .values(
      events.map((e) => ({
        district_code: districtCode,
        case_id: e.case_id,
        seq: 1,
        at: e.at,
        actor_id: e.actor_id,
        actor_label: e.actor_label,
        action: e.action,
        from_status: e.from_status,
        to_status: e.to_status,
        note: e.note,
        data: e.data === null ? null : JSON.stringify(e.data),
      })),
    )
    .execute();
}

/** A case's timeline in order. */
export async function listCaseEvents(db: Executor, districtCode: string, caseId: number): Promise<CaseEventRow[]> {
  return (await db
    .selectFrom('case_events')
    .select(['seq', 'at', 'actor_id', 'actor_label', 'action', 'from_status', 'to_status', 'note', 'data'])
    .where('district_code', '=', districtCode)
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute()) as CaseEventRow[];
}

/** Filters of a case list (already resolved to SQL terms by the service). */
export interface CaseListQuery {
  pathPrefix: string;
  districtCode?: string;
  statuses?: string[];
  departmentCode?: string;
  categoryCode?: string;
  channel?: string;
  assigneeId?: string;
  createdBy?: string;
  /** A grid worker's tasks: reported by them, verifications assigned to them, checks due in their scope. */
  tasksOf?: string;
  unrouted?: boolean;
  pendingRequest?: boolean;
  /** Cases whose running stage is yellow (80% used, not overdue) or red (overdue) at `now`. */
  sla?: { colour: 'yellow' | 'red'; now: Date };
  /** Marked overdue: past the whole case's deadline (`overdue_at`, set by the sweep). */
  overdue?: boolean;
  text?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
  sort: 'received_desc' | 'received_asc' | 'deadline_asc';
  limit: number;
  offset: number;
  /** Count at most this many (and say so): a region's overdue list need not count a million. */
  countUpTo?: number;
}

/** One page of cases and the total (with `countUpTo`, at most that many and whether there are more). */
export async function listCaseRows(db: Executor, q: CaseListQuery): Promise<{ rows: CaseRow[]; total: number; more?: boolean }> {
  let query = db.selectFrom('cases').where('region_path', 'like', `${q.pathPrefix}%`);
  if (q.districtCode) query = query.where('district_code', '=', q.districtCode);
  if (q.statuses?.length) query = query.where('status', 'in', q.statuses);
  if (q.departmentCode) query = query.where('department_code', '=', q.departmentCode);
  if (q.categoryCode) query = query.where('category_code', 'like', `${q.categoryCode}%`);
  if (q.channel) query = query.where('channel', '=', q.channel);
  if (q.assigneeId) query = query.where('assignee_id', '=', q.assigneeId);
  if (q.createdBy) query = query.where('created_by', '=', q.createdBy);
  if (q.tasksOf) {
    const user = q.tasksOf;
    query = query.where((eb) => eb.or([eb('created_by', '=', user), eb.and([eb('assignee_id', '=', user), eb('status', '=', 'verifying')]), eb('status', '=', 'handled')]));
  }
  // Not placed on a micro-grid: no town at all (the district's queue) or only a town.
  if (q.unrouted) query = query.where((eb) => eb.or([eb('region_code', 'is', null), eb(eb.fn('length', ['region_code']), '<', 15)]));
  if (q.pendingRequest) query = query.where('pending_request', 'is not', null);
  if (q.sla?.colour === 'red') query = query.where('stage_deadline', '<', q.sla.now);
  if (q.sla?.colour === 'yellow') query = query.where('stage_yellow_at', '<=', q.sla.now).where('stage_deadline', '>=', q.sla.now);
  if (q.overdue) query = query.where('overdue_at', 'is not', null);
  if (q.receivedFrom) query = query.where('received_at', '>=', q.receivedFrom);
  if (q.receivedTo) query = query.where('received_at', '<', q.receivedTo);
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const id = /^[0-9]{1,15}$/.test(q.text) ? Number(q.text) : -1;
    query = query.where((eb) => eb.or([eb('description', 'like', like), eb('address', 'like', like), eb('external_id', '=', q.text as string), eb('id', '=', id)]));
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy(q.sort === 'deadline_asc' ? 'stage_deadline' : 'received_at', q.sort === 'received_desc' ? 'desc' : 'asc')
      .orderBy('id', q.sort === 'received_desc' ? 'desc' : 'asc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    q.countUpTo === undefined
      ? query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      : db
          .selectFrom(query.select('id').limit(q.countUpTo + 1).as('capped'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  if (q.countUpTo !== undefined && n > q.countUpTo) return { rows: rows.map(normalise), total: q.countUpTo, more: true };
  return { rows: rows.map(normalise), total: n };
}

/**
 * How many cases of a district were received in [from, to), under `pathPrefix` when given
 * (a count only: no row is read when the district's (district_code, received_at) index answers).
 */
export async function countReceivedCases(db: Executor, q: { districtCode: string; pathPrefix?: string; receivedFrom: Date; receivedTo: Date }): Promise<number> {
  let query = db.selectFrom('cases').where('district_code', '=', q.districtCode).where('received_at', '>=', q.receivedFrom).where('received_at', '<', q.receivedTo);
  if (q.pathPrefix) query = query.where('region_path', 'like', `${q.pathPrefix}%`);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open cases of the same category near a point within a time window (并单 candidates). */
export async function findNearbyCases(
  db: Executor,
  q: { districtCode: string; categoryCode: string; lon: number; lat: number; degrees: number; from: Date; to: Date; excludeId?: number; limit: number },
): Promise<Pick<CaseRow, 'id' | 'description' | 'received_at' | 'lon' | 'lat' | 'status'>[]> {
  const rows = await db
    .selectFrom('cases')
    .modifyFront(preparedMarker())
    .select(['id', 'description', 'received_at', 'lon', 'lat', 'status'])
    .where('district_code', '=', q.districtCode)
    .where('category_code', '=', q.categoryCode)
    .where('received_at', '>=', q.from)
    .where('received_at', '<=', q.to)
    .where('lon', '>=', q.lon - q.degrees)
    .where('lon', '<=', q.lon + q.degrees)
    .where('lat', '>=', q.lat - q.degrees)
    .where('lat', '<=', q.lat + q.degrees)
    .where('status', 'not in', ['voided', 'merged'])
    .$if(q.excludeId !== undefined, (qb) => qb.where('id', '!=', q.excludeId as number))
    .orderBy('received_at')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** One new case asking for its stored likely duplicates (see {@link openIntakeBatch}). */
export interface NearbyProbe {
  /** The asker's position in its batch, echoed back. */
  i: number;
  districtCode: string;
  categoryCode: string;
  lon: number;
  lat: number;
  from: Date;
  to: Date;
}

/** Open cases whose whole-case deadline has passed and that are not marked overdue yet. */
export async function findNewlyOverdueCases(db: Executor, now: Date, limit: number): Promise<CaseRow[]> {
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('overdue_at', 'is', null)
    .where('status', 'not in', ['closed', 'visited', 'voided', 'merged'])
    .where('close_deadline', '<', now)
    .orderBy('close_deadline')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

// ---------------------------------------------------------------------------------------------
// Roll-up

/** One roll-up row's key. */
export interface RollupKey {
  month: string;
  town_code: string;
  dim: 'grid' | 'department' | 'category' | 'channel';
  key: string;
}


/** Adds deltas to roll-up rows (creating them), in a fixed order so concurrent writers never deadlock. */
export async function addRollupDeltas(tx: Executor, districtCode: string, deltas: (RollupKey & { counters: CaseRollupCounters })[]): Promise<void> {
  if (deltas.length === 0) return;
  await upsertRollups(rollupJson([{ districtCode, deltas }])).execute(tx);
}

type RollupDelta = RollupKey & { counters: CaseRollupCounters };

/**
 * Roll-up deltas as one JSON parameter, in key order: two writers then lock shared rows in
 * the same order. One parameter however many keys (a bulk import's batch touches thousands):
 * no parameter limit, and no statement of tens of thousands of placeholders to build and bind.
 */
function rollupJson(groups: { districtCode: string; deltas: RollupDelta[] }[]): string {
  const rows: Record<string, unknown>[] = [];
  for (const { districtCode, deltas } of [...groups].sort((a, b) => (a.districtCode < b.districtCode ? -1 : a.districtCode > b.districtCode ? 1 : 0))) {
    const sorted = [...deltas].sort((a, b) =>
      a.dim !== b.dim ? (a.dim < b.dim ? -1 : 1) : a.month !== b.month ? (a.month < b.month ? -1 : 1) : a.town_code !== b.town_code ? (a.town_code < b.town_code ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    );
    for (const d of sorted) rows.push({ district_code: districtCode, month: d.month, town_code: d.town_code, dim: d.dim, key: d.key, ...d.counters });
  }
  return JSON.stringify(rows);
}

function upsertRollups(json: string) {
  const columns = sql.join(['district_code', 'month', 'town_code', 'dim', 'key', ...COUNTERS].map((c) => sql.ref(c)));
  const set = sql.join(COUNTERS.map((c) => sql`${sql.ref(c)} = case_rollups.${sql.ref(c)} + excluded.${sql.ref(c)}`));
  return sql`
    insert into case_rollups (${columns})
    select ${columns} from json_populate_recordset(null::case_rollups, ${json}::json)
    on conflict (district_code, dim, month, town_code, key) do update set ${set}`;
}

/**
 * Inserts complete new cases and adds their roll-up deltas in one statement: the intake's
 * group commit pays one round trip for both. All or nothing (a unique key taken fails both).
 */
export async function insertCasesWithRollups(
  tx: Executor,
  packed: PackedCaseRows,
  rollups: { districtCode: string; deltas: RollupDelta[] }[],
): Promise<void> {
  if (packed.count === 0) return;
  const columns = sql.join(CASE_COLUMNS.map((c) => sql.ref(c)));
  await sql`${preparedMarker()}
    with inserted as (
      insert into cases (${columns})
      select ${columns} from json_populate_recordset(null::cases, ${packed.json}::json)
      returning 1
    )
    ${upsertRollups(rollupJson(rollups))}`.execute(tx);
}

type NearbyRow = Pick<CaseRow, 'id' | 'description' | 'received_at' | 'lon' | 'lat' | 'status'> & { i: number };

/**
 * What an intake batch reads before it writes, in one round trip: `count` fresh case numbers,
 * which of these idempotency keys are already stored (key → id and request hash, keyed
 * `district:key`), and each probe's stored likely duplicates (same class, within `degrees`, in
 * its time window, not voided or merged: at most `limit`, oldest first).
 */
export async function openIntakeBatch(
  tx: Executor,
  q: { count: number; keys: { districtCode: string; key: string }[]; probes: NearbyProbe[]; degrees: number; limit: number },
): Promise<{ ids: number[]; known: Map<string, { id: number; requestHash: string | null }>; near: NearbyRow[] }> {
  if (q.keys.length <= 1 && q.probes.length <= 1) {
    // One case alone (light load, and the usual batch on PGlite, where requests seldom queue
    // behind a write): the plain statements plan faster than the combined one (numbers and
    // likely duplicates are prepared statements too; the key lookup runs only with a key).
    const ids = await takeCaseIds(tx, q.count);
    const key = q.keys[0];
    const found = key ? await findCaseByIdempotencyKey(tx, key.districtCode, key.key) : undefined;
    const known = new Map(found && key ? [[`${key.districtCode}:${key.key}`, { id: found.id, requestHash: found.request_hash }]] : []);
    const p = q.probes[0];
    const near = p ? (await findNearbyCases(tx, { ...p, degrees: q.degrees, limit: q.limit })).map((r) => ({ ...r, i: p.i, received_at: new Date(r.received_at) })) : [];
    return { ids, known, near };
  }
  const wanted = JSON.stringify(q.keys.map((k) => ({ d: k.districtCode, k: k.key })));
  const probes = JSON.stringify(q.probes.map((p) => ({ i: p.i, d: p.districtCode, category: p.categoryCode, lon: p.lon, lat: p.lat, from: p.from.toISOString(), to: p.to.toISOString() })));
  type Json<T> = T[] | string | null;
  const result = await sql<{
    ids: (string | number)[] | null;
    known: Json<{ d: string; k: string; id: string | number; h: string | null }>;
    near: Json<{ i: number; id: string | number; description: string; received_at: number; lon: number | null; lat: number | null; status: CaseRow['status'] }>;
  }>`${preparedMarker()}
    select
      (select array_agg(nextval('case_id_seq')) from generate_series(1, ${q.count}::int)) as ids,
      (select coalesce(json_agg(json_build_object('d', c.district_code, 'k', c.idempotency_key, 'id', c.id, 'h', c.request_hash)), '[]'::json)
         from json_to_recordset(${wanted}::json) as w(d text, k text)
         -- One index probe per wanted key: a plain join let the planner, misled by stale
         -- statistics on the partial index, hash every keyed case of the district (a cost
         -- growing with the table). The limit keeps the subquery from being flattened back
         -- into such a join; the key is unique anyway.
         cross join lateral (
           select c.district_code, c.idempotency_key, c.id, c.request_hash from cases c
           where c.district_code = w.d and c.idempotency_key = w.k and c.idempotency_key is not null
           limit 1) c) as known,
      (select coalesce(json_agg(json_build_object('i', p.i, 'id', c.id, 'description', c.description,
                -- milliseconds since 1970: a timestamp's JSON text carries the session's offset,
                -- which for old dates in some zones has seconds that Date cannot read
                'received_at', round(extract(epoch from c.received_at) * 1000),
                'lon', c.lon, 'lat', c.lat, 'status', c.status) order by p.i, c.received_at), '[]'::json)
         from json_to_recordset(${probes}::json) as p(i int, d text, category text, lon float8, lat float8, "from" timestamptz, "to" timestamptz)
         cross join lateral (
           select id, description, received_at, lon, lat, status from cases
           where district_code = p.d and category_code = p.category
             and received_at >= p."from" and received_at <= p."to"
             and lon >= p.lon - ${q.degrees}::float8 and lon <= p.lon + ${q.degrees}::float8
             and lat >= p.lat - ${q.degrees}::float8 and lat <= p.lat + ${q.degrees}::float8
             and status not in ('voided', 'merged')
           order by received_at
           limit ${q.limit}) c) as near`.execute(tx);
  const row = result.rows[0];
  const parse = <T>(value: Json<T> | undefined): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : (value ?? []));
  return {
    ids: (row?.ids ?? []).map(Number),
    known: new Map(parse(row?.known).map((k) => [`${k.d}:${k.k}`, { id: Number(k.id), requestHash: k.h }])),
    near: parse(row?.near).map((n) => ({ ...n, i: Number(n.i), id: Number(n.id), received_at: new Date(n.received_at) })),
  };
}

/**
 * Summed roll-up counters grouped by key (and town, and month when asked). `keys` keeps only
 * those keys (the grids under a region below its town; an empty list matches nothing).
 */
export async function sumRollups(
  db: Executor,
  q: {
    districtCode: string;
    dim: RollupKey['dim'];
    fromMonth: string;
    toMonth: string;
    townCode?: string;
    keyPrefix?: string;
    keys?: readonly string[];
    groupBy: ('key' | 'town_code' | 'month')[];
  },
): Promise<(Partial<Record<'key' | 'town_code' | 'month', string>> & CaseRollupCounters)[]> {
  if (q.keys && q.keys.length === 0) return [];
  const sums = COUNTERS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c));
  let query = db
    .selectFrom('case_rollups')
    .where('district_code', '=', q.districtCode)
    .where('dim', '=', q.dim)
    .where('month', '>=', q.fromMonth)
    .where('month', '<=', q.toMonth);
  if (q.townCode !== undefined) query = query.where('town_code', '=', q.townCode);
  if (q.keyPrefix) query = query.where('key', 'like', `${q.keyPrefix}%`);
  if (q.keys) query = query.where('key', 'in', [...q.keys]);
  const rows = await query
    .select([...q.groupBy, ...sums] as never)
    .$if(q.groupBy.length > 0, (qb) => qb.groupBy(q.groupBy as never))
    .execute();
  return (rows as Record<string, unknown>[]).map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const c of COUNTERS) out[c] = Number(r[c] ?? 0);
    return out as unknown as Partial<Record<'key' | 'town_code' | 'month', string>> & CaseRollupCounters;
  });
}

/** Every roll-up row of a district (for verification against a recomputation). */
export async function listRollupRows(db: Executor, districtCode: string): Promise<(RollupKey & CaseRollupCounters)[]> {
  const rows = await db.selectFrom('case_rollups').selectAll().where('district_code', '=', districtCode).execute();
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const c of COUNTERS) out[c] = Number(r[c]);
    return out as unknown as RollupKey & CaseRollupCounters;
  });
}

/** Replaces a district's roll-up with recomputed rows. */
export async function replaceRollups(tx: Tx, districtCode: string, rows: (RollupKey & { counters: CaseRollupCounters })[]): Promise<void> {
  await tx.deleteFrom('case_rollups').where('district_code', '=', districtCode).execute();
  await addRollupDeltas(tx, districtCode, rows);
}

/** Whether a district has any case (one index probe, not a count). */
export async function districtHasCases(db: Executor, districtCode: string): Promise<boolean> {
  const row = await db.selectFrom('cases').select('id').where('district_code', '=', districtCode).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Pages through a district's cases in number order (for recomputation and export). */
export async function listCasePage(db: Executor, districtCode: string, afterId: number, limit: number): Promise<CaseRow[]> {
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('district_code', '=', districtCode)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

// ---------------------------------------------------------------------------------------------
// Attachments and supervision notices

/** Stores an attachment; returns its id. */
export async function insertAttachment(
  db: Executor,
  row: { district_code: string; name: string; mime: string; size: number; data: Uint8Array; uploaded_by: string | null },
): Promise<string> {
  const result = await db.insertInto('case_attachments').values(row).returning('id').executeTakeFirstOrThrow();
  return result.id;
}

/**
 * Attachments a person may link to a case: their own uploads not yet linked elsewhere (or
 * already linked to this case).
 */
export async function findLinkableAttachments(db: Executor, districtCode: string, ids: string[], uploadedBy: string | null, caseId: number | null): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('case_attachments')
    .select('id')
    .where('district_code', '=', districtCode)
    .where('id', 'in', ids)
    .where((eb) => (uploadedBy === null ? eb.val(true) : eb('uploaded_by', '=', uploadedBy)))
    .where((eb) => (caseId === null ? eb('case_id', 'is', null) : eb.or([eb('case_id', 'is', null), eb('case_id', '=', caseId)])))
    .execute();
  return rows.map((r) => r.id);
}

/** Links attachments to a case (so they are seen with the case's scope). */
export async function linkAttachments(tx: Executor, districtCode: string, ids: string[], caseId: number, regionPath: string): Promise<void> {
  if (ids.length === 0) return;
  // Only uploads on no case yet, or on this one (its region moved): of two intakes racing
  // for one upload, the first keeps it.
  await tx
    .updateTable('case_attachments')
    .set({ case_id: caseId, region_path: regionPath })
    .where('district_code', '=', districtCode)
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('case_id', 'is', null), eb('case_id', '=', caseId)]))
    .execute();
}

/** Attachments' metadata by id. */
export async function findAttachmentMeta(
  db: Executor,
  districtCode: string,
  ids: string[],
): Promise<{ id: string; name: string; mime: string; size: number }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('case_attachments')
    .select(['id', 'name', 'mime', 'size'])
    .where('district_code', '=', districtCode)
    .where('id', 'in', ids)
    .execute();
}

/** One attachment with its bytes. */
export async function findAttachment(
  db: Executor,
  id: string,
): Promise<{ district_code: string; id: string; name: string; mime: string; data: Uint8Array; uploaded_by: string | null; region_path: string | null } | undefined> {
  return db
    .selectFrom('case_attachments')
    .select(['district_code', 'id', 'name', 'mime', 'data', 'uploaded_by', 'region_path'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Raises a supervision notice once per source; returns whether it is new. */
export async function insertSupervisionNotice(
  tx: Executor,
  row: { district_code: string; source_type: string; source_id: string; title: string; region_code: string | null; region_path: string; department_code: string | null; colour: string; raised_at: Date },
): Promise<boolean> {
  const result = await tx
    .insertInto('supervision_notices')
    .values(row)
    .onConflict((oc) => oc.columns(['district_code', 'source_type', 'source_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Marks a source's open notice resolved (the case closed, or its deadline moved). */
export async function resolveSupervisionNotice(tx: Executor, districtCode: string, sourceType: string, sourceId: string, at: Date): Promise<void> {
  await tx
    .updateTable('supervision_notices')
    .set({ resolved_at: at })
    .where('district_code', '=', districtCode)
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('resolved_at', 'is', null)
    .execute();
}

/** Locks cases (in number order, so two transactions never deadlock) and returns their states. */
export async function lockCaseRows(tx: Tx, districtCode: string, ids: number[]): Promise<Map<number, string>> {
  const rows = await tx
    .selectFrom('cases')
    .select(['id', 'status'])
    .where('district_code', '=', districtCode)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.status]));
}

/** Supervision notices in a region subtree, newest first. */
export async function listSupervisionNotices(
  db: Executor,
  pathPrefix: string,
  limit: number,
): Promise<{ district_code: string; id: number; source_type: string; source_id: string; title: string; region_code: string | null; department_code: string | null; colour: string; raised_at: Date; resolved_at: Date | null }[]> {
  const rows = await db
    .selectFrom('supervision_notices')
    .select(['district_code', 'id', 'source_type', 'source_id', 'title', 'region_code', 'department_code', 'colour', 'raised_at', 'resolved_at'])
    .where('region_path', 'like', `${pathPrefix}%`)
    .orderBy('raised_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Every column of `cases` in table order, for bulk loads. */
export const CASE_COLUMNS = [
  'district_code', 'id', 'version', 'channel', 'nature', 'category_code', 'urgency', 'description', 'address', 'lon', 'lat',
  'reporter_name', 'reporter_phone', 'external_id', 'idempotency_key', 'request_hash', 'token', 'occurred_at', 'received_at',
  'town_code', 'region_code', 'region_path', 'department_code', 'assignee_id', 'status', 'stage', 'registered_at',
  'dispatched_at', 'accepted_at', 'handled_at', 'checked_at', 'closed_at', 'visited_at', 'limits', 'clocks', 'stage_deadline',
  'stage_yellow_at', 'close_deadline', 'pauses', 'paused_since', 'pending_request', 'return_count', 'reassign_count', 'extension_count',
  'rework_count', 'reopen_count', 'park_count', 'satisfaction', 'merged_into', 'duplicate_of', 'handled_on_time',
  'closed_on_time', 'close_working_minutes', 'overtime_ratio', 'overdue_at', 'attachment_ids', 'created_by', 'created_at',
  'updated_at',
] as const;

/** A complete case row for bulk loading (every column). */
export type FullCaseRow = Record<(typeof CASE_COLUMNS)[number], unknown>;

/** Complete rows serialised for {@link bulkInsertCaseRows}, ready before a transaction opens. */
export interface PackedCaseRows {
  json: string;
  count: number;
}

/**
 * A row as the JSON that `json_populate_recordset(null::cases, …)` reads: times as ISO text,
 * and null columns left out (a missing key reads as null there, as it did written out).
 * About half of a new case's columns are null, so the text PostgreSQL parses is a third
 * shorter. And JSON.stringify leaves its fast path for every object with a `toJSON` method,
 * which made the Date values half of a row's serialisation time.
 */
export function caseRowJson(row: object): string {
  const r = row as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in r) {
    const value = r[key];
    if (value === null || value === undefined) continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return JSON.stringify(out);
}

/** Serialises complete rows for a bulk load (see {@link caseRowJson}). */
export function packCaseRows(rows: FullCaseRow[]): PackedCaseRows {
  return { json: `[${rows.map(caseRowJson).join(',')}]`, count: rows.length };
}

/**
 * Loads many complete rows in one statement (one JSON parameter, however many rows, so it is
 * not bound by PostgreSQL's parameter limit), skipping rows whose (channel, external id) is
 * already stored. Returns the ids inserted. `json`, not `jsonb`: the text is read once, so
 * building jsonb's binary form first only costs time.
 */
export async function bulkInsertCaseRows(tx: Executor, packed: PackedCaseRows): Promise<number[]> {
  if (packed.count === 0) return [];
  const columns = sql.join(CASE_COLUMNS.map((c) => sql.ref(c)));
  const result = await sql<{ id: string | number }>`
    insert into cases (${columns})
    select ${columns} from json_populate_recordset(null::cases, ${packed.json}::json)
    on conflict (district_code, channel, external_id) where external_id is not null do nothing
    returning id`.execute(tx);
  return result.rows.map((r) => Number(r.id));
}
