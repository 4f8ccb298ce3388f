/**
 * What the adapters (HTTP, CLI, jobs) share: the database, the configuration and the
 * per-process caches. Built once per process and passed explicitly.
 */
import type { Config } from '@/config/config.js';
import type { Database, Db } from '@/db/database.js';
import type { AuthSettings } from '@/domains/auth/auth-service.js';
import { CaseContextCache } from '@/domains/cases/cases-service.js';
import { LocatorCache } from '@/domains/regions/regions-service.js';

/** The shared dependencies of one process. */
export interface AppContext {
  database: Database;
  db: Db;
  config: Config;
  auth: AuthSettings;
  locator: LocatorCache;
  /** Each district's catalogue, calendar and departments for routing and clocks. */
  cases: CaseContextCache;
}

/** Assembles the context around an open database. */
export function createContext(database: Database, config: Config): AppContext {
  const locator = new LocatorCache(database.db);
  return {
    database,
    db: database.db,
    config,
    auth: {
      sessionHours: config.sessionHours,
      loginMaxFailures: config.loginMaxFailures,
      loginLockMinutes: config.loginLockMinutes,
    },
    locator,
    cases: new CaseContextCache(database.db, locator),
  };
}
