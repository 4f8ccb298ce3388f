/**
 * SQL of the shared counters (table rate_counters): one statement counts a hit and starts a
 * new window when the old one has run out, so concurrent processes never lose a count.
 */
import { sql } from 'kysely';
import type { Executor } from '@/db/database.js';

/** A counter after a hit: hits in the current window and the milliseconds left in it. */
export interface CounterState {
  count: number;
  ttlMs: number;
}

/** Counts one hit on `key`, in a window of `windowMs` that starts with the first hit. */
export async function hitCounter(db: Executor, key: string, windowMs: number): Promise<CounterState> {
  const result = await sql<{ count: number; ttl_ms: number | string }>`
    insert into rate_counters as c (key, count, expires_at)
    values (${key}, 1, clock_timestamp() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      count = case when c.expires_at <= clock_timestamp() then 1 else c.count + 1 end,
      expires_at = case when c.expires_at <= clock_timestamp() then excluded.expires_at else c.expires_at end
    returning c.count, greatest(0, extract(epoch from (c.expires_at - clock_timestamp())) * 1000) as ttl_ms`.execute(db);
  const row = result.rows[0] as { count: number; ttl_ms: number | string };
  return { count: Number(row.count), ttlMs: Math.round(Number(row.ttl_ms)) };
}

/** The counter of `key` without counting (zero when absent or run out). */
export async function readCounter(db: Executor, key: string): Promise<CounterState> {
  const result = await sql<{ count: number; ttl_ms: number | string }>`
    select count, extract(epoch from (expires_at - clock_timestamp())) * 1000 as ttl_ms
    from rate_counters where key = ${key} and expires_at > clock_timestamp()`.execute(db);
  const row = result.rows[0];
  return row ? { count: Number(row.count), ttlMs: Math.round(Number(row.ttl_ms)) } : { count: 0, ttlMs: 0 };
}

/** Deletes counters whose window has run out; returns how many. */
export async function deleteExpiredCounters(db: Executor): Promise<number> {
  const result = await sql`delete from rate_counters where expires_at <= clock_timestamp()`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
