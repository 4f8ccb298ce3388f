/**
 * Bulk import of 12345 hotline exports (CSV or XLSX): streamed row by row, validated, routed,
 * given their deadlines and stored in batches, each batch in one transaction with its roll-up
 * delta and one audit row. Valid rows are kept and rejected rows are reported with their row,
 * column and reason; a row whose 工单编号 is already stored is counted as a duplicate and never
 * stored twice, so a re-run after an interruption adds only what is missing.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '@/db/database.js';
import { recordChange } from '@/domains/audit/audit-service.js';
import { bboxOf } from '@/domains/regions/region-geometry.js';
import type { LocatableRegion } from '@/domains/regions/region-locator.js';
import { districtOfActor, exportRegions, listDistrictAndTowns, regionsUnder, type LocatorCache } from '@/domains/regions/regions-service.js';
import { codesOfPath } from '@/domains/regions/region-codes.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { AppError, isAppError } from '@/shared/errors.js';
import {
  CaseImportPreparer,
  errorData,
  errorOf,
  locatorRegionsFor,
  packBatch,
  rowOfFragment,
  sumRollupRows,
  type ImportSetup,
  type PreparedBatch,
  type RejectedRow,
  type WorkerInput,
} from './case-import-prepare.js';
import type { MainMessage, WorkerMessage } from './case-import-worker.js';
import { RollupDeltas, routeCase, type CaseContextCache, type Routing } from './cases-service.js';
import { addRollupDeltas, analyzeCaseTables, bulkInsertCaseRows, isEmbeddedDatabase, takeCaseIds, type PackedCaseRows } from './cases-repository.js';
import { readHotlineSheet, type HotlineFormat } from './hotline-sheet.js';

export type { RejectedRow } from './case-import-prepare.js';

/** The report of an import. */
export interface HotlineImportReport {
  total: number;
  imported: number;
  duplicates: number;
  rejected: RejectedRow[];
  /** Rejected rows beyond the first `maxReported` are counted here but not listed. */
  rejectedCount: number;
}

/** Progress callback: rows read so far and rows stored so far. */
export type ImportProgress = (progress: { read: number; imported: number; duplicates: number; rejected: number }) => void;

/**
 * Where rows are prepared. 'auto': in a worker thread for a file of at least WORKER_FROM_BYTES
 * on PGlite (whose database runs on the main thread, so the two then run side by side), and on
 * the main thread otherwise (a PostgreSQL server already writes on another core, and with two
 * cores a worker would only compete with it).
 */
export type ImportThreads = 'auto' | 'main' | 'worker';

/** An import storing this many rows refreshes the planner's statistics afterwards. */
const ANALYZE_AFTER = 10_000;

/** Rows per transaction. */
const BATCH = 5000;

/**
 * A file this large (about 8,000 CSV rows) is prepared in a worker thread; a smaller one on
 * the main thread, where it is done before a worker would have started.
 */
const WORKER_FROM_BYTES = 2 * 1024 * 1024;

/** Prepared batches waiting for the writer before the worker is sent no more of the file. */
const MAX_WAITING_BATCHES = 2;

/** Rows prepared on the main thread between two turns of the event loop. */
const YIELD_EVERY = 200;

/** How far the file goes ahead of the worker's reading. */
const AHEAD_BYTES = 8 * 1024 * 1024;

