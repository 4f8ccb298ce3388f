/**
 * Authentication: password login to a session, API tokens for machines, and turning a
 * session or token into the acting user. Secrets are stored only as hashes.
 */
import { createHash } from 'node:crypto';
import type { Db } from '@/db/database.js';
import { recordChange } from '@/domains/audit/audit-service.js';
import { countHit } from '@/domains/throttle/throttle-service.js';
import { ROLES, type Actor, type Role } from '@/shared/actor.js';
import { AppError, notFound } from '@/shared/errors.js';
import {
  clearFailedLogins,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  findAuthUserById,
  findAuthUserByUsername,
  findSessionUser,
  findToken,
  insertSession,
  insertToken,
  listTokens as listTokenRows,
  claimLoginAttempt,
  revokeToken as revokeTokenRow,
  findTokenUser,
  touchToken,
  type AuthUserRow,
  type TokenRow,
} from './auth-repository.js';
import { verifyPassword } from './passwords.js';
import { hashSecret, newSecret } from './secrets.js';

/** Settings of login and sessions (from the configuration). */
export interface AuthSettings {
  sessionHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
}

/** Turns a stored user into the actor of a request. */
export function actorOf(user: AuthUserRow, requestId?: string): Actor {
  return {
    userId: user.id,
    label: `user:${user.username}`,
    role: (ROLES as readonly string[]).includes(user.role) ? (user.role as Role) : 'viewer',
    districtCode: user.district_code,
    regionCode: user.region_code,
    regionPath: user.region_path,
    departmentCode: user.department_code,
    requestId,
  };
}

/** A successful login. */
export interface LoginResult {
  /** The session secret for the cookie; shown once, stored hashed. */
  sessionSecret: string;
  expiresAt: Date;
  user: AuthUserRow;
}

// Unknown usernames are throttled like real ones, so that a lock does not reveal which
// accounts exist. The count is kept in the database (as a real account's is), so several
// server processes share it. The username is stored only as a digest.
async function claimUnknownAttempt(db: Db, username: string, settings: AuthSettings): Promise<boolean> {
  const key = `login-unknown:${createHash('sha256').update(username).digest('hex')}`;
  const { count } = await countHit({ db, key, windowMs: settings.loginLockMinutes * 60_000 });
  return count <= settings.loginMaxFailures;
}

function tooManyAttempts(settings: AuthSettings): AppError {
  return new AppError('TOO_MANY_ATTEMPTS', 'login throttled', {
    userMessage: `登录失败次数过多,请 ${settings.loginLockMinutes} 分钟后再试`,
  });
}

/**
 * Checks a username and password. Every attempt is counted before the password is
 * checked; after `loginMaxFailures` failures in a row the account is locked for
 * `loginLockMinutes`, even to the right password. Unknown usernames answer the same way
 * and take as long.
 */
