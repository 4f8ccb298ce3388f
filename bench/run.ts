/**
 * `npm run bench`: figures, not pass/fail. Prints the locator's throughput and p99 latency
 * on the standard demo district and on 100,000 micro-grids, and the time to import
 * 100,000 micro-grids (validation, write and audit) into a fresh database.
 *
 * It also prints the time to compute the status table of every indicator, region and
 * month of three years. Database figures run on PGlite and, when a server answers at
 * BENCH_DATABASE_URL (default: the local test server), on PostgreSQL in a throwaway schema.
 * BENCH_MICROGRIDS changes the large size.
 *
 * Then the cases benchmarks (bench/cases-bench.ts): bulk import of a BENCH_CASES-row hotline
 * export (default 1,000,000) against the database's own COPY, single-case intake over HTTP
 * with 16 clients, metrics p95 and the roll-up check, and peak memory.
 * Also ballots per second cast through the API by 154 concurrent deputies
 * (bench/ballot-bench.ts) and report extraction throughput (bench/reports-bench.ts).
 * BENCH_ONLY picks parts, comma-separated: core, ballots, reports, cases (or
 * `npm run bench -- --only=ballots,reports`); all by default.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { migrateToLatest, openDatabase, pingDatabase, type Database } from '@/db/database.js';
import type { StoredGeometry } from '@/db/schema.js';
import { generateDemoDistrict } from '@/domains/demo/demo-generator.js';
import { bboxOf } from '@/domains/regions/region-geometry.js';
import { RegionLocator } from '@/domains/regions/region-locator.js';
import { seedDemo } from '@/domains/demo/demo-service.js';
import { getStatus } from '@/domains/indicators/indicators-service.js';
import { importRegions, listDistrictAndTowns } from '@/domains/regions/regions-service.js';
import { systemActor } from '@/shared/actor.js';
import { runBallotBench } from './ballot-bench.js';
import { runCockpitBench } from './cockpit-bench.js';
import { runReportsBench } from './reports-bench.js';
import { runScorecardBench } from './scorecard-bench.js';
import { casesBenchOptionsFromEnv, isCasesBenchChild, runCasesBench, runCasesBenchChild } from './cases-bench.js';

const LARGE = Number(process.env.BENCH_MICROGRIDS ?? 100_000);
const LOOKUPS = 200_000;

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A seeded stream of points over a bounding box (xorshift, so runs compare). */
function points(bbox: [number, number, number, number], count: number): Float64Array {
  const out = new Float64Array(count * 2);
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
  for (let i = 0; i < count; i += 1) {
    out[2 * i] = bbox[0] + (bbox[2] - bbox[0]) * next();
    out[2 * i + 1] = bbox[1] + (bbox[3] - bbox[1]) * next();
  }
  return out;
}

interface LocatorFigures {
  microgrids: number;
  buildMs: number;
  perSecond: number;
  p50us: number;
  p99us: number;
  hitRate: number;
}

/** Benchmarks the locator over the micro-grids under `rootCode` of a generated district. */
function benchLocator(microgrids: number | undefined, rootCode: string): LocatorFigures {
  const district = generateDemoDistrict({ microgrids });
  const cells = district.features
    .filter((f) => f.level === 'microgrid' && f.code.startsWith(rootCode))
    .map((f) => ({ code: f.code, geometry: f.geometry as StoredGeometry }));
  const root = district.features.find((f) => f.code === rootCode);
  const bbox = bboxOf(root?.geometry as StoredGeometry);
  // Pad the box so that some points fall outside every micro-grid, as real reports do.
  const pad = (bbox[2] - bbox[0]) * 0.02;
  const sample = points([bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad], LOOKUPS);
  const started = performance.now();
  const locator = RegionLocator.build(cells);
  const buildMs = performance.now() - started;
  // Warm up, then time the whole batch for throughput and each call for latency.
  for (let i = 0; i < 20_000; i += 1) locator.locate(sample[2 * i]!, sample[2 * i + 1]!);
  let hits = 0;
  const t0 = performance.now();
  for (let i = 0; i < LOOKUPS; i += 1) if (locator.locate(sample[2 * i]!, sample[2 * i + 1]!)) hits += 1;
  const totalMs = performance.now() - t0;
  const latencies = new Float64Array(LOOKUPS);
  for (let i = 0; i < LOOKUPS; i += 1) {
    const a = process.hrtime.bigint();
    locator.locate(sample[2 * i]!, sample[2 * i + 1]!);
    latencies[i] = Number(process.hrtime.bigint() - a) / 1000;
  }
  latencies.sort();
  return {
    microgrids: cells.length,
    buildMs,
    perSecond: LOOKUPS / (totalMs / 1000),
    p50us: latencies[Math.floor(LOOKUPS * 0.5)]!,
    p99us: latencies[Math.floor(LOOKUPS * 0.99)]!,
    hitRate: hits / LOOKUPS,
  };
}

