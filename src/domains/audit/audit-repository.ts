/**
 * SQL of the audit log. Only appends and reads: the table refuses updates and deletes.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';
import { preparedMarker } from '@/db/prepared.js';

/** One row as stored. */
export interface AuditRow {
  district_code: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Locks a district's chain until the transaction ends and reads its newest link, in one
 * round trip: appenders queue on the head row's lock, and a locking read returns the newest
 * committed version of the row once it has the lock (which a plain read, whose snapshot is
 * taken before it waits, would not). A chain's first appender makes the row at seq 0 (with
 * `genesis`) within its transaction; a concurrent first appender waits on that insert and then
 * finds the row.
 */
export async function claimChainHead(tx: Tx, districtCode: string, genesis: string): Promise<{ seq: number; hash: string }> {
  const read = () => tx.selectFrom('audit_heads').modifyFront(preparedMarker()).select(['seq', 'hash']).where('district_code', '=', districtCode).forUpdate().executeTakeFirst();
  let row = await read();
  if (!row) {
    await tx.insertInto('audit_heads').values({ district_code: districtCode, seq: 0, hash: genesis }).onConflict((oc) => oc.column('district_code').doNothing()).execute();
    row = await read();
  }
  if (!row) throw new Error(`audit chain head of ${districtCode} could not be claimed`);
  return { seq: Number(row.seq), hash: row.hash };
}

/** The newest link of a district's chain, from the head table. */
export async function findChainHead(
  db: Executor,
  districtCode: string,
): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('district_code', '=', districtCode)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/** Inserts rows (already hashed) and moves the head, the last chunk and the head in one statement. */
export async function insertAuditRows(tx: Tx, rows: AuditRow[]): Promise<void> {
  const last = rows.at(-1);
  if (!last) return;
  // One JSON parameter per chunk, expanded in SQL (see upsertRegions for why).
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
    const insert = sql`${preparedMarker()}
      insert into audit_log (district_code, seq, at, actor_id, actor_label, action, entity_type, entity_id,
        before, after, request_id, prev_hash, hash)
      select r.district_code, r.seq, r.at, r.actor_id, r.actor_label, r.action, r.entity_type, r.entity_id,
        r.before, r.after, r.request_id, r.prev_hash, r.hash
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(
        district_code text, seq bigint, at timestamptz, actor_id uuid, actor_label text, action text,
        entity_type text, entity_id text, before jsonb, after jsonb, request_id text, prev_hash text, hash text)
      order by r.seq`;
    if (i + 2000 < rows.length) {
      await insert.execute(tx);
      continue;
    }
    // The last chunk and the head move together: one round trip less in every transaction
    // that records a change.
    await sql`
      with appended as (${insert} returning 1)
      insert into audit_heads (district_code, seq, hash)
      values (${last.district_code}, ${last.seq}, ${last.hash})
      on conflict (district_code) do update set seq = excluded.seq, hash = excluded.hash`.execute(tx);
  }
}

/** Districts that have a chain. */
export async function listChainDistricts(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_heads')
    .select('district_code')
    .union(db.selectFrom('audit_log').select('district_code').distinct())
    .execute();
  return [...new Set(rows.map((row) => row.district_code))].sort();
}

/** A page of one district's chain in order, after `afterSeq`. */
export async function listChainPage(
  db: Executor,
  districtCode: string,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('district_code', '=', districtCode)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** Filters for {@link listAuditEntries}. */
export interface AuditQuery {
  districtCodes?: string[];
  entityType?: string;
  entityId?: string;
  beforeSeq?: number;
  limit: number;
}

/** Newest-first audit rows for display. */
export async function listAuditEntries(db: Executor, query: AuditQuery): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (query.districtCodes) q = q.where('district_code', 'in', query.districtCodes);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
  const rows = await q.orderBy('at', 'desc').orderBy('seq', 'desc').limit(query.limit).execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}