/** Imports a hotline export. Only operators and administrators may. */
export async function importHotlineCases(options: {
  db: Db;
  cache: CaseContextCache;
  actor: Actor;
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>;
  format: HotlineFormat;
  fileName?: string;
  district?: string;
  maxReported?: number;
  onProgress?: ImportProgress;
  now?: Date;
  /** Where rows are prepared (default 'auto'; tests choose). */
  threads?: ImportThreads;
}): Promise<HotlineImportReport> {
  const { db, cache, actor } = options;
  if (!['admin', 'operator', 'town_admin'].includes(actor.role)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot import cases`, { userMessage: '只有受理员和管理员可以导入工单' });
  }
  const now = options.now ?? new Date();
  const districtCode = await districtOfActor({ db, actor, requested: options.district });
  const setup = await importSetup({ db, cache, actor, districtCode, now, maxReported: options.maxReported ?? 1000 });
  const report: HotlineImportReport = { total: 0, imported: 0, duplicates: 0, rejected: [], rejectedCount: 0 };
  const importId = createHash('sha256').update(`${options.fileName ?? 'stream'}|${now.toISOString()}|${actor.label}`).digest('hex').slice(0, 16);
  let batchNo = 0;

  // The write of one batch overlaps the preparing of the next (on this thread or a worker's).
  // One batch at a time is in flight, so batches commit in file order, and a failed write
  // stops the import at the next batch boundary.
  let inFlight: Promise<void> | null = null;
  let writeFailure: { error: unknown } | null = null;
  const settle = async () => {
    if (inFlight) await inFlight;
    inFlight = null;
    if (writeFailure) throw writeFailure.error;
  };
  const take = async (batch: PreparedBatch) => {
    report.total = batch.total;
    report.duplicates += batch.duplicates;
    report.rejectedCount += batch.rejectedCount;
    report.rejected.push(...batch.rejected);
    if (batch.fragments.length === 0) return;
    batchNo += 1;
    // Numbers are taken while the previous batch is still being written; the transaction only writes.
    const ids = await takeCaseIds(db, batch.fragments.length);
    const packed = packBatch(batch.fragments, ids);
    await settle();
    inFlight = write(batch, ids, packed, batchNo).catch((error: unknown) => {
      writeFailure = { error };
    });
  };
  const write = async (batch: PreparedBatch, ids: number[], packed: PackedCaseRows, batchNo: number) => {
    const inserted = await db.transaction().execute(async (tx) => {
      const insertedIds = new Set(await bulkInsertCaseRows(tx, packed));
      let deltas = batch.deltas;
      let stored = ids.map((id, i) => [id, batch.externalIds[i] ?? null] as const);
      if (insertedIds.size !== ids.length) {
        // Rows already stored (a re-run) were skipped: their contribution comes off again.
        const skipped = new RollupDeltas();
        ids.forEach((id, i) => {
          if (!insertedIds.has(id)) skipped.add(rowOfFragment(batch.fragments[i] as string), -1);
        });
        deltas = sumRollupRows(deltas, skipped.rows());
        stored = stored.filter(([id]) => insertedIds.has(id));
      }
      await addRollupDeltas(tx, setup.districtCode, deltas);
      // One audit row per batch: the rows are identified by their numbers and a digest.
      await recordChange(tx, actor, {
        districtCode: setup.districtCode,
        action: 'cases.imported',
        entityType: 'case_import',
        entityId: `${importId}-${batchNo}`,
        before: null,
        after: {
          file: options.fileName ?? null,
          rows: stored.length,
          firstRow: batch.firstRow,
          lastRow: batch.lastRow,
          ids: stored.length ? [stored[0]?.[0], stored[stored.length - 1]?.[0]] : [],
          sha256: createHash('sha256').update(JSON.stringify(stored)).digest('hex'),
        },
      });
      return insertedIds.size;
    });
    report.imported += inserted;
    report.duplicates += ids.length - inserted;
    options.onProgress?.({ read: report.total, imported: report.imported, duplicates: report.duplicates, rejected: report.rejectedCount });
  };

  const threads = options.threads ?? 'auto';
  const maybeWorker = threads === 'worker' || (threads === 'auto' && (await embedded(db)));
  const input = await sizedInput(options.input, maybeWorker && threads === 'auto' ? WORKER_FROM_BYTES : 0);
  const inWorker = threads === 'worker' || (maybeWorker && !input.short);
  const batches = inWorker
    ? prepareInWorker(input.chunks, { setup, format: options.format, regions: await workerRegions(db, cache.locator, setup) })
    : prepareHere(input.chunks, options.format, setup, await hereLocator(cache.locator));
  try {
    for await (const batch of batches) await take(batch);
  } finally {
    // Whatever stopped the loop, nothing is reported (or the database closed) while a batch
    // is still being written.
    await (inFlight as Promise<void> | null);
  }
  await settle();
  if (report.imported >= ANALYZE_AFTER) await analyzeCaseTables(db);
  options.onProgress?.({ read: report.total, imported: report.imported, duplicates: report.duplicates, rejected: report.rejectedCount });
  return report;
}

// ---------------------------------------------------------------------------------------------
// What the preparation needs

/**
 * The plain data the preparation works from: the district's context, and where a case lands
 * for each town a row may fall back on and for each of the district's micro-grids, decided
 * here once as `routeCase` decides it for one case.
 */
async function importSetup(options: { db: Db; cache: CaseContextCache; actor: Actor; districtCode: string; now: Date; maxReported: number }): Promise<ImportSetup> {
  const { db, cache, actor, districtCode } = options;
  const context = await cache.get(districtCode);
  const { towns } = await listDistrictAndTowns({ db, districtCode });
  const ownTown = actor.regionPath.split('/')[2] ?? null;
  const townRoutings = new Map<string, Routing | ReturnType<typeof errorData>>();
  for (const code of new Set([...towns.map((t) => t.code), ...(ownTown ? [ownTown] : [])])) {
    try {
      townRoutings.set(code, await routeCase({ locator: cache.locator, db, actor, districtCode, townCode: code }));
    } catch (error) {
      if (!isAppError(error)) throw error;
      townRoutings.set(code, errorData(error));
    }
  }
  const regions = await regionsUnder({ cache: cache.locator, pathPrefix: `/${districtCode}/` });
  const levels = new Map(regions.map((r) => [r.code, r.level]));
  const grids = new Map<string, Routing>();
  for (const r of regions) {
    if (r.level !== 'microgrid') continue;
    const chain = codesOfPath(r.path);
    const town = chain.find((c) => levels.get(c) === 'town');
    grids.set(r.code, { townCode: town ?? null, regionCode: r.code, regionPath: `/${chain.join('/')}/` });
  }
  return {
    districtCode,
    actor,
    now: options.now.getTime(),
    context,
    categoryByName: new Map(context.catalogue.categories.filter((c) => c.minorCode && c.active).map((c) => [c.name, c.code])),
    townByName: new Map(towns.map((t) => [t.name, t.code])),
    ownTown,
    towns: townRoutings,
    grids,
    maxReported: options.maxReported,
    batchSize: BATCH,
  };
}

const engines = new WeakMap<Db, Promise<boolean>>();

function embedded(db: Db): Promise<boolean> {
  let answer = engines.get(db);
  if (!answer) {
    answer = isEmbeddedDatabase(db);
    engines.set(db, answer);
    answer.catch(() => engines.delete(db));
  }
  return answer;
}

async function hereLocator(cache: LocatorCache): Promise<(lon: number, lat: number) => string | null> {
  const { locator } = await cache.current();
  return (lon, lat) => locator.locate(lon, lat);
}

// The micro-grids' shapes for workers, kept while the regions stay as they were.
const shapes = new WeakMap<LocatorCache, { revision: string; regions: Promise<LocatableRegion[]> }>();

async function workerRegions(db: Db, cache: LocatorCache, setup: ImportSetup): Promise<LocatableRegion[]> {
  const { revision } = await cache.current();
  let entry = shapes.get(cache);
  if (!entry || entry.revision !== revision) {
    const regions = exportRegions({ db, actor: systemActor('system:routing'), level: 'microgrid' }).then((c) =>
      c.features.flatMap((f) => (f.geometry ? [{ code: String(f.properties?.code ?? f.id), geometry: f.geometry as unknown as LocatableRegion['geometry'] }] : [])),
    );
    entry = { revision, regions };
    shapes.set(cache, entry);
    regions.catch(() => shapes.delete(cache));
  }
  return locatorRegionsFor(await entry.regions, new Set(setup.grids.keys()), (r) => bboxOf(r.geometry));
}

// ---------------------------------------------------------------------------------------------
// Preparing on this thread or on a worker's

/** The input's first `bytes` read ahead (to tell a small file), then the rest as it comes. */
async function sizedInput(source: NodeJS.ReadableStream | AsyncIterable<Buffer>, bytes: number): Promise<{ short: boolean; chunks: AsyncIterable<Buffer> }> {
  const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    yield* head;
    if (!ended) yield* { [Symbol.asyncIterator]: () => iterator };
  }
  return { short: ended, chunks: chunks() };
}

async function* prepareHere(input: AsyncIterable<Buffer>, format: HotlineFormat, setup: ImportSetup, locate: (lon: number, lat: number) => string | null): AsyncGenerator<PreparedBatch> {
  const preparer = new CaseImportPreparer(setup, locate);
  let sinceYield = 0;
  for await (const item of readHotlineSheet(input, format)) {
    preparer.add(item);
    if (preparer.full) yield preparer.take();
    // Preparing is synchronous: let the batch being written have its replies and send its next
    // statement now and then, rather than only when the file's next chunk is read.
    if (++sinceYield === YIELD_EVERY) {
      sinceYield = 0;
      await setImmediate();
    }
  }
  yield preparer.take();
}

/**
 * Prepares in a worker thread: the file goes to it chunk by chunk, up to AHEAD_BYTES ahead of
 * its reading and while fewer than MAX_WAITING_BATCHES batches wait for the writer, and
 * batches come back in file order.
 */
async function* prepareInWorker(input: AsyncIterable<Buffer>, data: WorkerInput): AsyncGenerator<PreparedBatch> {
  const source = input[Symbol.asyncIterator]();
  const worker = startWorker(data);
  const queue: Exclude<WorkerMessage, { type: 'read' }>[] = [];
  let failure: { error: unknown } | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  // The file goes ahead of the worker by up to AHEAD_BYTES: on PGlite this thread is busy
  // in the database for a whole statement at a time, and cannot answer the worker then.
  let ahead = 0;
  let ended = false;
  let feeding = false;
  const send = (message: MainMessage, transfer?: ArrayBuffer[]) => worker.postMessage(message, transfer);
  const feed = async () => {
    if (feeding) return;
    feeding = true;
    try {
      while (!ended && ahead < AHEAD_BYTES && queue.length < MAX_WAITING_BATCHES) {
        const next = await source.next();
        if (next.done) {
          ended = true;
          send({ type: 'end' });
        } else {
          // A copy of its own: a stream's chunk may share its memory with others.
          const data = new Uint8Array(next.value);
          ahead += data.byteLength;
          send({ type: 'chunk', data }, [data.buffer]);
        }
      }
    } catch (error) {
      failure ??= { error };
      notify();
    } finally {
      feeding = false;
    }
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'read') {
      ahead -= message.bytes;
      void feed();
    } else {
      queue.push(message);
      notify();
    }
  });
  void feed();
  worker.on('error', (error) => {
    failure ??= { error };
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    for (;;) {
      if (failure) throw (failure as { error: unknown }).error;
      const message = queue.shift();
      if (!message) {
        if (exited) throw new Error('the import worker stopped');
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (message.type === 'done') return;
      if (message.type === 'error') {
        if (message.app) throw errorOf(message.app);
        const error = new Error(message.message);
        error.stack = message.stack;
        throw error;
      }
      void feed();
      yield message.batch;
    }
  } finally {
    await worker.terminate();
    await source.return?.();
  }
}

/**
 * Starts the worker: the compiled .js beside this file, or the .ts source through tsx's API
 * when this file runs from source (tsx, vitest), with the project's tsconfig for its path
 * aliases. (A worker's `--import tsx` does not apply its loader on Node 20.)
 */
function startWorker(data: WorkerInput): Worker {
  const fromSource = new URL(import.meta.url).pathname.endsWith('.ts');
  // A young generation as large as the main thread's: the worker makes short-lived objects by the million.
  const resourceLimits = { maxYoungGenerationSizeMb: 64 };
  if (!fromSource) return new Worker(new URL('./case-import-worker.js', import.meta.url), { workerData: data, resourceLimits });
  const script = new URL('./case-import-worker.ts', import.meta.url).href;
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
  const boot = `import(${JSON.stringify(api)}).then((api) => api.tsImport(${JSON.stringify(script)}, { parentURL: ${JSON.stringify(script)}, tsconfig: ${JSON.stringify(tsconfig)} }))`;
  return new Worker(boot, { eval: true, workerData: data, resourceLimits });
}
