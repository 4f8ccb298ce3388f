/**
 * Case metrics by region (any level), department, category, channel and month, read from the
 * maintained roll-up (STANDARDS.md §5), and the full recomputation that checks it.
 *
 * District and town queries sum a few hundred roll-up rows whatever the number of cases.
 * Below a town the roll-up still answers totals, the split by month and the split by child
 * region: it keeps grids, and every case below a town lies in a micro-grid of some grid, so
 * the grid rows under an area, community or grid are exactly that region's cases. Other
 * splits of a sub-town region, and anything about a single micro-grid, are computed from
 * that region's cases, which are few.
 */
import type { Db } from '@/db/database.js';
import type { CaseRollupCounters } from '@/db/schema.js';
import { districtOfActor, regionsUnder, resolveRegion, type RegionRef } from '@/domains/regions/regions-service.js';
import type { Actor } from '@/shared/actor.js';
import { CHANNEL_LABELS, type CaseChannel } from '@/shared/case-vocabulary.js';
import { AppError } from '@/shared/errors.js';
import { addCounters, COUNTERS, metricsOf, zeroCounters, type CaseMetrics } from './case-metrics.js';
import { RollupDeltas, rollupKeysOf, contributionOfRow, type CaseContextCache } from './cases-service.js';
import { countReceivedCases as countCaseRows, listCasePage, listCaseRows, listRollupRows, replaceRollups, sumRollups, type RollupKey } from './cases-repository.js';

/** How metrics are split. */
export type MetricsGroupBy = 'region' | 'department' | 'category' | 'channel' | 'month';

/** The answer of a metrics query. */
export interface MetricsReport {
  region: { code: string; name: string; level: string };
  from: string;
  to: string;
  groupBy: MetricsGroupBy;
  totals: CaseMetrics;
  groups: { key: string; label: string; metrics: CaseMetrics }[];
  /** Where the numbers came from: the roll-up, or the region's cases. */
  source: 'rollup' | 'cases';
}

type Sums = Map<string, CaseRollupCounters>;

