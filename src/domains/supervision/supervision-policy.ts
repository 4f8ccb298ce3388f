/**
 * Who may do what in supervision (督查督办). Scope first: an item outside the actor's region
 * subtree is NOT_FOUND; a deputy sees only their own suggestions (others are NOT_FOUND too).
 * - The supervising office raises, assigns (交办), approves or rejects completion, cancels and
 *   evaluates: supervisor and admin anywhere in their scope, town_admin within their town —
 *   but never on an item where the actor is the lead or an assisting unit: a unit does not
 *   supervise itself, so an item about a town led by that town is supervised by the district
 *   office (supervisor, admin). Problems on key projects are raised through the projects
 *   domain ({@link raiseProjectSupervisionItem} in the service), never assigned there.
 * - Lead and assisting units see their items even when the item concerns a wider region
 *   (an item about the district led by a town).
 * - The lead unit (主办单位) signs (签收), reports progress (反馈), applies for completion and
 *   records meeting/replying to a deputy: the department_handler of the lead department, or the
 *   town_admin of the lead region.
 * - Assisting units (协办单位) add feedback; deputies evaluate their own suggestions.
 * - Everyone else in scope (viewer, operator, dispatcher, grid worker) reads.
 * The command line (system actor: no user, whole platform) may act in every relation.
 */
import type { Actor } from '@/shared/actor.js';
import { isInScope } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import type { Relation } from './supervision-workflow.js';

/** The parts of an item the policy looks at. */
export interface ItemAccess {
  districtCode: string;
  regionPath: string;
  leadKind: string;
  leadCode: string;
  assisting: readonly { kind: string; code: string }[];
  deputyUserId: string | null;
}

const OFFICE_ROLES = new Set(['admin', 'supervisor', 'town_admin']);

/** True for the command line (and other system actors): no user and the whole platform in scope. */
export function isSystemActor(actor: Actor): boolean {
  return actor.userId === null && actor.regionPath === '/';
}

/** The unit the actor acts for (department handler: its department; town admin: its town), or null. */
export function unitOfActor(actor: Actor): { districtCode: string; kind: 'department' | 'region'; code: string } | null {
  if (isSystemActor(actor) || !actor.districtCode) return null;
  if (actor.role === 'department_handler' && actor.departmentCode) return { districtCode: actor.districtCode, kind: 'department', code: actor.departmentCode };
  if (actor.role === 'town_admin' && actor.regionCode) return { districtCode: actor.districtCode, kind: 'region', code: actor.regionCode };
  return null;
}

function isLeadOrAssisting(actor: Actor, item: ItemAccess): boolean {
  return isUnit(actor, item.districtCode, { kind: item.leadKind, code: item.leadCode }) || item.assisting.some((u) => isUnit(actor, item.districtCode, u));
}

/** Whether the actor may see an item at all: in scope, or its lead or an assisting unit. */
export function canSeeItem(actor: Actor, item: ItemAccess): boolean {
  if (actor.role === 'deputy') return isInScope(actor, item.regionPath) && item.deputyUserId !== null && item.deputyUserId === actor.userId;
  return isInScope(actor, item.regionPath) || isLeadOrAssisting(actor, item);
}

function isUnit(actor: Actor, districtCode: string, unit: { kind: string; code: string }): boolean {
  if (actor.districtCode !== districtCode) return false;
  if (unit.kind === 'department') return actor.role === 'department_handler' && actor.departmentCode === unit.code;
  return actor.role === 'town_admin' && actor.regionCode === unit.code;
}

/** How the actor relates to an item (empty: a reader). */
export function relationsTo(actor: Actor, item: ItemAccess): Relation[] {
  if (isSystemActor(actor)) return ['office', 'lead', 'assisting', 'deputy'];
  const out: Relation[] = [];
  // A unit never supervises its own work: the lead or an assisting unit is not the office.
  if (OFFICE_ROLES.has(actor.role) && isInScope(actor, item.regionPath) && !isLeadOrAssisting(actor, item)) out.push('office');
  if (isUnit(actor, item.districtCode, { kind: item.leadKind, code: item.leadCode })) out.push('lead');
  if (item.assisting.some((u) => isUnit(actor, item.districtCode, u))) out.push('assisting');
  if (actor.role === 'deputy' && actor.userId !== null && item.deputyUserId === actor.userId) out.push('deputy');
  return out;
}

/**
 * Throws FORBIDDEN unless the actor may raise items through the supervision board: the
 * supervising office only (or the command line). Problems on key projects come through the
 * projects domain, which checks its own policy and never assigns.
 */
export function assertCanRaise(actor: Actor): void {
  if (isSystemActor(actor)) return;
  if (!OFFICE_ROLES.has(actor.role)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot raise supervision items`, {
      userMessage: '只有督查人员、系统管理员或镇街管理员可以立项督办',
    });
  }
}

/** Throws FORBIDDEN unless the actor may run the sweep or see every unit's rating data (office roles). */
export function assertCanSweep(actor: Actor): void {
  if (!isSystemActor(actor) && actor.role !== 'admin' && actor.role !== 'supervisor') {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot run the supervision sweep`, { userMessage: '只有督查人员或系统管理员可以执行督办巡检' });
  }
}
