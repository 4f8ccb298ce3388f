/**
 * SQL of backups: pages of whole tables, emptying them, and bulk inserts.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';
import type { DB } from '@/db/schema.js';

/** A table of the backup, the order its rows are read in, and its jsonb columns. */
export interface BackupTable {
  name: keyof DB;
  order: string;
  json: string[];
  /** bytea columns, carried as base64 text. */
  bytea?: string[];
  /** An identity column whose generator must move past the restored rows. */
  identity?: string;
}

/** Tables in the order they restore (parents first). */
export const BACKUP_TABLES: BackupTable[] = [
  { name: 'regions', order: 'length(path), code', json: ['geometry'] },
  { name: 'region_revisions', order: 'district_code', json: [] },
  { name: 'departments', order: 'district_code, code', json: [] },
  { name: 'users', order: 'created_at, id', json: [] },
  { name: 'sessions', order: 'created_at, id', json: [] },
  { name: 'api_tokens', order: 'created_at, id', json: [] },
  { name: 'indicators', order: 'district_code, code', json: ['region_codes'] },
  { name: 'indicator_targets', order: 'district_code, indicator_code, region_code, year', json: [] },
  { name: 'indicator_actuals', order: 'district_code, indicator_code, region_code, year, month', json: [] },
  {
    name: 'indicator_actual_revisions',
    order: 'district_code, indicator_code, region_code, year, month, revision',
    json: [],
  },
  { name: 'indicator_settings', order: 'district_code', json: ['thresholds'] },
  { name: 'calendars', order: 'district_code, code', json: ['working_hours', 'weekend_days'] },
  { name: 'calendar_days', order: 'district_code, calendar_code, date', json: [] },
  { name: 'case_categories', order: 'district_code, length(code), code', json: ['limits'] },
  { name: 'case_category_towns', order: 'district_code, category_code, town_code', json: [] },
  { name: 'case_natures', order: 'district_code, code', json: ['limit'] },
  { name: 'cases', order: 'district_code, id', json: ['limits', 'clocks', 'pauses', 'pending_request', 'attachment_ids'] },
  { name: 'case_events', order: 'district_code, case_id, seq', json: ['data'] },
  { name: 'case_attachments', order: 'district_code, id', json: [], bytea: ['data'] },
  { name: 'case_rollups', order: 'district_code, dim, month, town_code, key', json: [] },
  { name: 'supervision_notices', order: 'district_code, id', json: [], identity: 'id' },
  { name: 'project_tags', order: 'district_code, code', json: [] },
  { name: 'projects', order: 'district_code, id', json: [], identity: 'id' },
  { name: 'project_tag_links', order: 'district_code, project_id, tag_code', json: [] },
  { name: 'project_milestones', order: 'district_code, project_id, stage', json: [] },
  { name: 'project_stage_requests', order: 'district_code, id', json: [], identity: 'id' },
  { name: 'project_year_plans', order: 'district_code, project_id, year', json: ['monthly_plan'] },
  { name: 'project_reports', order: 'district_code, project_id, year, month', json: [] },
  { name: 'project_report_revisions', order: 'district_code, project_id, year, month, revision', json: [] },
  { name: 'project_problems', order: 'district_code, id', json: [], identity: 'id' },
  { name: 'project_settings', order: 'district_code', json: ['thresholds'] },
  { name: 'livelihood_cycles', order: 'district_code, id', json: [] },
  { name: 'livelihood_candidates', order: 'district_code, id', json: [] },
  { name: 'ballot_sessions', order: 'district_code, round, id', json: ['result'] },
  { name: 'ballot_roll', order: 'district_code, session_id, user_id', json: [] },
  { name: 'ballots', order: 'district_code, session_id, id', json: [] },
  { name: 'livelihood_results', order: 'district_code, depth, id', json: [] },
  { name: 'livelihood_result_milestones', order: 'district_code, id', json: [] },
  { name: 'livelihood_result_updates', order: 'district_code, id', json: ['changes'], identity: 'id' },
  { name: 'livelihood_evaluations', order: 'district_code, result_id, deputy_user_id', json: [] },
  { name: 'supervision_items', order: 'district_code, id', json: ['assisting_units'], identity: 'id' },
  { name: 'supervision_item_events', order: 'district_code, id', json: ['data'], identity: 'id' },
  { name: 'supervision_item_notices', order: 'district_code, id', json: [], identity: 'id' },
  { name: 'report_documents', order: 'district_code, id', json: [], identity: 'id' },
  { name: 'report_records', order: 'district_code, document_id, seq', json: [] },
  { name: 'audit_log', order: 'district_code, seq', json: ['before', 'after'] },
  { name: 'audit_heads', order: 'district_code', json: [] },
];

/** One page of a table's rows in its fixed order. */
export async function readTablePage(
  db: Executor,
  table: BackupTable,
  offset: number,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}
    order by ${sql.raw(table.order)} limit ${limit} offset ${offset}`.execute(db);
  if (!table.bytea?.length) return result.rows;
  return result.rows.map((row) => {
    const copy = { ...row };
    for (const column of table.bytea ?? []) {
      const value = copy[column];
      if (value instanceof Uint8Array) copy[column] = Buffer.from(value).toString('base64');
    }
    return copy;
  });
}

/** Empties every backed-up table. */
export async function truncateBackupTables(tx: Tx): Promise<void> {
  // The audit tables refuse TRUNCATE unless this transaction declares itself a restore.
  await sql`select set_config('shuzhi.restoring', 'on', true)`.execute(tx);
  await sql`truncate ${sql.join(BACKUP_TABLES.map((t) => sql.table(t.name)))} cascade`.execute(tx);
}

/** Inserts rows as read from a backup (jsonb columns are serialised here). */
export async function insertBackupRows(tx: Tx, table: BackupTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const prepared = rows.map((row) => {
    const copy = { ...row };
    for (const column of table.json) {
      if (copy[column] !== null && copy[column] !== undefined) copy[column] = JSON.stringify(copy[column]);
    }
    for (const column of table.bytea ?? []) {
      if (typeof copy[column] === 'string') copy[column] = Buffer.from(copy[column], 'base64');
    }
    return copy;
  });
  await tx.insertInto(table.name).values(prepared as never).execute();
}

/** Moves the generators of case numbers and notice ids past the restored rows. */
export async function resetSequences(tx: Tx): Promise<void> {
  await sql`select setval('case_id_seq', greatest((select max(id) from cases), 1000000))`.execute(tx);
  for (const table of BACKUP_TABLES) {
    if (!table.identity) continue;
    const column = sql.ref(table.identity);
    await sql`select setval(pg_get_serial_sequence(${table.name}, ${table.identity}), greatest((select max(${column}) from ${sql.table(table.name)}), 1))`.execute(tx);
  }
}