async function benchImport(label: string, open: () => Promise<Database>, microgrids: number | undefined): Promise<number> {
  const district = generateDemoDistrict({ microgrids });
  const collection = {
    type: 'FeatureCollection',
    features: district.features.map((f) => ({
      type: 'Feature',
      properties: { code: f.code, name: f.name, level: f.level, parent_code: f.parentCode ?? null },
      geometry: f.geometry ?? null,
    })),
  };
  const database = await open();
  try {
    await migrateToLatest(database.db, database.schema);
    const phases: Record<string, number> = {};
    const started = performance.now();
    const summary = await importRegions({
      db: database.db,
      actor: systemActor('bench'),
      collection,
      onPhase: (phase, done) => {
        if (done === 0) phases[phase] = performance.now();
      },
    });
    const ms = performance.now() - started;
    const validateMs = (phases.writing ?? started) - (phases.validating ?? started);
    console.log(
      `import   ${label.padEnd(10)} ${fmt(summary.created)} regions (${fmt(district.counts.microgrid)} micro-grids): ` +
        `${fmt(ms / 1000, 1)} s total (checks ${fmt(validateMs / 1000, 1)} s, write + audit ${fmt((ms - validateMs) / 1000, 1)} s), ` +
        `${fmt(summary.created / (ms / 1000))} regions/s`,
    );
    return ms;
  } finally {
    await database.close();
  }
}

/** BENCH_DATABASE_URL, or the local server CI and developers have, if it answers. */
async function reachableServer(): Promise<string | undefined> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  try {
    const probe = await openDatabase({ url, poolSize: 1 });
    await pingDatabase(probe.db);
    await probe.close();
    return url;
  } catch {
    console.log(`(no PostgreSQL server at ${url}: database figures on PGlite only)`);
    return undefined;
  }
}

/** Seeds the standard demo (regions, accounts, three years of figures) into `database`. */
async function seedForIndicators(database: Database): Promise<void> {
  await migrateToLatest(database.db, database.schema);
  await seedDemo({ db: database.db, actor: systemActor('bench') });
}

/**
 * The status table of every indicator for the district and each town in each of 36 months
 * (2024-01 … 2026-12), through the same service the API and CLI call.
 */
async function benchIndicatorStatus(label: string, open: () => Promise<Database>): Promise<void> {
  const database = await open();
  try {
    await seedForIndicators(database);
    const { district, towns } = await listDistrictAndTowns({ db: database.db, districtCode: '330109' });
    const regions = [district!.code, ...towns.map((t) => t.code)];
    const periods = [2024, 2025, 2026].flatMap((year) => Array.from({ length: 12 }, (_, i) => ({ year, month: i + 1 })));
    const actor = systemActor('bench');
    // One warm-up table, then the timed run.
    await getStatus({ db: database.db, actor, regionCode: regions[0]!, period: periods[0] });
    const times: number[] = [];
    let cells = 0;
    const started = performance.now();
    for (const region of regions) {
      for (const period of periods) {
        const t0 = performance.now();
        const status = await getStatus({ db: database.db, actor, regionCode: region, period });
        times.push(performance.now() - t0);
        cells += status.rows.length;
      }
    }
    const totalMs = performance.now() - started;
    times.sort((a, b) => a - b);
    console.log(
      `status   ${label.padEnd(10)} ${fmt(cells)} indicator-months (${status20(cells, regions.length, periods.length)}): ` +
        `${fmt(totalMs, 0)} ms in all, ${fmt(totalMs / times.length, 1)} ms per table, p95 ${fmt(times[Math.floor(times.length * 0.95)]!, 1)} ms`,
    );
  } finally {
    await database.close();
  }
}

