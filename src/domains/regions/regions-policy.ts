/**
 * Who may do what with regions. Reading is open to every role inside its own subtree;
 * changing regions is for administrators (a town administrator within the town).
 */
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';

const EDITORS = new Set(['admin', 'town_admin']);

/** Throws FORBIDDEN unless the actor may change regions. */
export function assertCanEditRegions(actor: Actor): void {
  if (!EDITORS.has(actor.role)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot change regions`, {
      userMessage: '只有系统管理员或镇街管理员可以修改区域和网格',
    });
  }
}
