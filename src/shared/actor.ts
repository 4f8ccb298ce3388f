/**
 * Who is acting. Every service takes the actor explicitly; there are no request globals.
 */

/** The roles of Shuzhi (GLOSSARY.md). */
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

/** The acting person or machine. Its scope is the region subtree under `regionPath`. */
export interface Actor {
  /** The user's id; null for the local command line, which acts as the system. */
  userId: string | null;
  /** A human-readable label kept in the audit log (`user:zhangsan`, `cli:root`). */
  label: string;
  role: Role;
  districtCode: string;
  regionCode: string;
  /** The scope as a region path prefix (`/330109/330109112/`); `/` is everything. */
  regionPath: string;
  departmentCode: string | null;
  /** Correlates audit rows with request logs. */
  requestId?: string;
}

/**
 * The actor of the local command line: whoever can run `shuzhi` on the server already
 * holds the database, so the CLI acts with full scope and says so in the audit log.
 */
export function systemActor(label = `cli:${process.env.USER ?? 'local'}`): Actor {
  return {
    userId: null,
    label,
    role: 'admin',
    districtCode: '',
    regionCode: '',
    regionPath: '/',
    departmentCode: null,
  };
}

/** True when `path` (a region path) lies in the actor's subtree. */
export function isInScope(actor: Actor, path: string): boolean {
  return path.startsWith(actor.regionPath);
}
