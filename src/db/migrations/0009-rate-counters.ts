/**
 * Counters shared by every server process: request rate limits when several processes serve
 * one port (SHUZHI_WORKERS), and failed logins under usernames that do not exist (throttled
 * like real accounts, so that a lock does not reveal which accounts exist). A counter lives
 * until `expires_at`; the server's minute sweep deletes the expired ones.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_counters (
      key text primary key check (length(key) between 1 and 300),
      count integer not null check (count >= 1),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index rate_counters_expires_idx on rate_counters (expires_at)`.execute(db);
}