function add(sums: Sums, key: string, counters: CaseRollupCounters): void {
  let entry = sums.get(key);
  if (!entry) {
    entry = zeroCounters();
    sums.set(key, entry);
  }
  addCounters(entry, counters);
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** Refuses a month range that runs backwards or spans more than 120 months. */
function assertMonthSpan(from: string, to: string): void {
  const span = monthsBetween(from, to);
  if (span < 1) throw new AppError('VALIDATION_FAILED', 'from after to', { field: 'to', userMessage: '结束月份不能早于开始月份' });
  if (span > 120) throw new AppError('VALIDATION_FAILED', 'more than 120 months', { field: 'from', userMessage: '统计区间不能超过 120 个月' });
}

/** The region a figure is asked for, or the actor's own (the district for the platform). */
async function regionOfMetrics(options: { db: Db; actor: Actor; region?: string }): Promise<RegionRef> {
  const { db, actor } = options;
  const code = options.region ?? (actor.regionPath === '/' ? await districtOfActor({ db, actor }) : actor.regionCode);
  return resolveRegion({ db, actor, code, field: 'region' });
}

/** The metrics of a region over months, split one way. */
export async function getCaseMetrics(options: {
  db: Db;
  cache: CaseContextCache;
  actor: Actor;
  region?: string;
  from: string;
  to: string;
  groupBy: MetricsGroupBy;
}): Promise<MetricsReport> {
  const { db, cache, actor, from, to, groupBy } = options;
  assertMonthSpan(from, to);
  const region = await regionOfMetrics({ db, actor, region: options.region });
  const context = await cache.get(region.districtCode);
  const sums: Sums = new Map();
  let source: MetricsReport['source'] = 'rollup';
  const base = { districtCode: region.districtCode, fromMonth: from, toMonth: to };

  if (region.level === 'district' || region.level === 'town') {
    const townCode = region.level === 'town' ? region.code : undefined;
    if (groupBy === 'region' && region.level === 'district') {
      for (const r of await sumRollups(db, { ...base, dim: 'channel', groupBy: ['town_code'] })) add(sums, r.town_code ?? '', r);
    } else if (groupBy === 'region') {
      const childOf = await childMap(cache, region);
      for (const r of await sumRollups(db, { ...base, dim: 'grid', townCode, groupBy: ['key'] })) add(sums, childOf(r.key ?? ''), r);
    } else if (groupBy === 'month') {
      for (const r of await sumRollups(db, { ...base, dim: 'channel', townCode, groupBy: ['month'] })) add(sums, r.month ?? '', r);
    } else {
      for (const r of await sumRollups(db, { ...base, dim: groupBy, townCode, groupBy: ['key'] })) add(sums, r.key ?? '', r);
    }
  } else if (region.level !== 'microgrid' && groupBy === 'month') {
    const { townCode, grids } = await gridsUnder(cache, region);
    for (const r of await sumRollups(db, { ...base, dim: 'grid', townCode, keys: grids, groupBy: ['month'] })) add(sums, r.month ?? '', r);
  } else if (region.level !== 'microgrid' && groupBy === 'region') {
    // Cases placed only on the town belong to no region below it.
    const childOf = await childMap(cache, region, OUTSIDE);
    const townCode = region.path.split('/')[2] ?? '';
    for (const r of await sumRollups(db, { ...base, dim: 'grid', townCode, groupBy: ['key'] })) {
      const child = childOf(r.key ?? '');
      if (child !== OUTSIDE) add(sums, child, r);
    }
  } else {
    source = 'cases';
    await scanRegion(db, region, from, to, (row) => {
      const key = keyOf(row, groupBy);
      add(sums, key, contributionOfRow(row as never));
    });
  }

  const totals = zeroCounters();
  for (const counters of sums.values()) addCounters(totals, counters);
  const labels = await labeller(cache, region, groupBy, context.catalogue.byCode, context.departments);
  const groups = [...sums.entries()]
    .map(([key, counters]) => ({ key, label: labels(key), metrics: metricsOf(counters) }))
    .sort((a, b) => (groupBy === 'month' ? a.key.localeCompare(b.key) : b.metrics.received - a.metrics.received || a.key.localeCompare(b.key)));
  return { region: { code: region.code, name: region.name, level: region.level }, from, to, groupBy, totals: metricsOf(totals), groups, source };
}

const OUTSIDE = '\u0000outside';

/** The town of a region below a town, and the codes of the grids under it (the grid roll-up's keys). */
async function gridsUnder(cache: CaseContextCache, region: RegionRef): Promise<{ townCode: string; grids: string[] }> {
  const townCode = region.path.split('/')[2] ?? '';
  const grids = (await regionsUnder({ cache: cache.locator, pathPrefix: region.path })).filter((r) => r.level === 'grid').map((r) => r.code);
  return { townCode, grids };
}

/** A region's case figures as a cockpit shows them, from one read. */
export interface CaseOverview {
  region: { code: string; name: string; level: string };
  month: string;
  /** The month alone (what `getCaseMetrics` answers for `from = to = month`). */
  monthTotals: CaseMetrics;
  yearFrom: string;
  /** `yearFrom` to `month` in total. */
  yearTotals: CaseMetrics;
  /** `yearFrom` to `month` by child region, as `getCaseMetrics` groups by region; empty for a micro-grid. */
  yearByChild: MetricsReport['groups'];
  trendFrom: string;
  /** `trendFrom` to `month` by month (months without cases left out), oldest first. */
  trend: { month: string; metrics: CaseMetrics }[];
  source: MetricsReport['source'];
}

/**
 * The month, the year to date (in total and by child region) and the trend of a region, the
 * same figures as three `getCaseMetrics` calls (month; year by region; trend by month) give,
 * from ONE roll-up read grouped by child and month: the district's rows by town, a town's or
 * a sub-town region's grid rows. A micro-grid's cases are scanned once.
 */
export async function getCaseOverview(options: {
  db: Db;
  cache: CaseContextCache;
  actor: Actor;
  region?: string;
  month: string;
  yearFrom: string;
  trendFrom: string;
}): Promise<CaseOverview> {
  const { db, cache, actor, month, yearFrom, trendFrom } = options;
  const from = yearFrom < trendFrom ? yearFrom : trendFrom;
  assertMonthSpan(from, month);
  const region = await regionOfMetrics({ db, actor, region: options.region });
  const byMonth: Sums = new Map();
  const byChild: Sums = new Map();
  const base = { districtCode: region.districtCode, fromMonth: from, toMonth: month };
  const count = (child: string | null, rowMonth: string, counters: CaseRollupCounters) => {
    add(byMonth, rowMonth, counters);
    if (child !== null && rowMonth >= yearFrom) add(byChild, child, counters);
  };
  let source: MetricsReport['source'] = 'rollup';
  if (region.level === 'district') {
    for (const r of await sumRollups(db, { ...base, dim: 'channel', groupBy: ['town_code', 'month'] })) count(r.town_code ?? '', r.month ?? '', r);
  } else if (region.level === 'town') {
    const childOf = await childMap(cache, region);
    for (const r of await sumRollups(db, { ...base, dim: 'grid', townCode: region.code, groupBy: ['key', 'month'] })) count(childOf(r.key ?? ''), r.month ?? '', r);
  } else if (region.level !== 'microgrid') {
    const [{ townCode, grids }, childOf] = await Promise.all([gridsUnder(cache, region), childMap(cache, region, OUTSIDE)]);
    for (const r of await sumRollups(db, { ...base, dim: 'grid', townCode, keys: grids, groupBy: ['key', 'month'] })) {
      const child = childOf(r.key ?? '');
      count(child === OUTSIDE ? null : child, r.month ?? '', r);
    }
  } else {
    source = 'cases';
    await scanRegion(db, region, from, month, (row) => count(null, keyOf(row, 'month'), contributionOfRow(row as never)));
  }

  const sumOf = (months: (m: string) => boolean) => {
    const total = zeroCounters();
    for (const [m, counters] of byMonth) if (months(m)) addCounters(total, counters);
    return metricsOf(total);
  };
  const context = await cache.get(region.districtCode);
  const labels = await labeller(cache, region, 'region', context.catalogue.byCode, context.departments);
  const yearByChild = [...byChild.entries()]
    .map(([key, counters]) => ({ key, label: labels(key), metrics: metricsOf(counters) }))
    .sort((a, b) => b.metrics.received - a.metrics.received || a.key.localeCompare(b.key));
  const trend = [...byMonth.entries()]
    .filter(([m]) => m >= trendFrom)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([m, counters]) => ({ month: m, metrics: metricsOf(counters) }));
  return {
    region: { code: region.code, name: region.name, level: region.level },
    month,
    monthTotals: sumOf((m) => m === month),
    yearFrom,
    yearTotals: sumOf((m) => m >= yearFrom),
    yearByChild,
    trendFrom,
    trend,
    source,
  };
}

