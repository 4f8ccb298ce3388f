/**
 * Who may do what with key projects. Reading follows scope alone; the service answers
 * NOT_FOUND for a project outside the actor's subtree before any of these is asked.
 *
 * - **See**: every role whose scope holds the project's region (a town's project is under the
 *   town; a district-wide project — no town — is under the district).
 * - **Edit** (details, milestones' planned dates, year plans, monthly reports, stage requests,
 *   problems):
 *   - `admin` — every project in scope;
 *   - `town_admin` — projects located in their own town;
 *   - `department_handler` — projects whose owner department is theirs.
 *   Nobody else edits (supervisor, operator, dispatcher, grid_worker, deputy, viewer read only).
 * - **Approve a stage change** (the owner's supervisor): for a 区级 project a `supervisor` or
 *   `admin` whose scope is the whole district; for a 镇级 project the `town_admin` of its town
 *   or an `admin` in scope. The requester never approves (or rejects) their own request.
 * - **Change level or town** (they decide the approver): an `admin` of the whole district.
 *   A stage request keeps the approver rule (level, town) of the moment it was filed.
 * - **Configure** tags and light thresholds: an `admin` of the whole district.
 */
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';

/** What the policy needs of a project. */
export interface ProjectAccessFacts {
  districtCode: string;
  level: string;
  townCode: string | null;
  ownerDepartmentCode: string | null;
}

function isDistrictWide(actor: Actor, districtCode: string): boolean {
  return actor.regionPath === '/' || actor.regionPath === `/${districtCode}/`;
}

/** True when the actor may edit the project (see the module comment). */
export function canEditProject(actor: Actor, project: ProjectAccessFacts): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'town_admin':
      return project.townCode !== null && project.townCode === actor.regionCode;
    case 'department_handler':
      return project.ownerDepartmentCode !== null && project.ownerDepartmentCode === actor.departmentCode;
    default:
      return false;
  }
}

/** Throws FORBIDDEN unless the actor may edit the project. */
export function assertCanEditProject(actor: Actor, project: ProjectAccessFacts): void {
  if (!canEditProject(actor, project)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot edit this project`, {
      userMessage: '只有系统管理员、项目所在镇街的管理员或项目责任部门可以维护此项目',
    });
  }
}

/** Throws FORBIDDEN unless the actor may add a project with these facts. */
export function assertCanCreateProject(actor: Actor, project: ProjectAccessFacts): void {
  if (!canEditProject(actor, project)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot create this project`, {
      userMessage: '只有系统管理员可以新增项目;镇街管理员只能新增本镇街项目,责任部门只能新增本部门项目',
    });
  }
}

/** True when the actor is the owner's supervisor who approves stage changes. */
export function canApproveStage(actor: Actor, project: ProjectAccessFacts): boolean {
  if (project.level === 'district') {
    return (actor.role === 'supervisor' || actor.role === 'admin') && isDistrictWide(actor, project.districtCode);
  }
  if (actor.role === 'admin') return true;
  return actor.role === 'town_admin' && project.townCode !== null && actor.regionCode === project.townCode;
}

/**
 * Throws FORBIDDEN unless the actor may decide a request: the owner's supervisor, and not
 * the requester (compared by user id, or by label for the command line, which has no id).
 */
export function assertCanDecideStage(actor: Actor, project: ProjectAccessFacts, request: { requestedBy: string | null; requestedByLabel: string }): void {
  const isRequester = actor.userId !== null ? actor.userId === request.requestedBy : actor.label === request.requestedByLabel;
  if (isRequester) {
    throw new AppError('FORBIDDEN', 'the requester cannot decide their own request', { userMessage: '不能审批自己提交的节点变更申请' });
  }
  if (!canApproveStage(actor, project)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot approve stage changes of this project`, {
      userMessage: project.level === 'district' ? '区级项目的节点变更由区督查人员或系统管理员审批' : '镇级项目的节点变更由所在镇街管理员或系统管理员审批',
    });
  }
}

/**
 * Throws FORBIDDEN unless the actor may change a project's level or town: an `admin` of the
 * whole district. Level and town decide who approves stage changes, so an editor (a town, a
 * department) changing them would choose its own approver.
 */
export function assertCanRelocateProject(actor: Actor, districtCode: string, field: 'level' | 'townCode'): void {
  if (actor.role !== 'admin' || !isDistrictWide(actor, districtCode)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot change a project's ${field}`, { field, userMessage: '只有区级系统管理员可以变更项目级别或所在镇街' });
  }
}

/** Throws FORBIDDEN unless the actor may configure tags and thresholds of the district. */
export function assertCanConfigure(actor: Actor, districtCode: string): void {
  if (actor.role !== 'admin' || !isDistrictWide(actor, districtCode)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot configure projects`, { userMessage: '只有区级系统管理员可以维护项目分类和亮灯阈值' });
  }
}
