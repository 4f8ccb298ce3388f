/**
 * The cases part of `npm run bench` (BENCH_ONLY=cases runs only this part). On PGlite (a
 * fresh data directory under the system's temporary directory) and, when a server answers,
 * on PostgreSQL (a throwaway schema), each over the standard demo district (seedDemo):
 *
 * 1. the bulk import of a BENCH_CASES-row 12345 export (default 1,000,000) through
 *    importHotlineCases — parse, validate, route with the locator, deadlines, store, roll-up
 *    and audit per batch — in rows/s;
 * 2. the database's own COPY of the same stored rows into an empty copy of `cases` (same
 *    columns and indexes), and the ratio import / COPY;
 * 3. single-case intake over HTTP (the real app in-process, logged in as the demo operator,
 *    POST /api/cases with distinct Idempotency-Keys, 16 clients at a time in a worker thread):
 *    cases/s, p50/p95, and CPU per case of the server, the clients and PostgreSQL; on
 *    PostgreSQL once more through BENCH_INTAKE_WORKERS server processes (node:cluster, as
 *    SHUZHI_WORKERS runs them);
 * 4. p50/p95 of a town's and the district's metrics for 12 months (getCaseMetrics, grouped
 *    by region and by department) over the stored cases, next to a plain GROUP BY scan of
 *    `cases`; then checkRollups (the roll-up must equal the full recomputation);
 * 5. the peak resident memory of the process (each engine runs in a child process of its own).
 *
 * Figures, not pass/fail: the targets are printed beside them. Environment: BENCH_CASES (rows,
 * default 1,000,000), BENCH_ENGINES (pglite,postgres), BENCH_INTAKE_CASES (15,000),
 * BENCH_INTAKE_SECONDS (20), BENCH_INTAKE_WORKERS (2; 1 skips the multi-process run),
 * BENCH_IMPORT_THREADS (auto, main or worker: where the import prepares rows),
 * BENCH_DATABASE_URL (in run.ts), BENCH_IMPORT_PROFILE / BENCH_INTAKE_PROFILE (a CPU profile
 * of the main thread to FILE.cpuprofile). The export's rows always span 2024-01 … 2026-10.
 * About 25 minutes at 1,000,000 rows on 2 cores.
 */
import { once } from 'node:events';
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, openAsBlob, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as inspector from 'node:inspector/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '@/config/config.js';
import { migrateToLatest, openDatabase, type Database } from '@/db/database.js';
import { PGliteDialect } from '@/db/pglite-dialect.js';
import type { DB } from '@/db/schema.js';
import { importHotlineCases, type ImportThreads } from '@/domains/cases/case-import-service.js';
import { checkRollups, getCaseMetrics, type MetricsGroupBy } from '@/domains/cases/case-metrics-service.js';
import { seedDemo } from '@/domains/demo/demo-service.js';
import { listDistrictAndTowns, locatePoint, regionsUnder } from '@/domains/regions/regions-service.js';
import { buildApp } from '@/http/app.js';
import { superviseWorkers } from '@/server/cluster.js';
import { createContext, type AppContext } from '@/server/context.js';
import { systemActor } from '@/shared/actor.js';
import { writeHotlineExport } from './hotline-export.js';
import { mulberry32 as random } from '@/shared/seeded-random.js';

const DISTRICT = '330109';
/** The 12 months the metrics are asked for (the last full year of the export). */
const FROM_MONTH = '2025-11';
const TO_MONTH = '2026-10';
const FROM_TIME = new Date('2025-11-01T00:00:00+08:00');
const TO_TIME = new Date('2026-11-01T00:00:00+08:00');
const POINT_POOL = 5_000;
const METRIC_RUNS = 200;
const METRIC_WARMUP = 20;
const SCAN_RUNS = 10;
const CLIENTS = 16;
/** Rows per COPY on PGlite (its /dev/blob is held in memory whole). */
const PGLITE_COPY_CHUNK = 100_000;

/** What the cases bench is asked to do. */
export interface CasesBenchOptions {
  /** Rows of the hotline export (BENCH_CASES, default 1,000,000). */
  cases: number;
  /** A PostgreSQL server to run on as well, or undefined for PGlite only. */
  serverUrl?: string;
  /** Where the import prepares rows (BENCH_IMPORT_THREADS: auto, main or worker; default auto). */
  importThreads: ImportThreads;
  /** Server processes of the second intake run on PostgreSQL (BENCH_INTAKE_WORKERS, default 2; 1 skips it). */
  intakeWorkers: number;
  /** Stop the intake after this many cases (BENCH_INTAKE_CASES, default 15,000; long enough for a steady state)… */
  intakeCases: number;
  /** …or after this many seconds, whichever comes first (BENCH_INTAKE_SECONDS, default 20). */
  intakeSeconds: number;
  /** Which engines to run (BENCH_ENGINES=pglite,postgres; default both). */
  engines: ('pglite' | 'postgres')[];
}

function importThreadsFromEnv(): ImportThreads {
  const value = process.env.BENCH_IMPORT_THREADS ?? 'auto';
  if (value !== 'auto' && value !== 'main' && value !== 'worker') throw new Error(`BENCH_IMPORT_THREADS: auto, main or worker, not ${value}`);
  return value;
}

