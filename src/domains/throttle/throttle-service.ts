/**
 * Counters shared by every server process (rate_counters): login throttling of unknown
 * usernames and, with several server processes, request rate limits. Kept in the database
 * because counts kept in one process's memory would let a client that spreads its requests
 * over the processes past the limit.
 */
import { createHash } from 'node:crypto';
import type { Db } from '@/db/database.js';
import { deleteExpiredCounters, hitCounter, readCounter, type CounterState } from './throttle-repository.js';

export type { CounterState } from './throttle-repository.js';

/** Longest key stored; longer keys are stored by their digest. */
const MAX_KEY = 200;

/** The stored form of a key: as given when short, else a digest (keys hold client input). */
function storedKey(key: string): string {
  return key.length <= MAX_KEY ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** Counts one hit on `key` in a window of `windowMs` and returns the window's count. */
export function countHit(options: { db: Db; key: string; windowMs: number }): Promise<CounterState> {
  return hitCounter(options.db, storedKey(options.key), Math.max(1, Math.round(options.windowMs)));
}

/** The current count of `key` without counting. */
export function peekHits(options: { db: Db; key: string }): Promise<CounterState> {
  return readCounter(options.db, storedKey(options.key));
}

/** Removes run-out counters (the server's minute sweep). */
export function pruneCounters(options: { db: Db }): Promise<number> {
  return deleteExpiredCounters(options.db);
}
