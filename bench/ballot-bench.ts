/**
 * Ballots per second cast through the HTTP API by 154 concurrent deputies (BENCH_ONLY=ballots).
 *
 * For each engine — a fresh in-memory PGlite, and PostgreSQL in a throwaway schema when `url`
 * answers — the real app listens on 127.0.0.1; a town congress of 154 deputies (API tokens,
 * all checked in) votes on 13 candidates for 10 seats, every deputy POSTing their ballot at the
 * same moment. Three rounds (a new cycle each, same deputies); per round it checks that the
 * roll says 154 voted and the ballot box holds 154 ballots, and counts the session. Prints
 * ballots/s (154 ÷ wall time of the round) and p50/p95 latency of one ballot.
 *
 * Every ballot is one transaction that marks the roll, stores the ballot and appends to the
 * district's hash-chained audit log under the district's lock, so ballots serialise on that
 * lock by design; the figure says whether a congress hall can vote in well under a second.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { loadConfig } from '@/config/config.js';
import { migrateToLatest, openDatabase, type Database } from '@/db/database.js';
import { PGliteDialect } from '@/db/pglite-dialect.js';
import type { DB } from '@/db/schema.js';
import { setUpBallot, type BallotFixture } from '@/domains/livelihood/ballot-fixture.js';
import { closeBallotSession, countBallotSession, getLiveCount } from '@/domains/livelihood/livelihood-service.js';
import { buildApp } from '@/http/app.js';
import { createContext } from '@/server/context.js';

const DEPUTIES = 154;
const CANDIDATES = 13;
const SEATS = 10;
const ROUNDS = 3;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

async function openPglite(): Promise<Database> {
  const client = await PGlite.create();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return { db, engine: 'pglite', location: 'memory://', schema: 'public', close: () => db.destroy() };
}

async function benchEngine(label: string, database: Database): Promise<void> {
  await migrateToLatest(database.db, database.schema);
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SHUZHI_DATA_DIR: 'memory://' });
  const ctx = createContext(database, config);
  const app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const setupStarted = performance.now();
    let deputies: BallotFixture['deputies'] | undefined;
    const rates: number[] = [];
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const fx = await setUpBallot(ctx, { deputies: DEPUTIES, candidates: CANDIDATES, seats: SEATS, prefix: `bench${round}`, year: 2030 + round, reuseDeputies: deputies });
      deputies = fx.deputies;
      if (round === 0) console.log(`ballots  ${label}: set-up of ${DEPUTIES} deputies and the session ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
      const started = performance.now();
      const results = await Promise.all(
        fx.deputies.map(async (d, i) => {
          const t0 = performance.now();
          const choices = Array.from({ length: 1 + (i % SEATS) }, (_, k) => fx.candidateIds[(i + k * 3) % CANDIDATES] as string).filter((c, k, all) => all.indexOf(c) === k);
          const response = await fetch(`${base}/api/livelihood/sessions/${fx.sessionId}/ballots`, {
            method: 'POST',
            headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ choices }),
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - t0);
          return response.status;
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const accepted = results.filter((s) => s === 201).length;
      const live = await getLiveCount({ db: ctx.db, actor: fx.manager, sessionId: fx.sessionId });
      await closeBallotSession({ db: ctx.db, actor: fx.manager, sessionId: fx.sessionId });
      const counted = await countBallotSession({ db: ctx.db, actor: fx.manager, sessionId: fx.sessionId });
      const ok = accepted === DEPUTIES && live.voted === DEPUTIES && live.ballots === DEPUTIES && counted.result?.cast === DEPUTIES;
      rates.push(DEPUTIES / seconds);
      console.log(
        `ballots  ${label} round ${round + 1}: ${DEPUTIES} ballots in ${(seconds * 1000).toFixed(0)} ms = ${(DEPUTIES / seconds).toFixed(0)} ballots/s; accepted ${accepted}, roll says voted ${live.voted}, box holds ${live.ballots}, counted ${counted.result?.cast} ${ok ? '✓' : '✗ MISMATCH'}`,
      );
      if (!ok) process.exitCode = 1;
    }
    latencies.sort((a, b) => a - b);
    rates.sort((a, b) => a - b);
    console.log(
      `ballots  ${label}: median ${rates[Math.floor(rates.length / 2)]?.toFixed(0)} ballots/s with ${DEPUTIES} concurrent deputies; latency p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms`,
    );
  } finally {
    await app.close();
  }
}

/** Runs the ballot benchmark (PostgreSQL too when `url` is given) and prints its figures. */
export async function runBallotBench(url: string | undefined): Promise<void> {
  const pglite = await openPglite();
  try {
    await benchEngine('PGlite', pglite);
  } finally {
    await pglite.close();
  }
  if (!url) return;
  const schema = `bench_ballots_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const database = await openDatabase({ url, schema, poolSize: 10 });
  try {
    await benchEngine('PostgreSQL', database);
  } finally {
    await database.close();
    const admin = await openDatabase({ url, poolSize: 1 });
    await admin.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await admin.close();
  }
}
