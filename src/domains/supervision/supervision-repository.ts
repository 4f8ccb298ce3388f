/**
 * SQL of the supervision domain: items, their timeline and their three-colour notices.
 * Calendar dates are `YYYY-MM-DD` text.
 */
import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';
import type { DB } from '@/db/schema.js';
import type { StoredUnit, SupervisionItemsTable } from '@/db/schema-supervision.js';

/** An item row as read (dates as text, ids as numbers). */
export interface ItemRow {
  district_code: string;
  id: number;
  code: string;
  source_type: string;
  source_id: string | null;
  title: string;
  description: string;
  region_code: string;
  region_path: string;
  lead_kind: string;
  lead_code: string;
  assisting_units: StoredUnit[];
  deadline: string;
  feedback_interval_days: number | null;
  last_feedback_at: Date | null;
  progress: number;
  state: string;
  colour: string;
  notice_level: string | null;
  overdue_at: Date | null;
  assigned_at: Date | null;
  completed_at: Date | null;
  completed_on_time: boolean | null;
  submitted_at: Date | null;
  cancelled_at: Date | null;
  reject_count: number;
  deputy_name: string | null;
  deputy_user_id: string | null;
  met_on: string | null;
  replied_on: string | null;
  satisfaction: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** The columns an item is inserted with (dates as `YYYY-MM-DD`, jsonb as objects). */
export type NewItemRow = Omit<Insertable<SupervisionItemsTable>, 'assisting_units'> & { assisting_units: StoredUnit[] };
/** A change to an item (jsonb as objects). */
export type ItemPatch = Omit<Updateable<SupervisionItemsTable>, 'assisting_units' | 'version' | 'id' | 'district_code'> & { assisting_units?: StoredUnit[] };

const ITEM_COLUMNS = [
  'district_code', 'id', 'code', 'source_type', 'source_id', 'title', 'description', 'region_code', 'region_path', 'lead_kind',
  'lead_code', 'assisting_units', 'feedback_interval_days', 'last_feedback_at', 'progress', 'state', 'colour', 'notice_level',
  'overdue_at', 'assigned_at', 'completed_at', 'completed_on_time', 'submitted_at', 'cancelled_at', 'reject_count', 'deputy_name', 'deputy_user_id', 'satisfaction',
  'created_by', 'created_at', 'updated_at', 'version', 'deadline', 'met_on', 'replied_on',
] as const;


function normalise(row: Record<string, unknown>): ItemRow {
  const r = row as unknown as ItemRow;
  return {
    ...r,
    id: Number(r.id),
    assisting_units: typeof r.assisting_units === 'string' ? (JSON.parse(r.assisting_units) as StoredUnit[]) : r.assisting_units,
    created_at: new Date(r.created_at),
    updated_at: new Date(r.updated_at),
    last_feedback_at: r.last_feedback_at ? new Date(r.last_feedback_at) : null,
    overdue_at: r.overdue_at ? new Date(r.overdue_at) : null,
    assigned_at: r.assigned_at ? new Date(r.assigned_at) : null,
    completed_at: r.completed_at ? new Date(r.completed_at) : null,
    submitted_at: r.submitted_at ? new Date(r.submitted_at) : null,
    cancelled_at: r.cancelled_at ? new Date(r.cancelled_at) : null,
  };
}

/**
 * The next item code of a district and year (DB2026-0001, …). Takes a transaction-scoped
 * advisory lock on (district, year) so two raises never pick the same number.
 */
export async function nextItemCode(tx: Tx, districtCode: string, year: number): Promise<string> {
  const prefix = `DB${year}-`;
  await sql`select pg_advisory_xact_lock(hashtext(${`supervision:${districtCode}:${year}`}))`.execute(tx);
  const row = await tx
    .selectFrom('supervision_items')
    .select(sql<string | null>`max(substring(code from 8)::int)::text`.as('n'))
    .where('district_code', '=', districtCode)
    .where('code', 'like', `${prefix}%`)
    .executeTakeFirst();
  const next = Number(row?.n ?? 0) + 1;
  return `${prefix}${String(next).padStart(4, '0')}`;
}

/** Inserts an item; returns its id. */
export async function insertItem(tx: Tx, row: NewItemRow): Promise<number> {
  const inserted = await tx
    .insertInto('supervision_items')
    .values({ ...row, assisting_units: JSON.stringify(row.assisting_units) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** One item by id (any district; the caller checks scope). */
export async function findItemById(db: Executor, id: number): Promise<ItemRow | undefined> {
  const row = await db.selectFrom('supervision_items').select(ITEM_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** One item by code within a region subtree (codes repeat across districts). */
export async function findItemByCode(db: Executor, code: string, pathPrefix: string, unit?: ActorUnit): Promise<ItemRow | undefined> {
  const row = await db
    .selectFrom('supervision_items')
    .select(ITEM_COLUMNS)
    .where('code', '=', code)
    .where((eb) => scopeOrUnit(eb, pathPrefix, unit))
    .orderBy('district_code')
    .executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** The unit an actor acts for (a department, or a town's government) within its district. */
export interface ActorUnit {
  districtCode: string;
  kind: string;
  code: string;
}

function involvingUnit(eb: ExpressionBuilder<DB, 'supervision_items'>, unit: { kind: string; code: string }) {
  return eb.or([
    eb.and([eb('lead_kind', '=', unit.kind), eb('lead_code', '=', unit.code)]),
    eb(sql`assisting_units`, '@>', sql`${JSON.stringify([{ kind: unit.kind, code: unit.code }])}::jsonb`),
  ]);
}

/** In the region subtree, or (for a unit) led or assisted by it in its district even when the item concerns a wider region. */
function scopeOrUnit(eb: ExpressionBuilder<DB, 'supervision_items'>, pathPrefix: string, unit?: ActorUnit) {
  const inScope = eb('region_path', 'like', `${pathPrefix}%`);
  if (!unit) return inScope;
  return eb.or([inScope, eb.and([eb('district_code', '=', unit.districtCode), involvingUnit(eb, unit)])]);
}

/** Filters of the item list. */
export interface ItemFilter {
  pathPrefix: string;
  /** Also the items this unit leads or assists outside `pathPrefix`. */
  unit?: ActorUnit;
  states?: string[];
  colours?: string[];
  sourceTypes?: string[];
  lead?: { kind: string; code: string };
  /** Items where this unit leads or assists. */
  involving?: { kind: string; code: string };
  deputyUserId?: string;
  overdueOnly?: boolean;
  text?: string;
  limit: number;
  offset: number;
}

/** Items matching a filter, newest first, with the total. */
export async function listItems(db: Executor, filter: ItemFilter): Promise<{ rows: ItemRow[]; total: number }> {
  let query = db.selectFrom('supervision_items').where((eb) => scopeOrUnit(eb, filter.pathPrefix, filter.unit));
  if (filter.states?.length) query = query.where('state', 'in', filter.states);
  if (filter.colours?.length) query = query.where('colour', 'in', filter.colours);
  if (filter.sourceTypes?.length) query = query.where('source_type', 'in', filter.sourceTypes);
  if (filter.lead) query = query.where('lead_kind', '=', filter.lead.kind).where('lead_code', '=', filter.lead.code);
  if (filter.involving) {
    const unit = filter.involving;
    query = query.where((eb) => involvingUnit(eb, unit));
  }
  if (filter.deputyUserId) query = query.where('deputy_user_id', '=', filter.deputyUserId);
  if (filter.overdueOnly) query = query.where('overdue_at', 'is not', null).where('state', 'not in', ['completed', 'cancelled']);
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('title', 'like', like), eb('code', 'like', like), eb('description', 'like', like)]));
  }
  const counted = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  const rows = await query
    .select(ITEM_COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows: rows.map(normalise), total: Number(counted?.n ?? 0) };
}

/** Counts of items by state and colour in a subtree (the board's header). */
export async function countItemsByStateAndColour(db: Executor, pathPrefix: string): Promise<{ state: string; colour: string; overdue: boolean; n: number }[]> {
  const rows = await db
    .selectFrom('supervision_items')
    .select(['state', 'colour', sql<boolean>`overdue_at is not null`.as('overdue'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('region_path', 'like', `${pathPrefix}%`)
    .groupBy(['state', 'colour', sql`overdue_at is not null`])
    .execute();
  return rows.map((r) => ({ state: r.state, colour: r.colour, overdue: Boolean(r.overdue), n: Number(r.n) }));
}

/** Changes an item if it still has `version`; returns the new row or undefined when stale. */
export async function updateItem(tx: Tx, districtCode: string, id: number, version: number, patch: ItemPatch): Promise<ItemRow | undefined> {
  const { assisting_units, ...rest } = patch;
  const values: Record<string, unknown> = { ...rest, version: sql`version + 1` };
  if (assisting_units) values.assisting_units = JSON.stringify(assisting_units);
  const row = await tx
    .updateTable('supervision_items')
    .set(values as never)
    .where('district_code', '=', districtCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(ITEM_COLUMNS)
    .executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** A timeline entry as read. */
export interface ItemEventRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  progress: number | null;
  data: Record<string, unknown> | null;
}

/** Appends to an item's timeline. */
export async function insertItemEvent(
  tx: Tx,
  districtCode: string,
  itemId: number,
  event: Omit<ItemEventRow, 'id' | 'data'> & { data: Record<string, unknown> | null },
): Promise<void> {
  await tx
    .insertInto('supervision_item_events')
    .values({ district_code: districtCode, item_id: itemId, ...event, data: event.data === null ? null : JSON.stringify(event.data) })
    .execute();
}

/** An item's timeline, oldest first. */
export async function listItemEvents(db: Executor, districtCode: string, itemId: number): Promise<ItemEventRow[]> {
  const rows = await db
    .selectFrom('supervision_item_events')
    .select(['id', 'at', 'actor_id', 'actor_label', 'action', 'from_state', 'to_state', 'note', 'progress', 'data'])
    .where('district_code', '=', districtCode)
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at), data: (r.data ?? null) as Record<string, unknown> | null }));
}

/** A notice as read. */
export interface ItemNoticeRow {
  district_code: string;
  id: number;
  item_id: number;
  colour: string;
  lead_kind: string;
  lead_code: string;
  reason: string;
  issued_at: Date;
}

/** Issues a notice of one colour to an item (once per colour); returns whether it is new. */
export async function insertItemNotice(tx: Tx, row: Omit<ItemNoticeRow, 'id'>): Promise<boolean> {
  const result = await tx
    .insertInto('supervision_item_notices')
    .values(row)
    .onConflict((oc) => oc.columns(['district_code', 'item_id', 'colour']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Notices of items in a subtree (optionally one item), oldest first. */
export async function listItemNotices(db: Executor, pathPrefix: string, itemId?: number): Promise<(ItemNoticeRow & { code: string; title: string })[]> {
  let query = db
    .selectFrom('supervision_item_notices as n')
    .innerJoin('supervision_items as i', (j) => j.onRef('i.district_code', '=', 'n.district_code').onRef('i.id', '=', 'n.item_id'))
    .select(['n.district_code', 'n.id', 'n.item_id', 'n.colour', 'n.lead_kind', 'n.lead_code', 'n.reason', 'n.issued_at', 'i.code', 'i.title'])
    .where('i.region_path', 'like', `${pathPrefix}%`);
  if (itemId !== undefined) query = query.where('n.item_id', '=', itemId);
  const rows = await query.orderBy('n.issued_at').orderBy('n.id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), item_id: Number(r.item_id), issued_at: new Date(r.issued_at) }));
}

/** Open items after `afterId` (any district), for the sweep, in id order. */
export async function listOpenItemsForSweep(db: Executor, afterId: number, limit: number): Promise<ItemRow[]> {
  const rows = await db
    .selectFrom('supervision_items')
    .select(ITEM_COLUMNS)
    .where('state', 'not in', ['completed', 'cancelled'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

/** The live items raised from these sources, by source id → item code. */
export async function findItemsBySources(db: Executor, districtCode: string, sourceType: string, sourceIds: string[]): Promise<Map<string, string>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('supervision_items')
    .select(['source_id', 'code'])
    .where('district_code', '=', districtCode)
    .where('source_type', '=', sourceType)
    .where('source_id', 'in', sourceIds)
    .where('state', '<>', 'cancelled')
    .execute();
  return new Map(rows.map((r) => [r.source_id as string, r.code]));
}

/** Whether a district has any supervision item (demo seeding is skipped then). */
export async function districtHasItems(db: Executor, districtCode: string): Promise<boolean> {
  const row = await db.selectFrom('supervision_items').select('id').where('district_code', '=', districtCode).limit(1).executeTakeFirst();
  return row !== undefined;
}
