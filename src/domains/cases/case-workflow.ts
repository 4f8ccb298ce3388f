/**
 * The case workflow as an explicit state machine (STANDARDS.md §3): for each action, the
 * states it may start from, the roles that may take it, whether the actor must belong to the
 * case's department, and the state it leads to. Pure: no I/O, no clocks.
 *
 * The national seven steps map onto the states as 信息采集 → reported (待受理, with an optional
 * verification round trip through verifying), 案卷建立 → registered, 任务派遣 → dispatched,
 * 任务处置 → accepted (signed for), 处理反馈 → handled, 核查结案 → checked then closed,
 * 综合评价 → visited (the call-back).
 */
import type { Actor } from '@/shared/actor.js';
import {
  CASE_ACTIONS,
  type CaseAction,
  type CaseState,
  type Satisfaction,
} from '@/shared/case-vocabulary.js';
import type { Role } from '@/shared/roles.js';

/** What the state machine needs to know of a case. */
export interface WorkflowCase {
  status: CaseState;
  departmentCode: string | null;
  assigneeId: string | null;
  pendingRequest: { type: 'extension' | 'park' } | null;
}

/** One rule of the machine. */
export interface TransitionRule {
  /** States the action may be taken from. */
  from: readonly CaseState[];
  /** Roles that may take it (admin always may). */
  roles: readonly Role[];
  /** A department handler must belong to the case's department. */
  ownDepartment?: boolean;
  /** The request that must be pending (approvals), or 'none' when none may be. */
  pending?: 'extension' | 'park' | 'none';
  /** Whether a note (reason) is required. */
  noteRequired?: boolean;
}

// Who may act, following STANDARDS.md §3: the operator (受理员, also acting as shift leader)
// accepts, registers, closes and calls back; the dispatcher dispatches and approves; the
// department signs for and handles; the grid worker verifies and checks on site. A town
// administrator may stand in for the operator and the dispatcher of their town.
const OPERATOR: readonly Role[] = ['operator', 'town_admin'];
const DISPATCHER: readonly Role[] = ['dispatcher', 'town_admin'];
const DEPARTMENT: readonly Role[] = ['department_handler'];
const CHECKER: readonly Role[] = ['grid_worker', 'operator', 'town_admin'];

/** The rules of every action. */
export const TRANSITIONS: Readonly<Record<CaseAction, TransitionRule>> = {
  request_verification: { from: ['reported'], roles: OPERATOR },
  report_verification: { from: ['verifying'], roles: ['grid_worker', ...OPERATOR] },
  register: { from: ['reported', 'verifying'], roles: OPERATOR },
  void: { from: ['reported', 'verifying', 'registered'], roles: OPERATOR, noteRequired: true },
  merge: { from: ['reported', 'verifying', 'registered'], roles: OPERATOR },
  dispatch: { from: ['registered'], roles: DISPATCHER },
  reassign: { from: ['dispatched', 'accepted'], roles: DISPATCHER, pending: 'none' },
  sign: { from: ['dispatched'], roles: DEPARTMENT, ownDepartment: true },
  return: { from: ['dispatched', 'accepted'], roles: DEPARTMENT, ownDepartment: true, pending: 'none', noteRequired: true },
  handle: { from: ['accepted'], roles: DEPARTMENT, ownDepartment: true, pending: 'none', noteRequired: true },
  request_extension: { from: ['accepted'], roles: DEPARTMENT, ownDepartment: true, pending: 'none', noteRequired: true },
  approve_extension: { from: ['accepted'], roles: DISPATCHER, pending: 'extension' },
  reject_extension: { from: ['accepted'], roles: DISPATCHER, pending: 'extension', noteRequired: true },
  request_park: { from: ['accepted'], roles: DEPARTMENT, ownDepartment: true, pending: 'none', noteRequired: true },
  approve_park: { from: ['accepted'], roles: DISPATCHER, pending: 'park' },
  reject_park: { from: ['accepted'], roles: DISPATCHER, pending: 'park', noteRequired: true },
  unpark: { from: ['parked'], roles: [...DISPATCHER, ...DEPARTMENT], ownDepartment: true },
  check_pass: { from: ['handled'], roles: CHECKER },
  check_fail: { from: ['handled'], roles: CHECKER, noteRequired: true },
  close: { from: ['checked'], roles: OPERATOR },
  callback: { from: ['closed'], roles: OPERATOR },
};

