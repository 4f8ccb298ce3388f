/**
 * Who may do what with livelihood projects. Administrators (a town's within the town) run
 * the cycle: phases, screening, the session's roll, check-in (at the chair's desk only, so that
 * "present" proves attendance), opening, closing and counting; deputies of the region propose
 * candidates, cast their ballot (only when on the roll and checked in; the roll, not the
 * account's region, is what admits them) and evaluate results; department staff report progress on the
 * results their department owns. Everyone in scope reads; the public reads promises.
 */
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';

/** True when the actor runs cycles (admin or town administrator). */
export function canManageCycles(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'town_admin';
}

/** Throws FORBIDDEN unless the actor runs cycles. */
export function assertCanManageCycles(actor: Actor): void {
  if (!canManageCycles(actor)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot manage livelihood cycles`, {
      userMessage: '只有系统管理员或镇街管理员可以管理民生实事和票决会议',
    });
  }
}

/** Throws FORBIDDEN unless the actor may propose a candidate (managers and deputies). */
export function assertCanPropose(actor: Actor): void {
  if (!canManageCycles(actor) && actor.role !== 'deputy') {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot propose`, { userMessage: '只有人大代表或管理员可以提出候选项目' });
  }
}

/** Throws FORBIDDEN unless the actor is a deputy with an account (ballots and evaluations are personal). */
export function assertIsDeputy(actor: Actor, what: string): void {
  if (actor.role !== 'deputy' || !actor.userId) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot ${what}`, { userMessage: '只有人大代表本人可以进行此操作' });
  }
}

/** Throws FORBIDDEN unless the actor may report progress on a result owned by `departmentCode`. */
export function assertCanReportProgress(actor: Actor, departmentCode: string | null): void {
  if (canManageCycles(actor)) return;
  if (actor.role === 'department_handler' && departmentCode !== null && actor.departmentCode === departmentCode) return;
  throw new AppError('FORBIDDEN', `role ${actor.role} cannot report on this result`, {
    userMessage: '只有责任部门或管理员可以填报进度',
  });
}

/** True when the actor may see who is on a roll and who checked in (never what anyone chose). */
export function canSeeRoll(actor: Actor): boolean {
  return canManageCycles(actor) || actor.role === 'supervisor';
}