function status20(cells: number, regions: number, periods: number): string {
  return `${cells / regions / periods} indicators × ${regions} regions × ${periods} months`;
}

/** The parts of the benchmark, in the order they run. */
const PARTS = ['core', 'ballots', 'reports', 'cockpit', 'cases'] as const;
type Part = (typeof PARTS)[number];

/** Which parts to run: BENCH_ONLY=core|ballots|reports|cockpit|cases (comma-separated) or --only=…; all by default. */
function selectedParts(): Record<Part, boolean> {
  const flag = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const only = (flag ?? process.env.BENCH_ONLY ?? '').trim().toLowerCase();
  const all = only === '' || only === 'all';
  const chosen = new Set(all ? PARTS : only.split(',').map((p) => p.trim()));
  for (const part of chosen) {
    if (!(PARTS as readonly string[]).includes(part)) throw new Error(`BENCH_ONLY parts are ${PARTS.join(', ')} or all, not ${part}`);
  }
  return Object.fromEntries(PARTS.map((p) => [p, chosen.has(p)])) as Record<Part, boolean>;
}

async function main(): Promise<void> {
  const parts = selectedParts();
  const url = await reachableServer();
  if (parts.core) await runCoreBench(url);
  if (parts.ballots) await runBallotBench(url);
  if (parts.reports) {
    await runReportsBench();
    await runScorecardBench();
  }
  if (parts.cockpit) await runCockpitBench(url);
  if (parts.cases) await runCasesBench(casesBenchOptionsFromEnv(url));
}

async function runCoreBench(url: string | undefined): Promise<void> {
  console.log(`Shuzhi benchmarks — node ${process.version}, ${LOOKUPS.toLocaleString()} lookups per locator\n`);
  // The demo town is Guali (瓜沥镇, 1,644 micro-grids); the large case is a whole district.
  const small = benchLocator(undefined, '330109112');
  const large = benchLocator(LARGE, '330109');
  for (const f of [small, large]) {
    console.log(
      `locator  ${fmt(f.microgrids).padStart(7)} micro-grids: build ${fmt(f.buildMs, 1)} ms, ` +
        `${fmt(f.perSecond)} lookups/s, p50 ${fmt(f.p50us, 2)} µs, p99 ${fmt(f.p99us, 2)} µs, ${fmt(f.hitRate * 100, 1)}% inside`,
    );
  }
  console.log(
    `ratio    ${fmt(large.microgrids / small.microgrids, 1)}× the micro-grids: throughput ×${fmt(large.perSecond / small.perSecond, 2)}, ` +
      `p99 ×${fmt(large.p99us / small.p99us, 2)}\n`,
  );
  const demoMs = await benchImport('PGlite', () => openDatabase({ dataDir: 'memory://' }), undefined);
  const largeMs = await benchImport('PGlite', () => openDatabase({ dataDir: 'memory://' }), LARGE);
  console.log(`ratio    import of the ${fmt(LARGE)}-micro-grid district vs the standard demo district: ×${fmt(largeMs / demoMs, 1)} the time`);
  const schemas: string[] = [];
  const onServer = () => {
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    schemas.push(schema);
    return openDatabase({ url, schema });
  };
  if (url) await benchImport('PostgreSQL', onServer, LARGE);
  console.log('');
  await benchIndicatorStatus('PGlite', () => openDatabase({ dataDir: 'memory://' }));
  if (url) await benchIndicatorStatus('PostgreSQL', onServer);
  if (url) {
    const cleanup = await openDatabase({ url });
    for (const schema of schemas) await cleanup.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await cleanup.close();
  }
  console.log('');
}

// The cases bench runs each engine in a child process started from this same entry.
if (isCasesBenchChild()) await runCasesBenchChild();
else await main();
