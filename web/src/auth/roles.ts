/**
 * Roles as the UI needs them: the labels for pickers (the server sends `roleLabel` for users
 * it returns, but a create form has to offer every role before any user exists).
 */
import type { Role } from '../api/types';

/** Every role, in the order the forms list them. */
export const ROLES: readonly Role[] = [
  'admin',
  'supervisor',
  'town_admin',
  'operator',
  'dispatcher',
  'department_handler',
  'grid_worker',
  'deputy',
  'viewer',
];

/** Chinese labels of the roles; kept identical to the server's. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员(数字化改革办)',
  supervisor: '督查人员(督查室)',
  town_admin: '镇街管理员',
  operator: '受理员',
  dispatcher: '派遣员',
  department_handler: '部门处置人员',
  grid_worker: '网格员',
  deputy: '人大代表',
  viewer: '只读查看',
};