export async function login(options: {
  db: Db;
  settings: AuthSettings;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<LoginResult> {
  const { db, settings } = options;
  const username = options.username.trim().toLowerCase();
  const claimed = await claimLoginAttempt(db, username, settings.loginMaxFailures, settings.loginLockMinutes);
  const user = claimed ? await findAuthUserById(db, claimed) : undefined;
  if (!user) {
    const exists = await findAuthUserByUsername(db, username);
    if (exists || !(await claimUnknownAttempt(db, username, settings))) throw tooManyAttempts(settings);
    await verifyPassword(null, options.password);
    throw new AppError('INVALID_CREDENTIALS', 'invalid username or password', { field: 'password' });
  }
  const ok = await verifyPassword(user.password_hash, options.password);
  if (!ok || user.disabled_at) {
    throw new AppError('INVALID_CREDENTIALS', 'invalid username or password', { field: 'password' });
  }
  await clearFailedLogins(db, user.id);
  const sessionSecret = newSecret('szs');
  const expiresAt = new Date(Date.now() + settings.sessionHours * 3600_000);
  await insertSession(db, {
    id: hashSecret(sessionSecret),
    userId: user.id,
    expiresAt,
    ip: options.ip,
    userAgent: options.userAgent,
  });
  // Housekeeping rides on logins: cheap, and keeps the table small without a scheduler.
  await deleteExpiredSessions(db);
  return { sessionSecret, expiresAt, user };
}

// ---------------------------------------------------------------------------------------------
// Who is behind a session or token, remembered for a few seconds

/**
 * How long this process believes a looked-up session or token without asking the database
 * again. Every authenticated request needs its user; asking the database each time was a
 * round trip and a join per request, a fifth of a case intake's cost. Anything that ends a
 * session or changes a user forgets at once ({@link forgetAuthentications}), in this process
 * and, through the primary, in the other server processes (SHUZHI_WORKERS); a change made by
 * another program (the CLI, a second server) is believed for at most this long.
 */
export const AUTH_CACHE_MS = 5_000;
const AUTH_CACHE_MAX = 10_000;
/** Per database (a test process opens several), keyed by `s:` or `t:` and the secret's hash. */
const rememberedBy = new WeakMap<Db, Map<string, { user: AuthUserRow; until: number; generation: number }>>();
// Moves on every forget: what was remembered before is no longer believed, and a lookup that
// began before a change (and may have read the row as it was) is not remembered after it.
let generation = 0;

function rememberedOf(db: Db): Map<string, { user: AuthUserRow; until: number; generation: number }> {
  let map = rememberedBy.get(db);
  if (!map) rememberedBy.set(db, (map = new Map()));
  return map;
}

function recall(db: Db, key: string, now: number): AuthUserRow | undefined {
  const remembered = rememberedOf(db);
  const entry = remembered.get(key);
  if (!entry) return undefined;
  if (entry.until > now && entry.generation === generation) return entry.user;
  remembered.delete(key);
  return undefined;
}

function remember(db: Db, key: string, user: AuthUserRow, now: number, expiresAt: Date | null, lookedUpIn: number): void {
  if (lookedUpIn !== generation) return;
  const remembered = rememberedOf(db);
  if (remembered.size >= AUTH_CACHE_MAX) remembered.delete(remembered.keys().next().value as string);
  const until = Math.min(now + AUTH_CACHE_MS, expiresAt ? new Date(expiresAt).getTime() : Infinity);
  remembered.set(key, { user, until, generation });
}

const forgetListeners = new Set<() => void>();

/**
 * Forgets every remembered session and token of this process: called whenever a session
 * ends, a token is revoked or a user changes (role, region, department, password, disabled),
 * so that within this process the change holds from the next request. Listeners
 * ({@link onAuthenticationsForgotten}: the other server processes) are told, unless the
 * forget came from them (`relayed`).
 */
export function forgetAuthentications(options: { relayed?: boolean } = {}): void {
  generation += 1;
  if (!options.relayed) for (const listener of forgetListeners) listener();
}

/** Calls `listener` after each forget made in this process; returns the unsubscribe. */
export function onAuthenticationsForgotten(listener: () => void): () => void {
  forgetListeners.add(listener);
  return () => forgetListeners.delete(listener);
}

/**
 * Ends every session of a user: after a password change or when the account is disabled,
 * a stolen session must not outlive the reason it was stolen. Runs in the caller's
 * transaction when given one.
 */
export async function endSessionsOfUser(options: { db: Db; userId: string }): Promise<void> {
  await deleteSessionsOfUser(options.db, options.userId);
  // In a caller's transaction, the caller forgets again once it has committed.
  forgetAuthentications();
}

/** Ends a session. */
export async function logout(options: { db: Db; sessionSecret: string }): Promise<void> {
  await deleteSession(options.db, hashSecret(options.sessionSecret));
  forgetAuthentications();
}

/** The user of a live session secret, or undefined. */
export async function authenticateSession(options: { db: Db; sessionSecret: string; now?: Date }): Promise<AuthUserRow | undefined> {
  const id = hashSecret(options.sessionSecret);
  const now = (options.now ?? new Date()).getTime();
  const known = recall(options.db, `s:${id}`, now);
  if (known) return known;
  const lookedUpIn = generation;
  const found = await findSessionUser(options.db, id);
  if (!found || found.disabled_at) return undefined;
  const { expires_at: expiresAt, ...user } = found;
  remember(options.db, `s:${id}`, user, now, expiresAt, lookedUpIn);
  return user;
}

/**
 * How stale a token's "last used" may get before a use writes it again. Writing it on every
 * request made each request of an integration a write, and its clients queue on that one
 * row's lock; to the minute is what an admin reading the token list needs.
 */
export const TOKEN_TOUCH_MS = 60_000;

/** The user of a live API token, or undefined; marks the token used (to the minute). */
export async function authenticateToken(options: { db: Db; token: string; now?: Date }): Promise<AuthUserRow | undefined> {
  const hash = hashSecret(options.token);
  const now = options.now ?? new Date();
  const known = recall(options.db, `t:${hash}`, now.getTime());
  if (known) return known;
  const lookedUpIn = generation;
  const found = await findTokenUser(options.db, hash);
  if (!found || found.disabled_at) return undefined;
  const { token_id: tokenId, expires_at: expiresAt, last_used_at: lastUsedAt, ...user } = found;
  if (!lastUsedAt || now.getTime() - new Date(lastUsedAt).getTime() >= TOKEN_TOUCH_MS) await touchToken(options.db, tokenId);
  remember(options.db, `t:${hash}`, user, now.getTime(), expiresAt, lookedUpIn);
  return user;
}

/** A token as shown (never its secret, except once at creation). */
export interface TokenView {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

function presentToken(row: TokenRow): TokenView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.token_prefix,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}

/**
 * Creates an API token that acts as `username`. An actor may create tokens for
 * themselves; an admin also for users in their scope.
 */
export async function createApiToken(options: {
  db: Db;
  actor: Actor;
  username: string;
  name: string;
  expiresInDays?: number;
}): Promise<{ token: string; view: TokenView }> {
  const { db, actor } = options;
  const user = await findAuthUserByUsername(db, options.username);
  if (!user || !user.region_path.startsWith(actor.regionPath)) throw notFound('user', options.username);
  if (user.id !== actor.userId && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'only admins create tokens for others', { userMessage: '只能为自己创建令牌' });
  }
  const token = newSecret('szt');
  const expiresAt = options.expiresInDays ? new Date(Date.now() + options.expiresInDays * 86400_000) : null;
  const row = await db.transaction().execute(async (tx) => {
    const created = await insertToken(tx, {
      userId: user.id,
      name: options.name,
      hash: hashSecret(token),
      prefix: token.slice(0, 10),
      expiresAt,
    });
    await recordChange(tx, actor, {
      districtCode: user.district_code,
      action: 'token.created',
      entityType: 'api_token',
      entityId: created.id,
      before: null,
      after: { user: user.username, name: created.name, prefix: created.token_prefix, expires_at: expiresAt },
    });
    return created;
  });
  return { token, view: presentToken(row) };
}

/** Tokens the actor may see: their own, or all in scope for an admin. */
export async function listApiTokens(options: { db: Db; actor: Actor; userIdsInScope: string[] }): Promise<TokenView[]> {
  const { actor } = options;
  const ids = actor.role === 'admin' ? options.userIdsInScope : actor.userId ? [actor.userId] : [];
  return (await listTokenRows(options.db, ids)).map(presentToken);
}

/** Revokes a token the actor owns (or, for an admin, one in scope). */
export async function revokeApiToken(options: {
  db: Db;
  actor: Actor;
  tokenId: string;
  userIdsInScope: string[];
}): Promise<TokenView> {
  const { db, actor } = options;
  const existing = await findToken(db, options.tokenId);
  const allowed =
    existing &&
    (existing.user_id === actor.userId || (actor.role === 'admin' && options.userIdsInScope.includes(existing.user_id)));
  if (!existing || !allowed) throw notFound('token', options.tokenId);
  const owner = await findAuthUserById(db, existing.user_id);
  const view = await db.transaction().execute(async (tx) => {
    const row = await revokeTokenRow(tx, options.tokenId);
    if (!row) throw new AppError('CONFLICT', `token ${options.tokenId} is already revoked`, { userMessage: '令牌已被吊销' });
    await recordChange(tx, actor, {
      districtCode: owner?.district_code ?? actor.districtCode,
      action: 'token.revoked',
      entityType: 'api_token',
      entityId: row.id,
      before: { revoked_at: null },
      after: { revoked_at: row.revoked_at },
    });
    return presentToken(row);
  });
  forgetAuthentications();
  return view;
}
