/**
 * Who is acting. Every service takes the actor explicitly; there are no request globals.
 */

import type { Role } from './roles.js';

export { ROLES, ROLE_LABELS, type Role } from './roles.js';

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
