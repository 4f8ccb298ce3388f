/**
 * Accounts: each user has one role, one region (their scope) and, for department staff,
 * a department. Every read is limited to the actor's region subtree.
 */
import type { Db } from '@/db/database.js';
import { recordChange } from '@/domains/audit/audit-service.js';
import { endSessionsOfUser, forgetAuthentications } from '@/domains/auth/auth-service.js';
import { findPasswordProblem, hashPassword } from '@/domains/auth/passwords.js';
import { getDepartment } from '@/domains/departments/departments-service.js';
import { resolveRegion } from '@/domains/regions/regions-service.js';
import { ROLE_LABELS, isInScope, type Actor, type Role } from '@/shared/actor.js';
import { AppError, notFound } from '@/shared/errors.js';
import { maskPhone } from '@/shared/privacy.js';
import { assertCanListUsers, assertCanManageRole, canSeeContactDetails } from './users-policy.js';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  listUsersUnder,
  updateUser as updateUserRow,
  type UserPatch,
  type UserRow,
} from './users-repository.js';
import type { CreateUserInput, UpdateUserInput } from './users-schemas.js';

/** An account as shown. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  regionCode: string;
  regionName: string;
  departmentCode: string | null;
  phone: string | null;
  disabled: boolean;
  version: number;
}

/** Presents an account; the phone is masked unless the viewer needs it (or it is theirs). */
export function presentUser(row: UserRow, viewer: Actor): UserView {
  const own = row.id === viewer.userId;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    roleLabel: ROLE_LABELS[row.role as Role] ?? row.role,
    regionCode: row.region_code,
    regionName: row.region_name,
    departmentCode: row.department_code,
    phone: own || canSeeContactDetails(viewer) ? row.phone : maskPhone(row.phone),
    disabled: row.disabled_at !== null,
    version: row.version,
  };
}

/** Accounts in the actor's scope, ordered by username: at most `limit` (default 1,000). */
export async function listUsers(options: { db: Db; actor: Actor; role?: Role; limit?: number }): Promise<UserView[]> {
  assertCanListUsers(options.actor);
  const rows = await listUsersUnder(options.db, { pathPrefix: options.actor.regionPath, role: options.role, limit: options.limit });
  return rows.map((row) => presentUser(row, options.actor));
}

/** Ids of the accounts in the actor's scope (for token management). */
export async function listUserIdsInScope(options: { db: Db; actor: Actor }): Promise<string[]> {
  const rows = await listUsersUnder(options.db, { pathPrefix: options.actor.regionPath, limit: 100_000 });
  return rows.map((row) => row.id);
}

/** The acting user's own account. */
export async function getOwnAccount(options: { db: Db; actor: Actor }): Promise<UserView> {
  const row = options.actor.userId ? await findUserById(options.db, options.actor.userId) : undefined;
  if (!row) throw notFound('user', options.actor.label);
  return presentUser(row, options.actor);
}

/** One account in the actor's scope. */
export async function getUser(options: { db: Db; actor: Actor; id: string }): Promise<UserView> {
  const row = await findInScope(options.db, options.actor, options.id);
  if (row.id !== options.actor.userId) assertCanListUsers(options.actor);
  return presentUser(row, options.actor);
}

async function findInScope(db: Db, actor: Actor, id: string): Promise<UserRow> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const row = isUuid ? await findUserById(db, id) : undefined;
  if (!row || !isInScope(actor, row.region_path)) throw notFound('user', id);
  return row;
}

function auditImage(row: Pick<UserRow, 'username' | 'display_name' | 'role' | 'region_code' | 'department_code' | 'phone'> & { disabled?: boolean }) {
  return {
    username: row.username,
    display_name: row.display_name,
    role: row.role,
    region_code: row.region_code,
    department_code: row.department_code,
    phone: maskPhone(row.phone),
    disabled: row.disabled ?? false,
  };
}

