/**
 * The cockpit's only SQL: where each district's change feed stands. The cockpit stores
 * nothing; every change of a case writes an audit row in the same transaction (the bulk
 * import one per batch), so the head of a district's audit chain is a change counter that
 * every process sees.
 */
import type { Executor } from '@/db/database.js';

/** The newest audit sequence number of each of `districtCodes` that has one. */
export async function latestChangeSeqs(db: Executor, districtCodes: readonly string[]): Promise<Map<string, number>> {
  if (districtCodes.length === 0) return new Map();
  const rows = await db.selectFrom('audit_heads').select(['district_code', 'seq']).where('district_code', 'in', [...districtCodes]).execute();
  return new Map(rows.map((r) => [r.district_code, Number(r.seq)]));
}

/** The kinds of record (audit `entity_type`) changed after `afterSeq` up to `toSeq`, at most 50 distinct. */
export async function changedEntityTypes(db: Executor, districtCode: string, afterSeq: number, toSeq: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('entity_type')
    .distinct()
    .where('district_code', '=', districtCode)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', toSeq)
    .limit(50)
    .execute();
  return rows.map((r) => r.entity_type);
}
