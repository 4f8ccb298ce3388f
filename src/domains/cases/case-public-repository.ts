/**
 * Read-only SQL of the public projection of a district's cases (Open311 GET requests,
 * requests/{id}, tokens/{token}, and the public portal): every query is bound to one district
 * and selects only the columns a public answer is built from — never a reporter's details.
 */
import type { Executor } from '@/db/database.js';
import type { StoredClock } from '@/db/schema.js';

/** The columns a public request is built from. */
export interface PublicCaseRow {
  id: number;
  token: string;
  status: string;
  category_code: string | null;
  description: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  department_code: string | null;
  received_at: Date;
  updated_at: Date;
  clocks: Partial<Record<'dispatch' | 'handle' | 'check' | 'total', StoredClock>>;
  merged_into: number | null;
  overdue_at: Date | null;
  attachment_ids: string[];
  /** Read only so the presenter can scrub them out of free text; never presented. */
  reporter_name: string | null;
  reporter_phone: string | null;
}

/** Filters of the public list, resolved by the service. */
export interface PublicCaseQuery {
  districtCode: string;
  ids?: number[];
  categoryCodes?: string[];
  /** Only these states (`open`: not final) … */
  statuses?: readonly string[];
  /** … or every state but these (`open`). */
  excludedStatuses?: readonly string[];
  receivedFrom?: Date;
  receivedTo?: Date;
  limit: number;
}

const PUBLIC_COLUMNS = [
  'id',
  'token',
  'status',
  'category_code',
  'description',
  'address',
  'lon',
  'lat',
  'department_code',
  'received_at',
  'updated_at',
  'clocks',
  'merged_into',
  'overdue_at',
  'attachment_ids',
  'reporter_name',
  'reporter_phone',
] as const;

function normalise(row: Record<string, unknown>): PublicCaseRow {
  const r = row as unknown as PublicCaseRow;
  return {
    ...r,
    id: Number(r.id),
    merged_into: r.merged_into === null ? null : Number(r.merged_into),
    received_at: new Date(r.received_at),
    updated_at: new Date(r.updated_at),
    overdue_at: r.overdue_at === null ? null : new Date(r.overdue_at),
    attachment_ids: Array.isArray(r.attachment_ids) ? r.attachment_ids : [],
  };
}

/** A district's cases matching the filters, newest first, at most `limit`. */
export async function listPublicCaseRows(db: Executor, q: PublicCaseQuery): Promise<PublicCaseRow[]> {
  let query = db.selectFrom('cases').select([...PUBLIC_COLUMNS]).where('district_code', '=', q.districtCode);
  if (q.ids) query = query.where('id', 'in', q.ids.length > 0 ? q.ids : [-1]);
  if (q.categoryCodes) query = query.where('category_code', 'in', q.categoryCodes.length > 0 ? q.categoryCodes : ['']);
  if (q.statuses) query = query.where('status', 'in', q.statuses.length > 0 ? [...q.statuses] : ['']);
  if (q.excludedStatuses?.length) query = query.where('status', 'not in', [...q.excludedStatuses]);
  if (q.receivedFrom) query = query.where('received_at', '>=', q.receivedFrom);
  if (q.receivedTo) query = query.where('received_at', '<=', q.receivedTo);
  const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => normalise(r as Record<string, unknown>));
}

/** The case of a public token in a district, or undefined. */
export async function findPublicCaseByToken(db: Executor, districtCode: string, token: string): Promise<{ id: number; token: string } | undefined> {
  const row = await db.selectFrom('cases').select(['id', 'token']).where('district_code', '=', districtCode).where('token', '=', token).executeTakeFirst();
  return row ? { id: Number(row.id), token: row.token } : undefined;
}

/** The note of the latest `action` step of each case (e.g. why it was voided). */
export async function findLatestStepNotes(db: Executor, districtCode: string, caseIds: number[], action: string): Promise<Map<number, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('case_events')
    .select(['case_id', 'note'])
    .distinctOn('case_id')
    .where('district_code', '=', districtCode)
    .where('case_id', 'in', caseIds)
    .where('action', '=', action)
    .orderBy('case_id')
    .orderBy('seq', 'desc')
    .execute();
  return new Map(rows.filter((r) => r.note !== null).map((r) => [Number(r.case_id), r.note as string]));
}