/** Maps a grid code to the child of `region` that holds it ('' for none, OUTSIDE when not under it). */
async function childMap(cache: CaseContextCache, region: RegionRef, unplaced = ''): Promise<(grid: string) => string> {
  const depth = region.path.split('/').filter(Boolean).length;
  const grids = new Map<string, string>();
  for (const r of await regionsUnder({ cache: cache.locator, pathPrefix: region.path })) {
    if (r.level === 'grid') grids.set(r.code, r.path.split('/').filter(Boolean)[depth] ?? r.code);
  }
  return (grid) => (grid === '' ? unplaced : (grids.get(grid) ?? OUTSIDE));
}

async function scanRegion(db: Db, region: RegionRef, from: string, to: string, visit: (row: Parameters<typeof rollupKeysOf>[0] & Record<string, unknown>) => void): Promise<void> {
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const end = new Date(`${tm === 12 ? ty + 1 : ty}-${String(tm === 12 ? 1 : tm + 1).padStart(2, '0')}-01T00:00:00+08:00`);
  let offset = 0;
  for (;;) {
    const { rows } = await listCaseRows(db, {
      pathPrefix: region.path,
      districtCode: region.districtCode,
      receivedFrom: new Date(`${from}-01T00:00:00+08:00`),
      receivedTo: end,
      sort: 'received_asc',
      limit: 5000,
      offset,
    });
    for (const row of rows) visit(row as never);
    if (rows.length < 5000) return;
    offset += rows.length;
  }
}

function keyOf(row: Parameters<typeof rollupKeysOf>[0], groupBy: MetricsGroupBy): string {
  const keys = rollupKeysOf(row);
  switch (groupBy) {
    case 'region':
      return row.region_code ?? '';
    case 'month':
      return keys[0]?.month ?? '';
    case 'department':
      return row.department_code ?? '';
    case 'category':
      return row.category_code ?? '';
    case 'channel':
      return row.channel;
  }
}