/** Creates an account in a region of the actor's scope. */
export async function createUser(options: { db: Db; actor: Actor; input: CreateUserInput }): Promise<UserView> {
  const { db, actor, input } = options;
  assertCanManageRole(actor, input.role);
  const region = await resolveRegion({ db, actor, code: input.regionCode, field: 'regionCode' });
  const departmentCode = input.departmentCode ?? null;
  if (departmentCode) await getDepartment({ db, districtCode: region.districtCode, code: departmentCode, field: 'departmentCode' });
  if (input.role === 'department_handler' && !departmentCode) {
    throw new AppError('VALIDATION_FAILED', 'department_handler needs a department', {
      field: 'departmentCode',
      userMessage: '部门处置人员必须指定所属部门',
    });
  }
  const passwordProblem = findPasswordProblem(input.password);
  if (passwordProblem) throw new AppError('VALIDATION_FAILED', passwordProblem, { field: 'password', userMessage: passwordProblem });
  if (await findUserByUsername(db, input.username)) {
    throw new AppError('ALREADY_EXISTS', `username ${input.username} is taken`, {
      field: 'username',
      userMessage: `用户名 ${input.username} 已存在`,
    });
  }
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (tx) => {
    const newUser = {
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      district_code: region.districtCode,
      region_code: region.code,
      department_code: departmentCode,
      phone: input.phone ?? null,
    };
    const userId = await insertUser(tx, { ...newUser, password_hash: passwordHash });
    await recordChange(tx, actor, {
      districtCode: region.districtCode,
      action: 'user.created',
      entityType: 'user',
      entityId: userId,
      before: null,
      after: auditImage(newUser),
    });
    return userId;
  });
  return presentUser((await findUserById(db, id)) as UserRow, actor);
}

/** Changes an account if nobody changed it since `version`. */
export async function updateUser(options: { db: Db; actor: Actor; id: string; input: UpdateUserInput }): Promise<UserView> {
  const { db, actor, input } = options;
  const before = await findInScope(db, actor, options.id);
  assertCanManageRole(actor, before.role as Role);
  if (input.role) assertCanManageRole(actor, input.role);
  const patch: UserPatch = {};
  if (input.displayName !== undefined) patch.display_name = input.displayName;
  if (input.role !== undefined) patch.role = input.role;
  if (input.phone !== undefined) patch.phone = input.phone;
  if (input.regionCode !== undefined) {
    const region = await resolveRegion({ db, actor, code: input.regionCode, field: 'regionCode' });
    patch.region_code = region.code;
    patch.district_code = region.districtCode;
  }
  if (input.departmentCode !== undefined) {
    if (input.departmentCode) {
      await getDepartment({
        db,
        districtCode: patch.district_code ?? before.district_code,
        code: input.departmentCode,
        field: 'departmentCode',
      });
    }
    patch.department_code = input.departmentCode;
  }
  if (input.password !== undefined) {
    const problem = findPasswordProblem(input.password);
    if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'password', userMessage: problem });
    patch.password_hash = await hashPassword(input.password);
  }
  const finalRole = input.role ?? before.role;
  const finalDepartment = patch.department_code !== undefined ? patch.department_code : before.department_code;
  if (finalRole === 'department_handler' && !finalDepartment) {
    throw new AppError('VALIDATION_FAILED', 'department_handler needs a department', {
      field: 'departmentCode',
      userMessage: '部门处置人员必须指定所属部门',
    });
  }
  if (input.disabled !== undefined) {
    if (before.id === actor.userId && input.disabled) {
      throw new AppError('VALIDATION_FAILED', 'cannot disable oneself', { field: 'disabled', userMessage: '不能停用自己的账号' });
    }
    patch.disabled_at = input.disabled ? new Date() : null;
  }
  await db.transaction().execute(async (tx) => {
    const changed = await updateUserRow(tx, before.id, input.version, patch);
    if (!changed) throw new AppError('CONFLICT', `user ${before.id} is no longer at version ${input.version}`, { field: 'version' });
    if (patch.password_hash !== undefined || patch.disabled_at) await endSessionsOfUser({ db: tx, userId: before.id });
    const after = { ...before, ...patch, region_code: patch.region_code ?? before.region_code };
    await recordChange(tx, actor, {
      districtCode: before.district_code,
      action: input.password !== undefined ? 'user.password_changed' : 'user.updated',
      entityType: 'user',
      entityId: before.id,
      before: auditImage({ ...before, disabled: before.disabled_at !== null }),
      after: auditImage({ ...after, disabled: (patch.disabled_at ?? before.disabled_at) !== null }),
    });
  });
  // A changed role, region or department holds from this process's next request.
  forgetAuthentications();
  return presentUser((await findUserById(db, before.id)) as UserRow, actor);
}
