/**
 * Case metrics by region (any level), department, category, channel and month, read from the
 * maintained roll-up (STANDARDS.md §5), and the full recomputation that checks it.
 *
 * District and town queries sum a few hundred roll-up rows whatever the number of cases.
 * Below a town the roll-up still answers totals and the split by child region (it keeps
 * grids); other splits of a sub-town region, and anything about a single micro-grid, are
 * computed from that region's cases, which are few.
 */
import type { Db } from '@/db/database.js';
import type { CaseRollupCounters } from '@/db/schema.js';
import { districtOfActor, regionsUnder, resolveRegion, type RegionRef } from '@/domains/regions/regions-service.js';
import type { Actor } from '@/shared/actor.js';
import { CHANNEL_LABELS, type CaseChannel } from '@/shared/case-vocabulary.js';
import { AppError } from '@/shared/errors.js';
import { addCounters, COUNTERS, metricsOf, zeroCounters, type CaseMetrics } from './case-metrics.js';
import { RollupDeltas, rollupKeysOf, contributionOfRow, type CaseContextCache } from './cases-service.js';
import { listCasePage, listCaseRows, listRollupRows, replaceRollups, sumRollups, type RollupKey } from './cases-repository.js';

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
  const span = monthsBetween(from, to);
  if (span < 1) throw new AppError('VALIDATION_FAILED', 'from after to', { field: 'to', userMessage: '结束月份不能早于开始月份' });
  if (span > 120) throw new AppError('VALIDATION_FAILED', 'more than 120 months', { field: 'from', userMessage: '统计区间不能超过 120 个月' });
  const code = options.region ?? (actor.regionPath === '/' ? await districtOfActor({ db, actor }) : actor.regionCode);
  const region = await resolveRegion({ db, actor, code, field: 'region' });
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
