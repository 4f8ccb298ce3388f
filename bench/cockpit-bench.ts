/**
 * Cockpit speed in headless Chromium (BENCH_ONLY=cockpit): the first meaningful screen of
 * /dashboard and each drill-down district → town → … → grid, over the demo district with
 * BENCH_COCKPIT_CASES cases (default 1,000,000).
 *
 * How the cases get there (the honest way, through the product): the real server starts
 * from the sources on a fresh PGlite data directory (first start: demo district, users, 300
 * cases through the workflow), then a synthetic 12345 export (bench/hotline-export.ts, points
 * at the centres of the demo micro-grids) goes through `POST /api/cases/import` — the bulk
 * import with routing, deadlines, roll-up and audit — in contiguous chunks of
 * BENCH_COCKPIT_CHUNK rows (default 50,000; smaller chunks pack too many months into one
 * batch). About 25 minutes per million rows on 2 cores; 100,000 takes a few minutes.
 *
 * Faster rounds: BENCH_COCKPIT_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)
 * runs the server on that PostgreSQL server in a database created for the run and dropped
 * after it; BENCH_COCKPIT_DATA_DIR keeps the data (the PGlite directory, or the database named
 * in the directory's cockpit-bench.json) so the next run reuses the cases it holds and imports
 * only the rest of the same export (same seed, same rows). Kept data keeps what the overdue
 * sweep has done too: imported cases arrive open and long past their deadlines, and until
 * the sweep (10,000 a minute) has marked them all, every mark moves the audit head and every
 * open cockpit reloads, so figures taken before then are taken under that load.
 *
 * BENCH_COCKPIT_NO_LIVE=1 blocks the live stream in the browser for such a run.
 *
 * Before the browser, the server's side of each screen: every request of the cockpit page
 * timed on its own (median of the runs) with its size, and the load average of the machine.
 *
 * "First meaningful screen" = from navigation start until the key figures are on screen and
 * the map of the child regions is drawn (`[data-testid=cockpit]` and the map's canvas for that
 * region). A drill-down = from the click until the child's figures and map are up. Figures
 * are medians of BENCH_COCKPIT_RUNS (default 5) after one warm-up; targets 1.5 s and 500 ms.
 * Set BENCH_COCKPIT_URL + BENCH_COCKPIT_PASSWORD (admin) to measure a running server instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { freePort } from '../test/helpers/server-process.js';
import { parseDemoLogins } from '../test/helpers/test-server.js';
import { writeHotlineExport } from './hotline-export.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const START_TIMEOUT_MS = 600_000;

interface Running {
  url: string;
  password: string;
  /** Cases the kept data already holds (imported by an earlier run), 0 for a fresh one. */
  seeded: number;
  engine: string;
  /** Remembers that `cases` are in the kept data (no-op for throwaway data). */
  remember(cases: number): void;
  stop(): Promise<void>;
}

/** What a kept data directory remembers between runs (BENCH_COCKPIT_DATA_DIR). */
interface KeptState {
  password: string;
  cases: number;
  database?: string;
}

const STATE_FILE = 'cockpit-bench.json';

