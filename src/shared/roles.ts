/**
 * The roles of Shuzhi and their Chinese labels. Free of Node.js and browser APIs: the
 * server and the web UI import this same file.
 */

/** The roles (GLOSSARY.md). */
export const ROLES = [
  'admin',
  'supervisor',
  'town_admin',
  'operator',
  'dispatcher',
  'department_handler',
  'grid_worker',
  'deputy',
  'viewer',
] as const;

/** A role of Shuzhi. */
export type Role = (typeof ROLES)[number];

/** Chinese labels of the roles, for the UI and the CLI. */
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