async function labeller(
  cache: CaseContextCache,
  region: RegionRef,
  groupBy: MetricsGroupBy,
  categories: Map<string, { name: string }>,
  departments: Map<string, string>,
): Promise<(key: string) => string> {
  switch (groupBy) {
    case 'region': {
      const names = new Map((await regionsUnder({ cache: cache.locator, pathPrefix: region.path })).map((r) => [r.code, r.name]));
      return (key) => (key === '' ? '未定位' : (names.get(key) ?? key));
    }
    case 'department':
      return (key) => (key === '' ? '未指定部门' : (departments.get(key) ?? key));
    case 'category':
      return (key) => (key === '' ? '未分类' : (categories.get(key)?.name ?? key));
    case 'channel':
      return (key) => CHANNEL_LABELS[key as CaseChannel] ?? key;
    case 'month':
      return (key) => key;
  }
}

/**
 * How many cases of a region (the actor's own by default) were received on the calendar days
 * `from` to `to` (YYYY-MM-DD, China time), counted without reading them: the same number as
 * `listCases` with these filters totals.
 */
export async function countReceivedCases(options: { db: Db; actor: Actor; region?: string; from: string; to: string }): Promise<number> {
  const { db, actor } = options;
  const region = await regionOfMetrics({ db, actor, region: options.region });
  const receivedFrom = new Date(`${options.from}T00:00:00+08:00`);
  const receivedTo = new Date(new Date(`${options.to}T00:00:00+08:00`).getTime() + 86_400_000);
  // Every case of a district lies under the district's path: below it the path narrows.
  const pathPrefix = region.level === 'district' ? undefined : region.path;
  return countCaseRows(db, { districtCode: region.districtCode, pathPrefix, receivedFrom, receivedTo });
}

/** The outcome of comparing the roll-up with a recomputation. */
export interface RollupCheck {
  cases: number;
  rows: number;
  differences: { key: RollupKey; stored: Partial<CaseRollupCounters>; recomputed: Partial<CaseRollupCounters> }[];
  rebuilt: boolean;
}

/**
 * Recomputes a district's roll-up from its cases and compares it with the stored one; with
 * `rebuild`, replaces the stored one with the recomputation.
 */
export async function checkRollups(options: { db: Db; districtCode: string; rebuild?: boolean }): Promise<RollupCheck> {
  const { db, districtCode } = options;
  const deltas = new RollupDeltas();
  let cases = 0;
  let after = 0;
  for (;;) {
    const page = await listCasePage(db, districtCode, after, 5000);
    for (const row of page) deltas.add(row, 1);
    cases += page.length;
    if (page.length < 5000) break;
    after = (page[page.length - 1] as { id: number }).id;
  }
  const recomputed = new Map(deltas.rows().map((r) => [`${r.dim}|${r.month}|${r.town_code}|${r.key}`, r]));
  const stored = new Map((await listRollupRows(db, districtCode)).map((r) => [`${r.dim}|${r.month}|${r.town_code}|${r.key}`, r]));
  const differences: RollupCheck['differences'] = [];
  for (const id of new Set([...recomputed.keys(), ...stored.keys()])) {
    const a = stored.get(id);
    const b = recomputed.get(id);
    const diff = COUNTERS.filter((c) => Math.abs((a?.[c] ?? 0) - (b?.counters[c] ?? 0)) > 1e-6);
    if (diff.length > 0) {
      const [dim, month, town_code, key] = id.split('|') as [RollupKey['dim'], string, string, string];
      differences.push({
        key: { dim, month, town_code, key },
        stored: Object.fromEntries(diff.map((c) => [c, a?.[c] ?? 0])),
        recomputed: Object.fromEntries(diff.map((c) => [c, b?.counters[c] ?? 0])),
      });
    }
  }
  let rebuilt = false;
  if (options.rebuild && differences.length > 0) {
    await db.transaction().execute((tx) => replaceRollups(tx, districtCode, [...recomputed.values()]));
    rebuilt = true;
  }
  return { cases, rows: recomputed.size, differences, rebuilt };
}