/** Creates or drops a database on the PostgreSQL server of `serverUrl` (its own database stays untouched). */
async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const pg = (await import('pg')).default;
  const url = new URL(serverUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The real server from the sources. On PGlite (default) in a fresh data directory; with
 * BENCH_COCKPIT_DATABASE_URL on that PostgreSQL server, in a fresh database created here and
 * dropped afterwards. With BENCH_COCKPIT_DATA_DIR the data is kept (the PGlite directory, or
 * the PostgreSQL database named in its state file) and a later run reuses the cases it holds.
 */
async function startServer(): Promise<Running> {
  if (process.env.BENCH_COCKPIT_URL) {
    return { url: process.env.BENCH_COCKPIT_URL, password: process.env.BENCH_COCKPIT_PASSWORD ?? '', seeded: -1, engine: 'given server', remember: () => undefined, stop: async () => undefined };
  }
  const kept = process.env.BENCH_COCKPIT_DATA_DIR;
  const serverUrl = process.env.BENCH_COCKPIT_DATABASE_URL;
  if (kept) mkdirSync(kept, { recursive: true });
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'shuzhi-cockpit-bench-'));
  const statePath = join(dataDir, STATE_FILE);
  const state = kept && existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as KeptState) : null;
  let databaseUrl: string | undefined;
  let database: string | undefined;
  if (serverUrl) {
    database = state?.database ?? `shuzhi_cockpit_bench_${process.pid}_${Date.now()}`;
    if (!state) await adminQuery(serverUrl, `create database ${database}`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SHUZHI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SHUZHI_BODY_LIMIT_MB: '256' };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (kept) return;
    rmSync(dataDir, { recursive: true, force: true });
    if (serverUrl && database) await adminQuery(serverUrl, `drop database if exists ${database}`);
  };
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    const admin = parseDemoLogins(output).find((a) => a.username === 'admin');
    const password = admin?.password ?? (state && output.includes('已启动') ? state.password : undefined);
    if (password) {
      const remember = (cases: number) => {
        if (kept) writeFileSync(statePath, JSON.stringify({ password, cases, database } satisfies KeptState));
      };
      if (!state) remember(0);
      return { url, password, seeded: state?.cases ?? 0, engine: databaseUrl ? `PostgreSQL (${database})` : 'PGlite', remember, stop };
    }
    if (child.exitCode !== null || Date.now() - t0 > START_TIMEOUT_MS) {
      await stop();
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function api<T>(url: string, cookie: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${url}${path}`, { ...init, headers: { cookie, ...(init.headers ?? {}) } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

/** Points at the centres of the micro-grids' boxes, names of the towns, the active minor classes. */
async function exportInputs(url: string, cookie: string) {
  const geo = await api<{ features: { geometry: { coordinates: unknown } | null }[] }>(url, cookie, '/api/regions/geojson?within=330109&level=microgrid');
  const flat = (c: unknown): number[][] => (Array.isArray(c) && typeof c[0] === 'number' ? [c as number[]] : Array.isArray(c) ? c.flatMap(flat) : []);
  const points = geo.features.flatMap((f) => {
    const all = flat(f.geometry?.coordinates);
    if (all.length === 0) return [];
    const lons = all.map((p) => p[0] as number);
    const lats = all.map((p) => p[1] as number);
    return [[(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2] as [number, number]];
  });
  const towns = await api<{ cockpit: { children: { name: string }[] } }>(url, cookie, '/api/cockpit?region=330109');
  const services = await api<{ services: { code: string }[] }>(url, cookie, '/api/public/portal/services');
  return { points, townNames: towns.cockpit.children.map((c) => c.name), categoryCodes: services.services.map((s) => s.code) };
}

/** Sends the export in contiguous chunks through the bulk import. */
async function importExport(url: string, cookie: string, path: string, chunk: number, skip = 0, onChunk: (rows: number) => void = () => undefined): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let header: string | null = null;
  let rows: string[] = [];
  let imported = 0;
  let sent = 0;
  let skipped = 0;
  const send = async () => {
    if (rows.length === 0) return;
    const body = `${header}\n${rows.join('\n')}\n`;
    sent += rows.length;
    rows = [];
    const report = await api<{ imported: number }>(url, cookie, '/api/cases/import?format=csv&name=bench.csv', { method: 'POST', body, headers: { 'content-type': 'text/csv' } });
    imported += report.imported;
    onChunk(sent);
    process.stdout.write(`\r  imported ${imported.toLocaleString('en-US')} cases`);
  };
  for await (const line of lines) {
    if (header === null) header = line;
    else if (line && skipped < skip) skipped += 1;
    else if (line) {
      rows.push(line);
      if (rows.length >= chunk) await send();
    }
  }
  await send();
  process.stdout.write('\n');
  return imported;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface CockpitAnswer {
  cockpit: { region: { code: string; level: string }; childLevel: string | null; children: { code: string }[]; redList: { code: string }[] };
}

/**
 * The server's side of each screen on the drill-down path: each request the cockpit page
 * makes, timed from this process (median of `runs`), with the answer's size. It tells the
 * server's share of a screen from the browser's.
 */
async function measureApi(url: string, cookie: string, runs: number): Promise<void> {
  const timed = async (path: string): Promise<{ ms: number; first: number; bytes: number; body: string }> => {
    const times: number[] = [];
    let body = '';
    for (let i = 0; i < runs; i += 1) {
      const start = performance.now();
      const response = await fetch(`${url}${path}`, { headers: { cookie } });
      body = await response.text();
      if (!response.ok) throw new Error(`GET ${path} → ${response.status}: ${body.slice(0, 300)}`);
      times.push(performance.now() - start);
    }
    return { ms: median(times), first: times[0] as number, bytes: Buffer.byteLength(body), body };
  };
  console.log(`  API per screen (median of ${runs}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}):`);
  let code: string | null = '330109';
  while (code) {
    const cockpit = await timed(`/api/cockpit?region=${code}`);
    const answer = (JSON.parse(cockpit.body) as CockpitAnswer).cockpit;
    // The first read of a screen is computed; the next ones may be the server's few-second reuse.
    const parts = [`cockpit first ${cockpit.first.toFixed(0)} ms, median ${cockpit.ms.toFixed(0)} ms (${(cockpit.bytes / 1024).toFixed(0)} KB)`];
    const overdue = await timed(`/api/cockpit/overdue?region=${code}&limit=8`);
    parts.push(`overdue ${overdue.ms.toFixed(0)} ms`);
    const programmes = await timed(`/api/cockpit/programmes?region=${code}`);
    parts.push(`programmes ${programmes.ms.toFixed(0)} ms`);
    if (answer.childLevel) {
      const geo = await timed(`/api/regions/geojson?within=${code}&level=${answer.childLevel}`);
      parts.push(`geojson ${geo.ms.toFixed(0)} ms (${(geo.bytes / 1024).toFixed(0)} KB)`);
    }
    console.log(`    ${answer.region.level.padEnd(10)} ${parts.join(', ')}`);
    // The page's first row: the red list, then the other children (CockpitView's rankedChildren).
    code = answer.redList[0]?.code ?? answer.children[0]?.code ?? null;
  }
}

/** Waits until the cockpit of `code` (or any) shows its figures and its drawn map. */
async function screenReady(page: Page, code: string | null): Promise<void> {
  const region = code ? `[data-region-code="${code}"]` : '';
  await page.locator(`[data-testid=cockpit]${region}`).waitFor({ timeout: 60_000 });
  const drawn = code ?? ((await page.getByTestId('cockpit').getAttribute('data-region-code')) as string);
  const leaf = (await page.getByTestId('cockpit').getAttribute('data-level')) === 'microgrid';
  if (!leaf) await page.locator(`[data-testid=cockpit-map][data-region-code="${drawn}"] canvas`).first().waitFor({ timeout: 60_000 });
}

/** Runs the cockpit benchmark and prints its figures. */
export async function runCockpitBench(_url: string | undefined): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`cockpit  (no Chromium at ${CHROMIUM}: not measured)`);
    return;
  }
  const cases = Number(process.env.BENCH_COCKPIT_CASES ?? 1_000_000);
  const chunk = Number(process.env.BENCH_COCKPIT_CHUNK ?? 50_000);
  const runs = Number(process.env.BENCH_COCKPIT_RUNS ?? 5);
  const t0 = performance.now();
  const server = await startServer();
  console.log(`\ncockpit: ${cases.toLocaleString('en-US')} cases, headless Chromium, ${server.engine}`);
  const work = mkdtempSync(join(tmpdir(), 'shuzhi-cockpit-export-'));
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    console.log(`  server up in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: server.password }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    if (server.seeded > 0) console.log(`  kept data holds ${server.seeded.toLocaleString('en-US')} imported cases`);
    if (server.seeded >= 0 && cases > server.seeded) {
      const inputs = await exportInputs(server.url, cookie);
      let n = 0;
      const path = join(work, 'hotline.csv');
      // The same seed writes the same rows: kept data that holds the first `seeded` gets the rest.
      await writeHotlineExport(path, cases, { seed: 7, points: () => inputs.points[(n++ * 7919) % inputs.points.length] ?? null, categoryCodes: inputs.categoryCodes, townNames: inputs.townNames });
      const t1 = performance.now();
      const imported = await importExport(server.url, cookie, path, chunk, server.seeded, (done) => server.remember(server.seeded + done));
      console.log(`  import: ${imported.toLocaleString('en-US')} cases in ${((performance.now() - t1) / 1000).toFixed(0)} s (${Math.round(imported / ((performance.now() - t1) / 1000))} rows/s)`);
    }

    // The import leaves work behind (the overdue sweep marks the imported cases past their
    // deadline and raises notices): measure once the server answers promptly again.
    const settleStart = performance.now();
    for (let quick = 0; quick < 3 && performance.now() - settleStart < 1_800_000; ) {
      const t = performance.now();
      const ok = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(60_000) }).then((r) => r.ok).catch(() => false);
      quick = ok && performance.now() - t < 300 ? quick + 1 : 0;
      await new Promise((r) => setTimeout(r, 2000));
    }
    console.log(`  settled (overdue sweep done) after ${((performance.now() - settleStart) / 1000).toFixed(0)} s`);
    await measureApi(server.url, cookie, runs);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    // BENCH_COCKPIT_NO_LIVE=1: no live stream, so a sweep still marking imported cases (each
    // mark a change) does not reload the page while it is timed. Said in the output.
    const noLive = process.env.BENCH_COCKPIT_NO_LIVE === '1';
    if (noLive) await context.route('**/api/cockpit/live**', (route) => route.abort());
    const page = await context.newPage();

    // First meaningful screen: a fresh navigation each run (the bundle in the HTTP cache after the warm-up).
    const first: number[] = [];
    for (let i = 0; i <= runs; i += 1) {
      const start = performance.now();
      await page.goto(`${server.url}/dashboard/330109`);
      await screenReady(page, '330109');
      if (i > 0) first.push(performance.now() - start);
    }

    // Drill-downs: district → first town → … → grid, repeated; each step from the click.
    const steps = new Map<string, number[]>();
    for (let i = 0; i <= runs; i += 1) {
      await page.goto(`${server.url}/dashboard/330109`);
      await screenReady(page, '330109');
      let level = 'district';
      while (level !== 'grid' && level !== 'microgrid') {
        const child = page.getByTestId('cockpit-child').first();
        const code = (await child.getAttribute('data-code')) as string;
        const start = performance.now();
        await child.click();
        await screenReady(page, code);
        const took = performance.now() - start;
        const next = (await page.getByTestId('cockpit').getAttribute('data-level')) as string;
        const key = `${level} → ${next}`;
        if (i > 0) steps.set(key, [...(steps.get(key) ?? []), took]);
        level = next;
      }
    }
    const ok = (ms: number, target: number) => (ms <= target ? 'ok' : 'SLOW');
    console.log(`  load average while measuring the browser: ${loadavg().map((l) => l.toFixed(2)).join(' ')}${noLive ? ' (live stream blocked: BENCH_COCKPIT_NO_LIVE)' : ''}`);
    const f = median(first);
    console.log(`  first meaningful screen /dashboard (district): median ${f.toFixed(0)} ms, max ${Math.max(...first).toFixed(0)} ms  (target < 1500 ms: ${ok(f, 1500)})`);
    for (const [key, values] of steps) {
      const m = median(values);
      console.log(`  drill-down ${key.padEnd(22)} median ${m.toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms  (target < 500 ms: ${ok(m, 500)})`);
    }
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
