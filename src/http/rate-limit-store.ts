/**
 * A store for @fastify/rate-limit that keeps its counts in the database (rate_counters), used
 * when several server processes serve one port: each process counting on its own would let a
 * client that spreads its requests over the processes (a new connection each time) through
 * the limit several times over. One process keeps the plugin's in-memory store.
 *
 * Supports the plugin's plain fixed window; `continueExceeding` and `exponentialBackoff` are
 * not used by any route here and are not supported.
 */
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Db } from '@/db/database.js';
import { countHit, peekHits, type CounterState } from '@/domains/throttle/throttle-service.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the plugin really passes to `child`: the route's merged limits with the route. */
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

/** Builds the store class the plugin instantiates (it calls `new Store(options)`). */
export function databaseRateLimitStore(db: Db): new (options: FastifyRateLimitOptions) => FastifyRateLimitStore {
  class DatabaseStore implements FastifyRateLimitStore {
    readonly #prefix: string;

    constructor(_options?: FastifyRateLimitOptions, prefix = 'rate:') {
      this.#prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      reply(countHit({ db, key: this.#prefix + key, windowMs: timeWindow }), callback);
    }

    read(key: string, callback: Callback): void {
      reply(peekHits({ db, key: this.#prefix + key }), callback);
    }

    /** A route's own store: its counts are kept apart from every other route's. */
    child(params: Parameters<FastifyRateLimitStore['child']>[0]): DatabaseStore {
      const route = (params as unknown as RouteParams).routeInfo ?? {};
      const method = [route.method ?? ''].flat().join(',');
      return new DatabaseStore(undefined, `${this.#prefix}${method}${route.url ?? ''}:`);
    }
  }
  return DatabaseStore;
}

function reply(counted: Promise<CounterState>, callback: Callback): void {
  counted.then(
    (state) => callback(null, { current: state.count, ttl: state.ttlMs }),
    (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
  );
}
