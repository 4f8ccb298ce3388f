/**
 * SQL of user accounts.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';

/** A user row with the name and path of their region. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  district_code: string;
  region_code: string;
  region_name: string;
  region_path: string;
  department_code: string | null;
  phone: string | null;
  disabled_at: Date | null;
  version: number;
  created_at: Date;
}

function selectUsers(db: Executor) {
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
      'regions.name as region_name',
      'regions.path as region_path',
      'users.department_code',
      'users.phone',
      'users.disabled_at',
      'users.version',
      'users.created_at',
    ]);
}

/** Users whose region lies under `pathPrefix`, by username. */
export async function listUsersUnder(
  db: Executor,
  options: { pathPrefix: string; role?: string; limit?: number },
): Promise<UserRow[]> {
  let q = selectUsers(db);
  if (options.pathPrefix !== '/') q = q.where('regions.path', 'like', `${options.pathPrefix.replace(/[\\%_]/g, '\\$&')}%`);
  if (options.role) q = q.where('users.role', '=', options.role);
  return (await q.orderBy('users.username').limit(options.limit ?? 1000).execute()) as UserRow[];
}

/** One user by id. */
export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return (await selectUsers(db).where('users.id', '=', id).executeTakeFirst()) as UserRow | undefined;
}

/** One user by username. */
export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  return (await selectUsers(db).where('users.username', '=', username).executeTakeFirst()) as UserRow | undefined;
}

/** A new user to insert. */
export interface NewUser {
  username: string;
  display_name: string;
  role: string;
  district_code: string;
  region_code: string;
  department_code: string | null;
  phone: string | null;
  password_hash: string | null;
}

/** Inserts a user; returns the id. */
export async function insertUser(tx: Tx, user: NewUser): Promise<string> {
  const row = await tx.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Fields that may change. */
export interface UserPatch {
  display_name?: string;
  role?: string;
  district_code?: string;
  region_code?: string;
  department_code?: string | null;
  phone?: string | null;
  password_hash?: string;
  disabled_at?: Date | null;
}

/** Updates a user if still at `version`; returns whether a row changed. */
export async function updateUser(tx: Tx, id: string, version: number, patch: UserPatch): Promise<boolean> {
  const result = await tx
    .updateTable('users')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