/** The options from the environment. */
export function casesBenchOptionsFromEnv(serverUrl: string | undefined): CasesBenchOptions {
  const int = (name: string, fallback: number) => {
    const value = Number((process.env[name] ?? '').replace(/[_,]/g, '') || fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return Math.floor(value);
  };
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim().toLowerCase());
  for (const engine of engines) if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`BENCH_ENGINES: unknown engine ${engine}`);
  return {
    cases: int('BENCH_CASES', 1_000_000),
    serverUrl,
    intakeCases: int('BENCH_INTAKE_CASES', 15_000),
    intakeWorkers: int('BENCH_INTAKE_WORKERS', 2),
    importThreads: importThreadsFromEnv(),
    intakeSeconds: int('BENCH_INTAKE_SECONDS', 20),
    engines: engines as CasesBenchOptions['engines'],
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

function mib(bytes: number): string {
  return `${fmt(bytes / 1024 / 1024)} MiB`;
}


/** Samples the resident set size; each phase keeps its own peak. */
class MemoryWatch {
  #phase = '';
  readonly peaks = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;

  constructor() {
    this.#timer = setInterval(() => this.sample(), 100);
    this.#timer.unref();
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    if (this.#phase) this.peaks.set(this.#phase, Math.max(this.peaks.get(this.#phase) ?? 0, rss));
  }

  /** Starts a phase; returns its name for `peakOf`. */
  phase(name: string): string {
    this.sample();
    this.#phase = name;
    this.sample();
    return name;
  }

  peakOf(prefix: string): number {
    let max = 0;
    for (const [name, value] of this.peaks) if (name.startsWith(prefix)) max = Math.max(max, value);
    return max;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Engines

/** One database under test: how to COPY on it and how to throw it away. */
interface Engine {
  label: string;
  database: Database;
  /** Where other processes find the same data (PostgreSQL only): for the multi-process intake. */
  server?: { url: string; schema: string };
  /** COPY the district's stored cases out and into an empty copy of the table. */
  copyCases(expected: number, workDir: string): Promise<CopyFigures>;
  dispose(): Promise<void>;
}

interface CopyFigures {
  rows: number;
  exportMs: number;
  copyMs: number;
  bytes: number;
  how: string;
}

async function openPGliteEngine(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-bench-pglite-'));
  const client = await PGlite.create(dir);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  const database: Database = { db, engine: 'pglite', location: dir, schema: 'public', close: () => db.destroy() };
  return {
    label: 'PGlite',
    database,
    async copyCases(expected, workDir) {
      // PGlite has no server file system to share: COPY … TO/FROM '/dev/blob' hands the data
      // over as a Blob, held whole in memory, so both ways go in chunks of whole rows.
      await client.exec('drop table if exists cases_copy; create table cases_copy (like cases including all)');
      const files: string[] = [];
      let exportMs = 0;
      let bytes = 0;
      const { rows: bounds } = await client.query<{ lo: number | null; hi: number | null }>(
        'select min(id)::float8 as lo, max(id)::float8 as hi from cases where district_code = $1',
        [DISTRICT],
      );
      const lo = bounds[0]?.lo ?? 0;
      const hi = bounds[0]?.hi ?? -1;
      for (let from = lo; from <= hi; from += PGLITE_COPY_CHUNK) {
        const t0 = performance.now();
        const out = await client.query(
          `copy (select * from cases where district_code = '${DISTRICT}' and id >= ${from} and id < ${from + PGLITE_COPY_CHUNK} order by id) to '/dev/blob' with (format csv)`,
        );
        if (!out.blob) throw new Error('PGlite returned no blob from COPY TO /dev/blob');
        const file = join(workDir, `pglite-copy-${files.length}.csv`);
        const data = Buffer.from(await out.blob.arrayBuffer());
        exportMs += performance.now() - t0;
        bytes += data.length;
        const stream = createWriteStream(file);
        stream.end(data);
        await once(stream, 'finish');
        files.push(file);
      }
      let copyMs = 0;
      let rows = 0;
      for (const file of files) {
        const blob = await openAsBlob(file);
        const t0 = performance.now();
        const result = await client.query('copy cases_copy from \'/dev/blob\' with (format csv)', [], { blob });
        copyMs += performance.now() - t0;
        rows += result.affectedRows ?? 0;
        rmSync(file, { force: true });
      }
      if (rows === 0) rows = Number((await client.query<{ n: number }>('select count(*)::int as n from cases_copy')).rows[0]?.n ?? 0);
      await client.exec('drop table cases_copy');
      if (rows !== expected) throw new Error(`COPY stored ${rows} rows, expected ${expected}`);
      return { rows, exportMs, copyMs, bytes, how: `COPY FROM '/dev/blob' in ${files.length} chunk(s) of ≤ ${fmt(PGLITE_COPY_CHUNK)} rows` };
    },
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * COPY … TO STDOUT / FROM STDIN through node-postgres's query interface (a Submittable: the
 * client hands it the raw protocol messages), so no copy-streams dependency is needed and the
 * server's file system is not involved.
 */
class CopyQuery implements pg.Submittable {
  readonly done: Promise<number>;
  #resolve!: (rows: number) => void;
  #reject!: (error: Error) => void;
  #rows = 0;
  #error: Error | null = null;
  #paused = false;

  constructor(
    private readonly text: string,
    private readonly io: { source?: AsyncIterable<Buffer>; sink?: NodeJS.WritableStream },
  ) {
    this.done = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: pg.Connection): void {
    const c = connection as pg.Connection & { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void; sendCopyFail(message: string): void };
    const pump = async () => {
      try {
        for await (const chunk of this.io.source ?? []) {
          c.sendCopyFromChunk(chunk);
          if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
        }
        c.endCopyFrom();
      } catch (error) {
        c.sendCopyFail(String(error));
      }
    };
    void pump();
  }

  handleCopyData(message: { chunk: Buffer }, connection: pg.Connection): void {
    const sink = this.io.sink;
    if (!sink) return;
    // The chunk is a view of the client's receive buffer, which is reused: copy it.
    if (!sink.write(Buffer.from(message.chunk)) && !this.#paused) {
      this.#paused = true;
      connection.stream.pause();
      sink.once('drain', () => {
        this.#paused = false;
        connection.stream.resume();
      });
    }
  }

  handleCommandComplete(message: { text: string }): void {
    this.#rows = Number(message.text.split(' ').pop()) || 0;
  }

  handleError(error: Error): void {
    this.#error = error;
    this.#reject(error);
  }

  handleReadyForQuery(): void {
    if (!this.#error) this.#resolve(this.#rows);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

async function openServerEngine(url: string): Promise<Engine> {
  const schema = `bench_cases_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const database = await openDatabase({ url, schema });
  return {
    label: 'PostgreSQL',
    database,
    server: { url, schema },
    async copyCases(expected, workDir) {
      const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await client.connect();
      const file = join(workDir, 'postgres-copy.csv');
      try {
        await client.query('drop table if exists cases_copy');
        await client.query('create table cases_copy (like cases including all)');
        // Out: the district's cases as CSV into a file written by this process.
        let t0 = performance.now();
        const sink = createWriteStream(file, { highWaterMark: 1 << 20 });
        const out = client.query(new CopyQuery(`copy (select * from cases where district_code = '${DISTRICT}' order by id) to stdout with (format csv)`, { sink }));
        await out.done;
        sink.end();
        await once(sink, 'finish');
        const exportMs = performance.now() - t0;
        const bytes = statSync(file).size;
        // In: the file streamed to COPY … FROM STDIN, into an empty table with the same indexes.
        t0 = performance.now();
        const into = client.query(new CopyQuery('copy cases_copy from stdin with (format csv)', { source: createReadStream(file, { highWaterMark: 1 << 20 }) }));
        const rows = await into.done;
        const copyMs = performance.now() - t0;
        await client.query('drop table cases_copy');
        if (rows !== expected) throw new Error(`COPY stored ${rows} rows, expected ${expected}`);
        return { rows, exportMs, copyMs, bytes, how: 'COPY FROM STDIN, streamed from a CSV file by node-postgres' };
      } finally {
        await client.end();
        rmSync(file, { force: true });
      }
    },
    async dispose() {
      await database.close();
      const admin = await openDatabase({ url, poolSize: 1 });
      try {
        await admin.db.schema.dropSchema(schema).ifExists().cascade().execute();
      } finally {
        await admin.close();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The export

interface ExportFile {
  path: string;
  rows: number;
  bytes: number;
  writeMs: number;
}

/**
 * Writes the hotline export: points drawn from a pool of points inside random micro-grids
 * of the demo district (found with the locator), 1% of rows without a point (routed by the
 * town's name), category codes from the catalogue and town names from the demo towns.
 */
async function writeExport(ctx: AppContext, rows: number, path: string): Promise<ExportFile> {
  const next = random(20260101);
  const microgrids = (await regionsUnder({ cache: ctx.locator, pathPrefix: `/${DISTRICT}/` })).filter((r) => r.level === 'microgrid');
  const boxes = new Map(
    (await ctx.db.selectFrom('regions').select(['code', 'min_lon', 'min_lat', 'max_lon', 'max_lat']).where('district_code', '=', DISTRICT).where('level', '=', 'microgrid').execute()).map(
      (r) => [r.code, r],
    ),
  );
  const actor = systemActor('bench');
  const pool: [number, number][] = [];
  for (let guard = 0; pool.length < POINT_POOL && guard < POINT_POOL * 50; guard += 1) {
    const micro = microgrids[Math.floor(next() * microgrids.length)];
    const box = micro ? boxes.get(micro.code) : undefined;
    if (!box) continue;
    const lon = Number(box.min_lon) + next() * (Number(box.max_lon) - Number(box.min_lon));
    const lat = Number(box.min_lat) + next() * (Number(box.max_lat) - Number(box.min_lat));
    const located = await locatePoint({ cache: ctx.locator, actor, lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) });
    if (located.found && located.microgrid) pool.push([Number(lon.toFixed(6)), Number(lat.toFixed(6))]);
  }
  if (pool.length < POINT_POOL) throw new Error(`only ${pool.length} points found inside micro-grids`);
  const context = await ctx.cases.get(DISTRICT);
  const categoryCodes = context.catalogue.categories.filter((c) => c.minorCode && c.active).map((c) => c.code);
  const { towns } = await listDistrictAndTowns({ db: ctx.db, districtCode: DISTRICT });
  const t0 = performance.now();
  await writeHotlineExport(path, rows, {
    seed: 12345,
    points: () => (next() < 0.01 ? null : (pool[Math.floor(next() * pool.length)] as [number, number])),
    categoryCodes,
    townNames: towns.map((t) => t.name),
  });
  return { path, rows, bytes: statSync(path).size, writeMs: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// One engine

/**
 * After the import: on PostgreSQL, the vacuum and checkpoint that autovacuum and the
 * checkpointer would run anyway, now rather than in the middle of a later measurement. PGlite
 * runs no autovacuum, so nothing is done there: what follows sees the roll-up's dead rows as
 * a deployment would. Both print the roll-up's dead rows.
 */
async function settle(engine: Engine, log: (line: string) => void): Promise<void> {
  const { db } = engine.database;
  const deadRows = async () =>
    (await sql<{ live: number; dead: number }>`select n_live_tup::int as live, n_dead_tup::int as dead from pg_stat_user_tables where relname = 'case_rollups'`.execute(db)).rows[0];
  const before = await deadRows();
  if (engine.database.engine !== 'postgres') {
    log(`case_rollups after the import: ${fmt(before?.live ?? 0)} live rows, ${fmt(before?.dead ?? 0)} dead (PGlite runs no autovacuum)`);
    return;
  }
  const t0 = performance.now();
  await sql`vacuum (analyze) cases, case_rollups, audit_log`.execute(db);
  try {
    await sql`checkpoint`.execute(db);
  } catch {
    // CHECKPOINT needs a superuser (or pg_checkpoint); without one the server checkpoints on its own.
  }
  log(`case_rollups after the import: ${fmt(before?.live ?? 0)} live rows, ${fmt(before?.dead ?? 0)} dead; vacuum (analyze) and checkpoint took ${fmt((performance.now() - t0) / 1000, 1)} s (not counted)`);
}

/** The figures of one engine. */
/** What one intake run measured. */
interface IntakeFigures {
  cases: number;
  ms: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  firstError?: string;
  warmup: number;
  /** CPU milliseconds per stored case: the server's thread, the clients' thread, PostgreSQL's processes. */
  cpuMsPerCase: { server: number; clients: number; database: number };
}

interface EngineFigures {
  label: string;
  seedMs: number;
  import: { rows: number; imported: number; rejected: number; duplicates: number; ms: number; error?: string };
  copy: CopyFigures | { error: string };
  metrics: { name: string; p50: number; p95: number; source: string; groups: number }[];
  scans: { name: string; p50: number; p95: number }[];
  intake: IntakeFigures;
  /** The intake through several server processes (PostgreSQL only). */
  intakeWorkers?: IntakeFigures & { workers: number };
  rollups: { cases: number; rows: number; differences: number; ms: number };
  peakRss: { import: number; all: number; process: number };
}

async function timeRuns(runs: number, warmup: number, run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

async function benchEngine(
  engine: Engine,
  options: CasesBenchOptions,
  memory: MemoryWatch,
  workDir: string,
  exportPath: string,
): Promise<EngineFigures> {
  const { database } = engine;
  const label = engine.label;
  const log = (line: string) => console.log(`cases    ${label.padEnd(10)} ${line}`);
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SHUZHI_DATA_DIR: database.engine === 'pglite' ? database.location : 'memory://' });
  const ctx = createContext(database, config);
  const system = systemActor('bench');

  // The standard demo district.
  memory.phase(`${label}:seed`);
  let t0 = performance.now();
  await migrateToLatest(database.db, database.schema);
  const seeded = await seedDemo({ db: database.db, actor: system });
  await ctx.cases.get(DISTRICT);
  const seedMs = performance.now() - t0;
  log(`demo district seeded in ${fmt(seedMs / 1000, 1)} s (${fmt(seeded.regions.created)} regions)`);

  // The first engine writes the export; the next one reads the same file.
  let file: ExportFile;
  if (existsSync(exportPath)) {
    file = { path: exportPath, rows: options.cases, bytes: statSync(exportPath).size, writeMs: 0 };
  } else {
    file = await writeExport(ctx, options.cases, exportPath);
    log(`hotline export: ${fmt(file.rows)} rows, ${mib(file.bytes)}, written in ${fmt(file.writeMs / 1000, 1)} s (${POINT_POOL} points found with the locator)`);
  }

  // 1. Bulk import through the service.
  memory.phase(`${label}:import`);
  log(`resident memory before the import: ${mib(process.memoryUsage.rss())}`);
  let lastShown = 0;
  let progress = { read: 0, imported: 0, duplicates: 0, rejected: 0 };
  let importError: string | undefined;
  const importProfile = process.env.BENCH_IMPORT_PROFILE ? await startProfile() : null;
  t0 = performance.now();
  let report: { total: number; imported: number; duplicates: number; rejectedCount: number; rejected: { row: number; field: string; message: string }[] };
  try {
    report = await importHotlineCases({
      db: database.db,
      cache: ctx.cases,
      actor: system,
      district: DISTRICT,
      input: createReadStream(file.path, { highWaterMark: 1 << 20 }),
      format: 'csv',
      fileName: 'bench-hotline.csv',
      maxReported: 10,
      threads: options.importThreads,
      onProgress: (p) => {
        progress = p;
        if (p.read - lastShown >= Math.max(50_000, file.rows / 10)) {
          lastShown = p.read;
          const s = (performance.now() - t0) / 1000;
          process.stderr.write(`  … ${label} import: ${fmt(p.read)} read, ${fmt(p.imported)} stored, ${fmt(s, 0)} s, ${fmt(p.read / s)} rows/s, rss ${mib(process.memoryUsage.rss())}\n`);
        }
      },
    });
  } catch (error) {
    // Measure what follows on what was stored; the table shows the import as failed.
    importError = error instanceof Error ? error.message : String(error);
    report = { total: progress.read, imported: progress.imported, duplicates: progress.duplicates, rejectedCount: progress.rejected, rejected: [] };
    log(`import FAILED after ${fmt(progress.read)} rows read, ${fmt(progress.imported)} stored: ${importError}`);
  }
  const importMs = performance.now() - t0;
  if (importProfile) await importProfile.stop(process.env.BENCH_IMPORT_PROFILE as string);
  if (!importError) {
    log(
      `import ${fmt(report.total)} rows: ${fmt(report.imported)} stored, ${fmt(report.rejectedCount)} rejected, ${fmt(report.duplicates)} duplicates ` +
        `in ${fmt(importMs / 1000, 1)} s = ${fmt(report.total / (importMs / 1000))} rows/s`,
    );
  }
  if (report.rejected.length > 0) log(`  first rejection: row ${report.rejected[0]?.row} [${report.rejected[0]?.field}] ${report.rejected[0]?.message}`);
  await settle(engine, log);

  // 2. The database's own COPY of the stored rows.
  memory.phase(`${label}:copy`);
  let copy: CopyFigures | { error: string };
  try {
    copy = await engine.copyCases(report.imported, workDir);
    log(
      `COPY ${fmt(copy.rows)} rows (${mib(copy.bytes)} CSV, exported in ${fmt(copy.exportMs / 1000, 1)} s) into an empty copy of cases: ` +
        `${fmt(copy.copyMs / 1000, 1)} s = ${fmt(copy.rows / (copy.copyMs / 1000))} rows/s [${copy.how}]`,
    );
  } catch (error) {
    copy = { error: error instanceof Error ? error.message : String(error) };
    log(`COPY failed: ${copy.error}`);
  }

  // 4. Metrics over the stored cases (before the intake adds to them).
  memory.phase(`${label}:metrics`);
  const { towns } = await listDistrictAndTowns({ db: database.db, districtCode: DISTRICT });
  const town = towns.find((t) => t.name === '瓜沥镇') ?? towns[0];
  if (!town) throw new Error('the demo district has no towns');
  const metrics: EngineFigures['metrics'] = [];
  for (const [regionName, region] of [
    [town.name, town.code],
    ['district', DISTRICT],
  ] as const) {
    for (const groupBy of ['region', 'department'] as MetricsGroupBy[]) {
      let last: Awaited<ReturnType<typeof getCaseMetrics>> | undefined;
      const run = async () => {
        last = await getCaseMetrics({ db: database.db, cache: ctx.cases, actor: system, region, from: FROM_MONTH, to: TO_MONTH, groupBy });
      };
      const { p50, p95 } = await timeRuns(METRIC_RUNS, METRIC_WARMUP, run);
      metrics.push({ name: `${regionName === 'district' ? 'district' : 'town'} × ${groupBy}`, p50, p95, source: last?.source ?? '?', groups: last?.groups.length ?? 0 });
      log(
        `metrics ${regionName} ${FROM_MONTH}…${TO_MONTH} by ${groupBy}: p50 ${fmt(p50, 1)} ms, p95 ${fmt(p95, 1)} ms ` +
          `(${METRIC_RUNS} runs, ${last?.groups.length ?? 0} groups, ${fmt(last?.totals.received ?? 0)} cases, from the ${last?.source})`,
      );
    }
  }
  // For comparison: the same district/town split by department computed from `cases` directly.
  const scan = (townCode: string | null) =>
    sql`
      select department_code, count(*) as received,
        count(*) filter (where registered_at is not null and status not in ('voided', 'merged')) as registered,
        count(*) filter (where closed_at is not null) as closed,
        count(*) filter (where closed_on_time) as closed_on_time,
        count(*) filter (where handled_on_time) as handled_on_time,
        count(*) filter (where status not in ('closed', 'visited', 'voided', 'merged')) as open,
        count(*) filter (where overdue_at is not null) as overdue
      from cases
      where district_code = ${DISTRICT} and received_at >= ${FROM_TIME} and received_at < ${TO_TIME}
        ${townCode ? sql`and town_code = ${townCode}` : sql``}
      group by department_code`.execute(database.db);
  const scans: EngineFigures['scans'] = [];
  for (const [name, townCode] of [
    ['town × department', town.code],
    ['district × department', null],
  ] as const) {
    const { p50, p95 } = await timeRuns(SCAN_RUNS, 2, () => scan(townCode));
    scans.push({ name, p50, p95 });
    log(`GROUP BY scan of cases, ${name}, same 12 months: p50 ${fmt(p50, 1)} ms, p95 ${fmt(p95, 1)} ms (${SCAN_RUNS} runs)`);
  }

  // 3. Single-case intake over HTTP, 16 clients at a time.
  memory.phase(`${label}:intake`);
  const showIntake = (how: string, figures: IntakeFigures) => {
    log(
      `intake POST /api/cases, ${CLIENTS} clients, ${how}: ${fmt(figures.cases)} cases in ${fmt(figures.ms / 1000, 1)} s = ${fmt(figures.cases / (figures.ms / 1000))} cases/s, ` +
        `p50 ${fmt(figures.p50, 1)} ms, p95 ${fmt(figures.p95, 1)} ms, p99 ${fmt(figures.p99, 1)} ms, ${figures.errors} errors` +
        (figures.firstError ? ` (first: ${figures.firstError})` : ''),
    );
    log(
      `  CPU per case: server ${fmt(figures.cpuMsPerCase.server, 2)} ms, clients' thread ${fmt(figures.cpuMsPerCase.clients, 2)} ms` +
        (Number.isNaN(figures.cpuMsPerCase.database) ? '' : `, PostgreSQL (all its processes on this machine) ${fmt(figures.cpuMsPerCase.database, 2)} ms`),
    );
  };
  const intake = await benchIntake(ctx, seeded.logins, options, await inProcessServer(ctx));
  showIntake('one server process', intake);
  // The same through several server processes (SHUZHI_WORKERS), as a multi-core host runs it.
  let intakeWorkers: (IntakeFigures & { workers: number }) | undefined;
  if (engine.server && options.intakeWorkers > 1) {
    intakeWorkers = { ...(await benchIntake(ctx, seeded.logins, options, await clusterServer(engine.server, options.intakeWorkers))), workers: options.intakeWorkers };
    showIntake(`${options.intakeWorkers} server processes`, intakeWorkers);
  }

  // The roll-up against a full recomputation (covers the import and the intake).
  memory.phase(`${label}:rollups`);
  t0 = performance.now();
  const check = await checkRollups({ db: database.db, districtCode: DISTRICT });
  const rollups = { cases: check.cases, rows: check.rows, differences: check.differences.length, ms: performance.now() - t0 };
  log(`checkRollups: ${fmt(check.cases)} cases, ${fmt(check.rows)} roll-up rows, ${check.differences.length} differences (${fmt(rollups.ms / 1000, 1)} s)`);
  if (check.differences.length > 0) log(`  first difference: ${JSON.stringify(check.differences[0])}`);

  memory.phase(`${label}:close`);
  return {
    label,
    seedMs,
    import: { rows: report.total, imported: report.imported, rejected: report.rejectedCount, duplicates: report.duplicates, ms: importMs, error: importError },
    copy,
    metrics,
    scans,
    intake,
    intakeWorkers,
    rollups,
    peakRss: { import: memory.peakOf(`${label}:import`), all: memory.peakOf(`${label}:`), process: process.resourceUsage().maxRSS * 1024 },
  };
}

interface DriveResult {
  latencies: number[];
  errors: number;
  firstError?: string;
  ms: number;
  /** CPU seconds of the clients' thread during the phase. */
  cpuSeconds?: number;
}

/** CPU seconds used so far by the calling thread (Linux /proc; NaN elsewhere). */
function threadCpuSeconds(): number {
  try {
    return ticksOf(readFileSync('/proc/thread-self/stat', 'utf8'));
  } catch {
    return NaN;
  }
}

/** CPU seconds used so far by each PostgreSQL process on this machine, by pid (Linux /proc; empty elsewhere). */
function postgresCpuSeconds(): Map<string, number> {
  const byPid = new Map<string, number>();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.includes('(postgres)')) byPid.set(pid, ticksOf(stat));
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    // No /proc here.
  }
  return byPid;
}

/** CPU seconds PostgreSQL's processes used between two readings (a process that ended between them is lost). */
function postgresCpuBetween(start: Map<string, number>, end: Map<string, number>): number {
  if (end.size === 0) return NaN;
  let total = 0;
  for (const [pid, seconds] of end) total += seconds - (start.get(pid) ?? 0);
  return total;
}

/** CPU seconds used so far by process `pid` (Linux /proc; NaN elsewhere). */
function processCpuSeconds(pid: number): number {
  try {
    return ticksOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return NaN;
  }
}

/** utime + stime of a /proc stat line, in seconds (Linux's USER_HZ is 100). */
function ticksOf(stat: string): number {
  const fields = (stat.split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The intake clients (plain JavaScript for a worker thread): each phase runs `clients`
 * loops that POST one case at a time with a distinct Idempotency-Key until the phase has
 * started `cases` requests or lasted `ms`.
 */
const INTAKE_CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const http = require('node:http');
const { base, cookie, runId, points, categories, clients, phases } = workerData;
// node:http with kept-alive sockets, one a client: the load generator shares this machine's
// two cores with the server and the database, and fetch() costs several times more CPU per
// request than node:http, which would be counted against the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const target = new URL(base + '/api/cases');
function request(headers, payload) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
let sequence = 0;
async function post() {
  sequence += 1;
  const n = sequence;
  const [lon, lat] = points[n % points.length];
  const body = {
    channel: 'hotline',
    nature: 'complaint',
    categoryCode: categories[n % categories.length],
    urgency: n % 20 === 0 ? 'urgent' : 'normal',
    description: '压测工单 ' + n + ':路灯不亮已经一周,请尽快处理。',
    address: '压测路 ' + n + ' 号',
    lon,
    lat,
    reporterName: '王先生',
    reporterPhone: '139' + String(n).padStart(8, '0'),
  };
  const t = performance.now();
  const res = await request({ 'content-type': 'application/json', cookie, 'idempotency-key': 'bench-' + runId + '-' + n }, JSON.stringify(body));
  const ms = performance.now() - t;
  return res.status === 201 ? { ok: true, ms } : { ok: false, ms, error: res.status + ' ' + res.text.slice(0, 200) };
}
async function drive(limit) {
  const latencies = [];
  let errors = 0;
  let firstError;
  let started = 0;
  const t0 = performance.now();
  const client = async () => {
    while (started < limit.cases && performance.now() - t0 < limit.ms) {
      started += 1;
      const r = await post();
      if (r.ok) latencies.push(r.ms);
      else {
        errors += 1;
        if (firstError === undefined) firstError = r.error;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { latencies, errors, firstError, ms: performance.now() - t0 };
}
// CPU seconds this thread has used (utime + stime, in clock ticks of 10 ms).
function threadCpu() {
  try {
    const fields = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
(async () => {
  const results = [];
  for (const [index, phase] of phases.entries()) {
    parentPort.postMessage({ phase: index });
    const cpu0 = threadCpu();
    const result = await drive(phase);
    result.cpuSeconds = threadCpu() - cpu0;
    results.push(result);
  }
  parentPort.postMessage({ results });
})().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

/**
 * A CPU profile of the main thread (BENCH_IMPORT_PROFILE / BENCH_INTAKE_PROFILE =
 * FILE.cpuprofile): where the import's or the intake's time goes, readable in Chrome's DevTools.
 */
async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** A running server for the intake: where it listens and how much CPU it has used. */
interface IntakeServer {
  base: string;
  /** CPU seconds the server has used so far (its thread, or all its worker processes). */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/** The app in this process, as the other parts of the bench use it. */
async function inProcessServer(ctx: AppContext): Promise<IntakeServer> {
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, cpuSeconds: threadCpuSeconds, close: () => app.close() };
}

/** `workers` server processes on one port, supervised as `shuzhi serve` with SHUZHI_WORKERS does. */
async function clusterServer(server: { url: string; schema: string }, workers: number): Promise<IntakeServer> {
  cluster.setupPrimary({
    exec: fileURLToPath(new URL('./intake-server.ts', import.meta.url)),
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const env = { SHUZHI_BENCH_SERVER_URL: server.url, SHUZHI_BENCH_SERVER_SCHEMA: server.schema, SHUZHI_BENCH_SERVER_WORKERS: String(workers) };
  Object.assign(process.env, env);
  const supervisor = superviseWorkers({ workers, log: (line) => console.log(`cases    ${line}`) });
  try {
    const port = await supervisor.listening;
    return {
      base: `http://127.0.0.1:${port}`,
      cpuSeconds: () => supervisor.pids().reduce((sum, pid) => sum + processCpuSeconds(pid), 0),
      close: () => supervisor.stop(),
    };
  } catch (error) {
    await supervisor.stop();
    throw error;
  }
}

/** POST /api/cases from 16 clients until `intakeCases` cases or `intakeSeconds` seconds. */
async function benchIntake(
  ctx: AppContext,
  logins: { username: string; password: string | null }[],
  options: CasesBenchOptions,
  server: IntakeServer,
): Promise<IntakeFigures> {
  try {
    const operator = logins.find((l) => l.username === 'operator');
    if (!operator?.password) throw new Error('seedDemo did not report the operator\'s password');
    const base = server.base;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: operator.username, password: operator.password }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const context = await ctx.cases.get(DISTRICT);
    const categories = context.catalogue.categories.filter((c) => c.minorCode && c.active).map((c) => c.code);
    const microgrids = (await regionsUnder({ cache: ctx.locator, pathPrefix: `/${DISTRICT}/` })).filter((r) => r.level === 'microgrid');
    const boxes = new Map(
      (await ctx.db.selectFrom('regions').select(['code', 'min_lon', 'min_lat', 'max_lon', 'max_lat']).where('district_code', '=', DISTRICT).where('level', '=', 'microgrid').execute()).map(
        (r) => [r.code, r],
      ),
    );
    const next = random(4242);
    const points: [number, number][] = [];
    while (points.length < 1000) {
      const box = boxes.get(microgrids[Math.floor(next() * microgrids.length)]?.code ?? '');
      if (!box) continue;
      const lon = Number((Number(box.min_lon) + next() * (Number(box.max_lon) - Number(box.min_lon))).toFixed(6));
      const lat = Number((Number(box.min_lat) + next() * (Number(box.max_lat) - Number(box.min_lat))).toFixed(6));
      if ((await locatePoint({ cache: ctx.locator, actor: systemActor('bench'), lon, lat })).found) points.push([lon, lat]);
    }
    // The clients run in a worker thread, so that the server's event loop serves requests only.
    const worker = new Worker(INTAKE_CLIENT, {
      eval: true,
      workerData: {
        base,
        cookie,
        runId: randomUUID().slice(0, 8),
        points,
        categories,
        clients: CLIENTS,
        phases: [
          { cases: 200, ms: 30_000 },
          { cases: options.intakeCases, ms: options.intakeSeconds * 1000 },
        ],
      },
    });
    const profile = process.env.BENCH_INTAKE_PROFILE ? await startProfile() : null;
    // CPU of the server's thread and of PostgreSQL's processes over the measured phase (the
    // second): on two shared cores, throughput alone says little about where the time goes.
    let cpuAtStart: { server: number; database: Map<string, number> } | null = null;
    const answer = await new Promise<{ error?: string; results?: DriveResult[] }>((resolve, reject) => {
      worker.on('message', (message: { phase?: number; error?: string; results?: DriveResult[] }) => {
        if (message.phase === 1) cpuAtStart = { server: server.cpuSeconds(), database: postgresCpuSeconds() };
        else if (message.phase === undefined) resolve(message);
      });
      worker.once('error', reject);
    });
    const cpuAtEnd = { server: server.cpuSeconds(), database: postgresCpuSeconds() };
    if (profile) await profile.stop(process.env.BENCH_INTAKE_PROFILE as string);
    await worker.terminate();
    if (answer.error || !answer.results) throw new Error(`intake clients failed: ${answer.error}`);
    const [warm, run] = answer.results as [DriveResult, DriveResult];
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const start = cpuAtStart as { server: number; database: Map<string, number> } | null;
    const perCase = (seconds: number) => (run.latencies.length && Number.isFinite(seconds) ? (seconds * 1000) / run.latencies.length : NaN);
    return {
      cpuMsPerCase: {
        server: start ? perCase(cpuAtEnd.server - start.server) : NaN,
        clients: perCase(run.cpuSeconds ?? NaN),
        database: start && ctx.database.engine === 'postgres' ? perCase(postgresCpuBetween(start.database, cpuAtEnd.database)) : NaN,
      },
      cases: run.latencies.length,
      ms: run.ms,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      errors: run.errors + warm.errors,
      firstError: run.firstError ?? warm.firstError,
      warmup: warm.latencies.length,
    };
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The run and its table

/** The environment variable that makes `bench/run.ts` a child running one engine. */
const CHILD_ENV = 'SHUZHI_BENCH_CASES_CHILD';

interface ChildJob {
  engine: 'pglite' | 'postgres';
  options: CasesBenchOptions;
  workDir: string;
  exportPath: string;
}

/**
 * Runs the cases benchmarks and prints their figures and a summary table. Each engine runs
 * in a child process of its own (the same entry, `bench/run.ts`, with the same loader), so
 * one engine's heap and garbage do not weigh on the other's figures and each process's
 * peak memory is that engine's.
 */
export async function runCasesBench(options: CasesBenchOptions): Promise<void> {
  console.log(
    `\nCases — ${fmt(options.cases)}-row hotline export, intake ${CLIENTS} clients × up to ${fmt(options.intakeCases)} cases / ${options.intakeSeconds} s, ` +
      `metrics ${FROM_MONTH}…${TO_MONTH} × ${METRIC_RUNS} runs`,
  );
  const workDir = mkdtempSync(join(tmpdir(), 'shuzhi-bench-cases-'));
  const exportPath = join(workDir, `hotline-${options.cases}.csv`);
  const results: EngineFigures[] = [];
  const started = performance.now();
  try {
    const engines = options.engines.filter((e) => e === 'pglite' || options.serverUrl);
    for (const engine of engines) {
      const outcome = await runChild({ engine, options, workDir, exportPath });
      if ('figures' in outcome) results.push(outcome.figures);
      else console.log(`cases    ${(engine === 'pglite' ? 'PGlite' : 'PostgreSQL').padEnd(10)} FAILED: ${outcome.error}`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  printTable(results, performance.now() - started);
}

/** Runs one engine in a child process and waits for its figures. */
async function runChild(job: ChildJob): Promise<{ figures: EngineFigures } | { error: string }> {
  const entry = process.argv[1];
  if (!entry) return { error: 'cannot tell the entry script to run the child with' };
  const child = fork(entry, [], {
    execArgv: process.execArgv,
    env: { ...process.env, [CHILD_ENV]: JSON.stringify(job) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let answer: { figures: EngineFigures } | { error: string } | undefined;
  child.on('message', (message) => {
    answer = message as typeof answer;
  });
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  return answer ?? { error: `the child process ended (code ${code}, signal ${signal}) without figures` };
}

/** True in the child process that runs one engine. */
export function isCasesBenchChild(): boolean {
  return Boolean(process.env[CHILD_ENV]);
}

/** In the child process: runs the engine named by the parent and sends back its figures. */
export async function runCasesBenchChild(): Promise<void> {
  const job = JSON.parse(process.env[CHILD_ENV] ?? '{}') as ChildJob;
  const send = (message: unknown) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
  const memory = new MemoryWatch();
  let engine: Engine | undefined;
  try {
    engine = job.engine === 'pglite' ? await openPGliteEngine() : await openServerEngine(job.options.serverUrl as string);
    const figures = await benchEngine(engine, job.options, memory, job.workDir, job.exportPath);
    await send({ figures });
  } catch (error) {
    await send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    memory.stop();
    await engine?.dispose();
    process.disconnect?.();
  }
}

function printTable(results: EngineFigures[], totalMs: number): void {
  if (results.length === 0) return;
  const rows: [string, ...string[]][] = [];
  const add = (name: string, value: (r: EngineFigures) => string) => rows.push([name, ...results.map(value)]);
  const copyOf = (r: EngineFigures) => ('error' in r.copy ? undefined : r.copy);
  add('import rows', (r) => (r.import.error ? `FAILED after ${fmt(r.import.imported)} stored` : `${fmt(r.import.rows)} (${fmt(r.import.rejected)} rejected)`));
  add('import total', (r) => `${fmt(r.import.ms / 1000, 1)} s`);
  add('import rate', (r) => `${fmt(r.import.rows / (r.import.ms / 1000))} rows/s`);
  add('COPY rate', (r) => {
    const c = copyOf(r);
    return c ? `${fmt(c.rows / (c.copyMs / 1000))} rows/s (${fmt(c.copyMs / 1000, 1)} s)` : 'failed';
  });
  add('import / COPY (≥ 0.5)', (r) => {
    const c = copyOf(r);
    return c && !r.import.error ? fmt(c.copyMs / r.import.ms, 2) : '—';
  });
  add('intake (≥ 1,000/s on PG)', (r) => `${fmt(r.intake.cases / (r.intake.ms / 1000))} cases/s`);
  add('intake p50 / p95', (r) => `${fmt(r.intake.p50, 1)} / ${fmt(r.intake.p95, 1)} ms`);
  add('intake errors', (r) => String(r.intake.errors));
  // NaN (not measured) comes back from the engine's process as null.
  const cpu = (f: IntakeFigures) =>
    [f.cpuMsPerCase.server, f.cpuMsPerCase.clients, f.cpuMsPerCase.database].map((v) => (typeof v === 'number' && Number.isFinite(v) ? fmt(v, 2) : '–')).join(' · ') + ' ms';
  add('intake CPU/case server · clients · PG', (r) => cpu(r.intake));
  add('intake, N server processes', (r) =>
    r.intakeWorkers ? `${fmt(r.intakeWorkers.cases / (r.intakeWorkers.ms / 1000))} cases/s (N = ${r.intakeWorkers.workers}, p95 ${fmt(r.intakeWorkers.p95, 1)} ms, ${r.intakeWorkers.errors} errors)` : '–',
  );
  add('  its CPU/case server · clients · PG', (r) => (r.intakeWorkers ? cpu(r.intakeWorkers) : '–'));
  for (const name of results[0]?.metrics.map((m) => m.name) ?? []) {
    add(`metrics ${name} p50/p95 (≤ 50)`, (r) => {
      const m = r.metrics.find((x) => x.name === name);
      return m ? `${fmt(m.p50, 1)} / ${fmt(m.p95, 1)} ms` : '—';
    });
  }
  for (const name of results[0]?.scans.map((s) => s.name) ?? []) {
    add(`GROUP BY scan ${name} p50`, (r) => {
      const s = r.scans.find((x) => x.name === name);
      return s ? `${fmt(s.p50, 1)} ms` : '—';
    });
  }
  add('roll-up = recomputation', (r) => `${r.rollups.differences === 0 ? 'yes' : 'NO'} (${r.rollups.differences} differences, ${fmt(r.rollups.cases)} cases)`);
  add('checkRollups time', (r) => `${fmt(r.rollups.ms / 1000, 1)} s`);
  add('peak RSS during import', (r) => mib(r.peakRss.import));
  add('peak RSS of the process', (r) => mib(r.peakRss.process));
  const header: [string, ...string[]] = ['cases', ...results.map((r) => r.label)];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  │ ')}`;
  console.log('');
  console.log(line(header));
  console.log(`  ${widths.map((w) => '─'.repeat(w)).join('──┼─')}`);
  for (const row of rows) console.log(line(row));
  console.log(`  each engine ran in a process of its own; PostgreSQL's own memory is the server's, not counted. Cases bench took ${fmt(totalMs / 1000, 0)} s`);
}
