/**
 * Who may see and manage accounts. Admins manage every role in their scope; town
 * administrators manage the working roles of their town, never admins or supervisors.
 */
import type { Actor, Role } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';

const READERS = new Set<Role>(['admin', 'town_admin', 'supervisor']);
const TOWN_ADMIN_MAY_GRANT = new Set<Role>([
  'operator',
  'dispatcher',
  'department_handler',
  'grid_worker',
  'deputy',
  'viewer',
]);

/** Throws FORBIDDEN unless the actor may list accounts. */
export function assertCanListUsers(actor: Actor): void {
  if (!READERS.has(actor.role)) throw new AppError('FORBIDDEN', `role ${actor.role} cannot list users`);
}

/** Throws FORBIDDEN unless the actor may give an account this role. */
export function assertCanManageRole(actor: Actor, role: Role): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'town_admin' && TOWN_ADMIN_MAY_GRANT.has(role)) return;
  throw new AppError('FORBIDDEN', `role ${actor.role} cannot manage ${role} accounts`, {
    field: 'role',
    userMessage: '无权创建或修改该角色的账号',
  });
}

/** True when the actor may see phone numbers of other users unmasked. */
export function canSeeContactDetails(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'town_admin';
}