/** Why an action cannot be taken. */
export interface TransitionRefusal {
  code: 'TRANSITION_NOT_ALLOWED' | 'FORBIDDEN';
  reason: string;
  userMessage: string;
}

/**
 * Whether `actor` may take `action` on `c` now. State problems come first (the case has
 * moved on: a conflict everyone sees alike), then the actor's role and department.
 */
export function refuseTransition(action: CaseAction, c: WorkflowCase, actor: Actor): TransitionRefusal | null {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(c.status)) {
    return { code: 'TRANSITION_NOT_ALLOWED', reason: `${action} is not allowed from ${c.status}`, userMessage: '案件当前状态不允许此操作' };
  }
  if (rule.pending === 'none' && c.pendingRequest) {
    return { code: 'TRANSITION_NOT_ALLOWED', reason: `a ${c.pendingRequest.type} request is pending`, userMessage: '案件有待审批的申请,请先审批' };
  }
  if ((rule.pending === 'extension' || rule.pending === 'park') && c.pendingRequest?.type !== rule.pending) {
    return { code: 'TRANSITION_NOT_ALLOWED', reason: `no ${rule.pending} request is pending`, userMessage: '没有待审批的申请' };
  }
  if (actor.role === 'admin') return null;
  if (!rule.roles.includes(actor.role)) {
    return { code: 'FORBIDDEN', reason: `role ${actor.role} cannot ${action}`, userMessage: '当前角色无权执行此操作' };
  }
  if (rule.ownDepartment && actor.role === 'department_handler' && actor.departmentCode !== c.departmentCode) {
    return { code: 'FORBIDDEN', reason: `${action} needs the case's department`, userMessage: '只有承办部门可以执行此操作' };
  }
  if (action === 'report_verification' && actor.role === 'grid_worker' && c.assigneeId && c.assigneeId !== actor.userId) {
    return { code: 'FORBIDDEN', reason: 'verification is assigned to someone else', userMessage: '核实任务已指派给其他网格员' };
  }
  return null;
}

/** The actions `actor` may take on `c` now, in the machine's order. */
export function allowedActions(c: WorkflowCase, actor: Actor): CaseAction[] {
  return CASE_ACTIONS.filter((action) => refuseTransition(action, c, actor) === null);
}

/**
 * The state an action leads to. Requests and rejections keep the current state; a
 * reassignment goes back to dispatched (the new department signs for it); a call-back leads to `visited` unless the caller was
 * unsatisfied (发回重办: back to the department) or could not be reached (stays closed).
 */
export function nextState(action: CaseAction, from: CaseState, satisfaction?: Satisfaction): CaseState {
  switch (action) {
    case 'request_verification':
      return 'verifying';
    case 'report_verification':
      return 'reported';
    case 'register':
      return 'registered';
    case 'void':
      return 'voided';
    case 'merge':
      return 'merged';
    case 'dispatch':
    case 'reassign':
      return 'dispatched';
    case 'sign':
      return 'accepted';
    case 'return':
      return 'registered';
    case 'handle':
      return 'handled';
    case 'approve_park':
      return 'parked';
    case 'unpark':
      return 'accepted';
    case 'check_pass':
      return 'checked';
    case 'check_fail':
      return 'accepted';
    case 'close':
      return 'closed';
    case 'callback':
      if (satisfaction === 'unsatisfied') return 'accepted';
      if (satisfaction === 'unreachable') return 'closed';
      return 'visited';
    case 'request_extension':
    case 'approve_extension':
    case 'reject_extension':
    case 'request_park':
    case 'reject_park':
      return from;
  }
}
