/**
 * The cockpit's one-read overview (`getCaseOverview`) and the roll-up answer of month splits
 * below a town must give exactly the figures of the reads they replace: three `getCaseMetrics`
 * calls, the region's own cases, and `listCases` totals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '@/domains/demo/demo-cases.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import type { CaseMetrics } from '@/shared/case-metrics-view.js';
import { seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { checkRollups, countReceivedCases, getCaseMetrics, getCaseOverview } from './case-metrics-service.js';
import { listCases } from './cases-service.js';

let t: TestDatabase;
const district = '330109';
const actor: Actor = { ...systemActor('test:overview'), districtCode: district, regionCode: district, regionPath: `/${district}/` };
/** One region of each level on the way down to a micro-grid that has cases, and an area with them. */
let path: { code: string; level: string }[];
const NOW = new Date('2026-01-20T04:00:00Z');

/** The floating sums (超时倍数, mean minutes) may differ in their last bits with the order of addition. */
function close(a: CaseMetrics, b: CaseMetrics): void {
  const { overtimeRatio: ra, avgCloseWorkingMinutes: ma, ...restA } = a;
  const { overtimeRatio: rb, avgCloseWorkingMinutes: mb, ...restB } = b;
  expect(restA).toEqual(restB);
  for (const [x, y] of [[ra, rb], [ma, mb]] as const) {
    if (x === null || y === null) expect(x).toBe(y);
    else expect(x).toBeCloseTo(y, 9);
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  // Cases over the weeks before 20 January 2026: the year and the 12-month trend differ.
  await seedDemoCases({ db: t.ctx.db, cache: t.ctx.cases, districtCode: district, count: 160, now: NOW, seed: 7 });
  const busiest = await t.ctx.db
    .selectFrom('cases')
    .select(['region_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where('region_code', 'is not', null)
    .where((eb) => eb(eb.fn('length', ['region_code']), '=', 17))
    .groupBy('region_path')
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();
  const codes = busiest.region_path.split('/').filter(Boolean);
  const regions = await t.ctx.db.selectFrom('regions').select(['code', 'level']).where('code', 'in', codes).execute();
  path = codes.map((code) => regions.find((r) => r.code === code) as { code: string; level: string });
  const paths = (await t.ctx.db.selectFrom('cases').select('region_path').distinct().execute()).map((r) => r.region_path);
  const areas = await t.ctx.db.selectFrom('regions').select(['code', 'level', 'path']).where('level', '=', 'area').orderBy('code').execute();
  const area = areas.find((a) => paths.some((p) => p.startsWith(a.path)));
  if (area && !path.some((p) => p.code === area.code)) path.push({ code: area.code, level: area.level });
}, 240_000);
afterAll(async () => t?.close());

describe('getCaseOverview', () => {
  it('covers a district, town, community, grid and micro-grid with cases (and an area)', () => {
    expect(path.map((p) => p.level)).toEqual(expect.arrayContaining(['district', 'town', 'community', 'grid', 'microgrid']));
  });

  it('gives the month, the year by child region and the trend of the three metrics reads, at every level', async () => {
    const deps = { db: t.ctx.db, cache: t.ctx.cases, actor };
    for (const { code } of path) {
      for (const [month, yearFrom, trendFrom] of [
        ['2026-01', '2026-01', '2025-02'],
        ['2025-12', '2025-01', '2025-01'],
      ] as const) {
        const overview = await getCaseOverview({ ...deps, region: code, month, yearFrom, trendFrom });
        const monthReport = await getCaseMetrics({ ...deps, region: code, from: month, to: month, groupBy: 'month' });
        const yearByMonth = await getCaseMetrics({ ...deps, region: code, from: yearFrom, to: month, groupBy: 'month' });
        const trend = await getCaseMetrics({ ...deps, region: code, from: trendFrom, to: month, groupBy: 'month' });
        close(overview.monthTotals, monthReport.totals);
        close(overview.yearTotals, yearByMonth.totals);
        expect(overview.trend.map((g) => g.month)).toEqual(trend.groups.map((g) => g.key));
        overview.trend.forEach((g, i) => close(g.metrics, trend.groups[i]?.metrics as CaseMetrics));
        if (overview.region.level !== 'microgrid') {
          const yearByRegion = await getCaseMetrics({ ...deps, region: code, from: yearFrom, to: month, groupBy: 'region' });
          expect(overview.yearByChild.map((g) => [g.key, g.label])).toEqual(yearByRegion.groups.map((g) => [g.key, g.label]));
          overview.yearByChild.forEach((g, i) => close(g.metrics, yearByRegion.groups[i]?.metrics as CaseMetrics));
        } else {
          expect(overview.yearByChild).toEqual([]);
        }
      }
    }
    expect((await checkRollups({ db: t.ctx.db, districtCode: district })).differences).toEqual([]);
  });

  it('has some cases in the figures it compares (the comparison is not of zeros)', async () => {
    const deps = { db: t.ctx.db, cache: t.ctx.cases, actor };
    const leaf = path.find((p) => p.level === 'microgrid') as { code: string };
    const overview = await getCaseOverview({ ...deps, region: leaf.code, month: '2026-01', yearFrom: '2025-01', trendFrom: '2025-01' });
    expect(overview.yearTotals.received).toBeGreaterThan(0);
  });
});

describe('month splits below a town from the grid roll-up', () => {
  it('equal the region’s own cases (the category split still scans them)', async () => {
    const deps = { db: t.ctx.db, cache: t.ctx.cases, actor };
    for (const { code, level } of path) {
      if (level === 'district' || level === 'town' || level === 'microgrid') continue;
      const byMonth = await getCaseMetrics({ ...deps, region: code, from: '2025-01', to: '2026-12', groupBy: 'month' });
      const byCategory = await getCaseMetrics({ ...deps, region: code, from: '2025-01', to: '2026-12', groupBy: 'category' });
      expect(byMonth.source).toBe('rollup');
      expect(byCategory.source).toBe('cases');
      expect(byMonth.totals.received).toBeGreaterThan(0);
      close(byMonth.totals, byCategory.totals);
    }
  });
});

describe('countReceivedCases', () => {
  it('counts what listCases totals for the same days, at every level', async () => {
    const deps = { db: t.ctx.db, cache: t.ctx.cases, actor };
    const days = await t.ctx.db.selectFrom('cases').select('received_at').orderBy('received_at', 'desc').limit(1).executeTakeFirstOrThrow();
    const last = new Date(new Date(days.received_at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const { code } of path) {
      for (const [from, to] of [
        [last, last],
        ['2025-12-01', last],
      ] as const) {
        const listed = await listCases({ ...deps, filters: { region: code, from, to, page: 1, pageSize: 1 } });
        expect(await countReceivedCases({ ...deps, region: code, from, to })).toBe(listed.total);
      }
    }
    const all = await listCases({ ...deps, filters: { region: district, from: '2025-12-01', to: last, page: 1, pageSize: 1 } });
    expect(all.total).toBeGreaterThan(0);
  });
});
