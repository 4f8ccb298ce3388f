/**
 * Who may change what in the indicators domain. Everyone reads within their scope;
 * administrators (a town's within the town) enter targets and figures; only a district's
 * administrator edits the catalogue and the rating thresholds.
 */
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';

/** Throws FORBIDDEN unless the actor may enter targets and figures. */
export function assertCanEnterFigures(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'town_admin') {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot enter figures`, {
      userMessage: '只有系统管理员或镇街管理员可以填报目标和数据',
    });
  }
}

/**
 * Throws FORBIDDEN unless the actor may edit the catalogue and thresholds: an
 * administrator of the whole district (they recolour every town), or the system.
 */
export function assertCanManageCatalogue(actor: Actor): void {
  const districtWide = actor.regionPath === '/' || actor.regionPath === `/${actor.districtCode}/`;
  if (actor.role !== 'admin' || !districtWide) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot edit the indicator catalogue`, {
      userMessage: '只有系统管理员可以维护指标目录和评价阈值',
    });
  }
}
