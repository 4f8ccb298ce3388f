/**
 * SQL of authentication: the user behind a login, sessions and API tokens.
 */
import { sql } from 'kysely';
import type { Executor } from '@/db/database.js';
import { preparedMarker } from '@/db/prepared.js';

/** What authentication needs to know of a user, with their scope's path. */
export interface AuthUserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  district_code: string;
  region_code: string;
  region_path: string;
  region_name: string;
  department_code: string | null;
  phone: string | null;
  password_hash: string | null;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
}

function selectAuthUser(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('regions', (join) =>
      join.onRef('regions.district_code', '=', 'users.district_code').onRef('regions.code', '=', 'users.region_code'),
    )
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.district_code',
      'users.region_code',
      'regions.path as region_path',
      'regions.name as region_name',
      'users.department_code',
      'users.phone',
      'users.password_hash',
      'users.failed_logins',
      'users.locked_until',
      'users.disabled_at',
    ]);
}

/** The user with this username, or undefined. */
export async function findAuthUserByUsername(db: Executor, username: string): Promise<AuthUserRow | undefined> {
  return (await selectAuthUser(db).where('users.username', '=', username).executeTakeFirst()) as AuthUserRow | undefined;
}

/** The columns of {@link AuthUserRow}, for the hand-written hot queries below. */
const AUTH_USER_COLUMNS = sql`u.id, u.username, u.display_name, u.role, u.district_code, u.region_code,
  r.path as region_path, r.name as region_name, u.department_code, u.phone, u.password_hash,
  u.failed_logins, u.locked_until, u.disabled_at`;

/**
 * The user of a live session and when the session ends, in one round trip (every
 * authenticated request may ask this): undefined when the session does not exist or has
 * expired. Written as prepared SQL: on a server, building this join with the query builder
 * and planning it cost several times running it.
 */
export async function findSessionUser(db: Executor, sessionId: string): Promise<(AuthUserRow & { expires_at: Date }) | undefined> {
  const result = await sql<AuthUserRow & { expires_at: Date }>`${preparedMarker()}
    select ${AUTH_USER_COLUMNS}, s.expires_at
    from sessions s
    join users u on u.id = s.user_id
    join regions r on r.district_code = u.district_code and r.code = u.region_code
    where s.id = ${sessionId} and s.expires_at > now()`.execute(db);
  return result.rows[0];
}

/** The user with this id, or undefined. */
export async function findAuthUserById(db: Executor, id: string): Promise<AuthUserRow | undefined> {
  return (await selectAuthUser(db).where('users.id', '=', id).executeTakeFirst()) as AuthUserRow | undefined;
}

/**
 * Counts a login attempt before the password is checked, in one statement: the count and
 * the lock move together, so a burst of parallel guesses cannot all slip past the lock.
 * Returns the user's id, or undefined when the account is locked (or does not exist).
 */
export async function claimLoginAttempt(
  db: Executor,
  username: string,
  maxFailures: number,
  lockMinutes: number,
): Promise<string | undefined> {
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: sql`failed_logins + 1`,
      locked_until: sql`case when failed_logins + 1 >= ${maxFailures}
        then now() + make_interval(mins => ${lockMinutes}) else locked_until end`,
    })
    .where('username', '=', username)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Clears the failure count after a good login. */
export async function clearFailedLogins(db: Executor, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

/** Stores a session (by the hash of its secret). */
export async function insertSession(
  db: Executor,
  session: { id: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

/** Ends a session. */
export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user (after a password change or when disabled). */
export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Drops expired sessions. */
export async function deleteExpiredSessions(db: Executor): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
}

/** An API token row. */
export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  token_prefix: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** Stores a token (by hash). */
export async function insertToken(
  db: Executor,
  token: { userId: string; name: string; hash: string; prefix: string; expiresAt: Date | null },
): Promise<TokenRow> {
  return (await db
    .insertInto('api_tokens')
    .values({
      user_id: token.userId,
      name: token.name,
      token_hash: token.hash,
      token_prefix: token.prefix,
      expires_at: token.expiresAt,
    })
    .returning(['id', 'user_id', 'name', 'token_prefix', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .executeTakeFirstOrThrow()) as TokenRow;
}

/**
 * The user behind a live (not revoked, not expired) token, with the token's id, expiry and
 * when it was last used, in one prepared statement (every request of an integration asks this).
 */
export async function findTokenUser(
  db: Executor,
  hash: string,
): Promise<(AuthUserRow & { token_id: string; expires_at: Date | null; last_used_at: Date | null }) | undefined> {
  const result = await sql<AuthUserRow & { token_id: string; expires_at: Date | null; last_used_at: Date | null }>`${preparedMarker()}
    select ${AUTH_USER_COLUMNS}, t.id as token_id, t.expires_at, t.last_used_at
    from api_tokens t
    join users u on u.id = t.user_id
    join regions r on r.district_code = u.district_code and r.code = u.region_code
    where t.token_hash = ${hash} and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())`.execute(db);
  return result.rows[0];
}

/** Marks a token used now. */
export async function touchToken(db: Executor, id: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

/** Tokens of some users, newest first. */
export async function listTokens(db: Executor, userIds: string[] | null): Promise<TokenRow[]> {
  let q = db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'token_prefix', 'created_at', 'expires_at', 'revoked_at', 'last_used_at']);
  if (userIds) q = q.where('user_id', 'in', userIds.length ? userIds : ['00000000-0000-0000-0000-000000000000']);
  return (await q.orderBy('created_at', 'desc').execute()) as TokenRow[];
}

/** Revokes a token; returns it, or undefined when there is no such live token. */
export async function revokeToken(db: Executor, id: string): Promise<TokenRow | undefined> {
  return (await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'user_id', 'name', 'token_prefix', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .executeTakeFirst()) as TokenRow | undefined;
}

/** One token by id. */
export async function findToken(db: Executor, id: string): Promise<TokenRow | undefined> {
  return (await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'token_prefix', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('id', '=', id)
    .executeTakeFirst()) as TokenRow | undefined;
}
