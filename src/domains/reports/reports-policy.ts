/**
 * Who may write reports. A scorecard gathers every domain's figures of a region, so it is
 * for the people who report on the whole region: administrators, supervisors and read-only
 * leaders (viewers); a town's administrator writes their town's. The region itself is
 * checked against the actor's scope by each domain's service.
 */
import type { Actor } from '@/shared/actor.js';
import type { Role } from '@/shared/roles.js';
import { AppError } from '@/shared/errors.js';

/** The roles that write scorecards. */
export const SCORECARD_ROLES: readonly Role[] = ['admin', 'supervisor', 'town_admin', 'viewer'];

/** Throws FORBIDDEN unless the actor may write a scorecard. */
export function assertCanWriteScorecard(actor: Actor): void {
  if (!SCORECARD_ROLES.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot write scorecards`, {
      userMessage: '只有管理员、督查人员和领导查看账号可以生成成绩单',
    });
  }
}

/** The roles that import figures from reports: those who enter figures (数据填报). */
export const REPORT_IMPORT_ROLES: readonly Role[] = ['admin', 'town_admin'];

/** Throws FORBIDDEN unless the actor may import figures from a report. */
export function assertCanImportReport(actor: Actor): void {
  if (!REPORT_IMPORT_ROLES.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot import reports`, {
      userMessage: '只有系统管理员或镇街管理员可以从报告导入指标数据',
    });
  }
}
