import { describe, expect, it } from 'vitest';
import { REGION_LEVELS, parseRegionCode, townKind, type RegionLevel } from '@/domains/regions/region-codes.js';
import { planRegionImport, type ImportFeature } from '@/domains/regions/region-import-plan.js';
import { ROLES } from '@/shared/actor.js';
import { DEMO_DEFAULT_SEED, generateDemoDistrict, type DemoDistrict } from './demo-generator.js';

interface Ring {
  coordinates: number[][][];
}

/** The standard demo, generated once: it is deterministic, so sharing it is safe. */
const demo = generateDemoDistrict();

function byCode(district: DemoDistrict): Map<string, ImportFeature> {
  return new Map(district.features.map((f) => [f.code, f]));
}

function townNamed(district: DemoDistrict, name: string): ImportFeature {
  const town = district.features.find((f) => f.level === 'town' && f.name === name);
  if (!town) throw new Error(`no town ${name}`);
  return town;
}

/** Every feature under `code` (any depth), using parent codes. */
function descendants(district: DemoDistrict, code: string): ImportFeature[] {
  const children = new Map<string, ImportFeature[]>();
  for (const f of district.features) {
    const list = children.get(f.parentCode ?? '') ?? [];
    list.push(f);
    children.set(f.parentCode ?? '', list);
  }
  const out: ImportFeature[] = [];
  const stack = [code];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop() as string) ?? []) {
      out.push(child);
      stack.push(child.code);
    }
  }
  return out;
}

function countLevels(features: ImportFeature[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of features) counts[f.level ?? '?'] = (counts[f.level ?? '?'] ?? 0) + 1;
  return counts;
}

/** `[west, south, east, north]` of a rectangle feature. */
function rectOf(f: ImportFeature): [number, number, number, number] {
  const ring = (f.geometry as Ring).coordinates[0] as number[][];
  const lons = ring.map((p) => p[0] as number);
  const lats = ring.map((p) => p[1] as number);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/**
 * Codes that do not parse, parse at another level or district, repeat, or whose parent
 * is missing or listed later. Empty when all is well.
 */
function findCodeProblems(district: DemoDistrict): string[] {
  const problems: string[] = [];
  const seen = new Map<string, RegionLevel>();
  for (const f of district.features) {
    const parsed = parseRegionCode(f.code);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      continue;
    }
    if (parsed.level !== f.level) problems.push(`${f.code}: level ${f.level}, code says ${parsed.level}`);
    if (parsed.districtCode !== district.districtCode) problems.push(`${f.code}: other district`);
    if (seen.has(f.code)) problems.push(`${f.code}: duplicate`);
    if (f.level === 'district' ? f.parentCode !== null : !seen.has(f.parentCode ?? '')) {
      problems.push(`${f.code}: parent ${f.parentCode} missing or listed after its child`);
    }
    seen.set(f.code, parsed.level);
  }
  return problems;
}

describe('generateDemoDistrict: the standard demo', () => {
  it('passes the import checks (codes, parents, containment, overlaps)', () => {
    const result = planRegionImport(demo.features, []);
    expect(result.problems).toEqual([]);
    expect(result.plan?.created).toHaveLength(demo.features.length);
  }, 60_000);

  it('shapes 瓜沥镇 exactly like seed 000: 3 areas, 75 村社 under them, 168 grids, 1,644 micro-grids', () => {
    const guali = townNamed(demo, '瓜沥镇');
    expect(townKind(guali.code)).toBe('镇');
    const under = descendants(demo, guali.code);
    expect(countLevels(under)).toEqual({ area: 3, community: 75, grid: 168, microgrid: 1644 });
    const areaCodes = new Set(under.filter((f) => f.level === 'area').map((f) => f.code));
    for (const community of under.filter((f) => f.level === 'community')) {
      expect(areaCodes.has(community.parentCode ?? '')).toBe(true);
      // Under an area a community still extends the town's code.
      expect(community.code.startsWith(guali.code)).toBe(true);
    }
    // Every area holds some villages.
    for (const area of areaCodes) expect(under.some((f) => f.parentCode === area)).toBe(true);
  });

  it('shapes 所前镇 like seed 002: 51 grids, 452 micro-grids, 村社 directly under the town', () => {
    const suoqian = townNamed(demo, '所前镇');
    const under = descendants(demo, suoqian.code);
    const counts = countLevels(under);
    expect(counts.area).toBeUndefined();
    expect(counts.grid).toBe(51);
    expect(counts.microgrid).toBe(452);
    const communities = under.filter((f) => f.level === 'community');
    expect(communities.every((f) => f.parentCode === suoqian.code)).toBe(true);
    expect(under.some((f) => f.name === '三泉王村')).toBe(true);
  });

  it('has 5–7 towns, 街道 coded 001–099 and 镇 100–199, some with areas and some without', () => {
    const towns = demo.features.filter((f) => f.level === 'town');
    expect(towns.length).toBeGreaterThanOrEqual(5);
    expect(towns.length).toBeLessThanOrEqual(7);
    for (const town of towns) {
      const kind = townKind(town.code);
      expect(['街道', '镇']).toContain(kind);
      expect(town.name.endsWith(kind)).toBe(true);
    }
    const withAreas = towns.filter((t) => demo.features.some((f) => f.level === 'area' && f.parentCode === t.code));
    expect(withAreas.length).toBeGreaterThan(1);
    expect(withAreas.length).toBeLessThan(towns.length);
    // Guali is the largest town.
    const sizes = towns.map((t) => descendants(demo, t.code).filter((f) => f.level === 'microgrid').length);
    expect(Math.max(...sizes)).toBe(1644);
  });

  it('gives every code the level it claims, a fitting parent, and lists parents first', () => {
    expect(findCodeProblems(demo)).toEqual([]);
    expect(demo.districtCode).toBe('330109');
    expect(demo.features[0]).toMatchObject({ code: '330109', name: '萧山区(演示)', level: 'district' });
  });

  it('reports counts that match the features', () => {
    const counts = countLevels(demo.features);
    for (const level of REGION_LEVELS) expect(demo.counts[level]).toBe(counts[level] ?? 0);
    expect(demo.counts.district).toBe(1);
  });

  it('names regions like real ones', () => {
    const patterns: Partial<Record<RegionLevel, RegExp>> = {
      town: /^[\u4e00-\u9fa5]{2,4}(街道|镇)$/,
      area: /^[\u4e00-\u9fa5]{2,6}片区$/,
      community: /^[\u4e00-\u9fa5]{2,6}(村|社区)$/,
      grid: /^第\d+网格$/,
      microgrid: /^\d+号微网格$/,
    };
    const misnamed = demo.features.filter((f) => !(patterns[f.level as RegionLevel]?.test(f.name) ?? true));
    expect(misnamed).toEqual([]);
    const communityNames = demo.features.filter((f) => f.level === 'community').map((f) => f.name);
    expect(new Set(communityNames).size).toBe(communityNames.length);
  });

  it('draws closed, counter-clockwise rectangles around Xiaoshan with at most 7 decimals', () => {
    // Collect the offenders and assert once: one expect per feature is slow and floods the log.
    const bad: string[] = [];
    for (const f of demo.features) {
      const geometry = f.geometry as Ring & { type: string };
      const ring = geometry.coordinates[0] ?? [];
      const closed = ring.length === 5 && ring[4]?.[0] === ring[0]?.[0] && ring[4]?.[1] === ring[0]?.[1];
      let twiceArea = 0;
      let rounded = true;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i] as [number, number];
        const [x2, y2] = ring[i + 1] as [number, number];
        twiceArea += x1 * y2 - x2 * y1;
        if (Math.round(x1 * 1e7) / 1e7 !== x1 || Math.round(y1 * 1e7) / 1e7 !== y1) rounded = false;
      }
      const [west, south, east, north] = rectOf(f);
      const nearXiaoshan = west >= 120.1 && east <= 120.7 && south >= 30.0 && north <= 30.4;
      const ok = geometry.type === 'Polygon' && geometry.coordinates.length === 1 && closed && twiceArea > 0;
      if (!ok || !rounded || !nearXiaoshan) bad.push(f.code);
    }
    expect(bad).toEqual([]);
  });

  it('tiles every parent exactly with its children: inside it, no overlaps, no gaps', () => {
    const codes = byCode(demo);
    const children = new Map<string, ImportFeature[]>();
    for (const f of demo.features) {
      if (!f.parentCode) continue;
      const list = children.get(f.parentCode) ?? [];
      list.push(f);
      children.set(f.parentCode, list);
    }
    const bad: string[] = [];
    for (const [parentCode, kids] of children) {
      const [pw, ps, pe, pn] = rectOf(codes.get(parentCode) as ImportFeature);
      const rects = kids.map(rectOf);
      let area = 0;
      for (const [w, s, e, n] of rects) {
        // Outer edges reuse the parent's coordinates, so comparisons are exact.
        if (!(w >= pw && e <= pe && s >= ps && n <= pn)) bad.push(`${parentCode}: child sticks out`);
        area += (e - w) * (n - s);
      }
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) {
          const [aw, as, ae, an] = rects[i] as [number, number, number, number];
          const [bw, bs, be, bn] = rects[j] as [number, number, number, number];
          if (aw < be && bw < ae && as < bn && bs < an) bad.push(`${parentCode}: children ${i} and ${j} overlap`);
        }
      }
      // Inside and disjoint, so equal area means no gaps.
      if (Math.abs(area - (pe - pw) * (pn - ps)) > 1e-12) bad.push(`${parentCode}: children leave a gap`);
    }
    expect(bad).toEqual([]);
  });

  it('is deterministic and depends on the seed', () => {
    expect(generateDemoDistrict()).toEqual(demo);
    expect(generateDemoDistrict({ seed: DEMO_DEFAULT_SEED })).toEqual(demo);
    const other = generateDemoDistrict({ seed: 7 });
    expect(other).toEqual(generateDemoDistrict({ seed: 7 }));
    expect(other.features).not.toEqual(demo.features);
    // The seed changes names and shapes, never the seed-report counts.
    expect(other.counts).toEqual(demo.counts);
  });
});

describe('generateDemoDistrict: departments and users', () => {
  it('lists district departments with valid, unique codes', () => {
    const codes = demo.departments.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of demo.departments) {
      expect(d.code).toMatch(/^[A-Z][A-Z0-9_]{1,31}$/);
      expect(d.regionCode).toBe(demo.districtCode);
      expect(d.name).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(codes).toEqual(expect.arrayContaining(['CG', 'SCJG', 'ZJ', 'JT', 'STHJ', 'SL', 'WJ', 'YJGL', 'GA110']));
    expect(demo.departments.find((d) => d.code === 'GA110')?.kind).toBe('linkage');
    expect(demo.departments.find((d) => d.code === 'CG')?.kind).toBe('functional');
  });

  it('has valid users covering every role, scoped to regions that exist', () => {
    const codes = byCode(demo);
    const departments = new Set(demo.departments.map((d) => d.code));
    const usernames = demo.users.map((u) => u.username);
    const phones = demo.users.map((u) => u.phone);
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(demo.users.map((u) => u.role))).toEqual(new Set(ROLES));
    for (const user of demo.users) {
      expect(user.username).toMatch(/^[a-z0-9][a-z0-9_.-]{2,63}$/);
      expect(user.displayName).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(user.phone).toMatch(/^13\d{9}$/);
      expect(codes.has(user.regionCode)).toBe(true);
      if (user.role === 'department_handler') {
        expect(departments.has(user.departmentCode ?? '')).toBe(true);
        expect(user.regionCode).toBe(demo.districtCode);
      } else {
        expect(user.departmentCode).toBeNull();
      }
    }
  });

  it('puts the accounts where the brief expects them', () => {
    const guali = townNamed(demo, '瓜沥镇');
    const user = (username: string) => demo.users.find((u) => u.username === username);
    for (const name of ['admin', 'supervisor', 'operator', 'dispatcher', 'viewer']) {
      expect(user(name)).toMatchObject({ role: name, regionCode: demo.districtCode });
    }
    expect(user('guali.admin')).toMatchObject({ role: 'town_admin', regionCode: guali.code });
    expect(user('guali.operator')).toMatchObject({ role: 'operator', regionCode: guali.code });
    expect(user('guali.dispatcher')).toMatchObject({ role: 'dispatcher', regionCode: guali.code });

    const towns = demo.features.filter((f) => f.level === 'town').map((f) => f.code);
    const townAdmins = demo.users.filter((u) => u.role === 'town_admin').map((u) => u.regionCode);
    expect([...townAdmins].sort()).toEqual([...towns].sort());

    const codes = byCode(demo);
    const workers = demo.users.filter((u) => u.role === 'grid_worker');
    expect(workers.length).toBeGreaterThanOrEqual(3);
    for (const worker of workers) {
      expect(worker.username).toMatch(/^gw\.guali\.\d{3}$/);
      expect(codes.get(worker.regionCode)?.level).toBe('grid');
      expect(worker.regionCode.startsWith(guali.code)).toBe(true);
    }
    const deputies = demo.users.filter((u) => u.role === 'deputy');
    expect(deputies.length).toBeGreaterThanOrEqual(2);
    for (const deputy of deputies) expect(deputy.regionCode).toBe(guali.code);
  });
});

describe('generateDemoDistrict: scaling up', () => {
  // Its speed is measured by `npm run bench`, not asserted here.
  it('reaches 100,000 micro-grids within 2%, with codes in range', () => {
    const big = generateDemoDistrict({ microgrids: 100_000 });
    expect(Math.abs(big.counts.microgrid - 100_000)).toBeLessThanOrEqual(2_000);

    expect(findCodeProblems(big)).toEqual([]);

    // Added towns are shaped like Guali; the standard towns are unchanged.
    const towns = big.features.filter((f) => f.level === 'town');
    expect(towns.length).toBeGreaterThan(50);
    const standardCodes = byCode(demo);
    const added = towns.filter((t) => !standardCodes.has(t.code));
    const guali = descendants(big, added[0]?.code ?? '');
    expect(countLevels(guali)).toEqual({ area: 3, community: 75, grid: 168, microgrid: 1644 });
    const standardNames = demo.features.filter((f) => f.level === 'community').map((f) => f.name);
    const bigNames = new Set(big.features.filter((f) => f.level === 'community').map((f) => f.name));
    for (const name of standardNames) expect(bigNames.has(name)).toBe(true);
  }, 30_000);

  it('keeps the standard demo for targets it already meets, and rejects bad options', () => {
    expect(generateDemoDistrict({ microgrids: 10 }).counts).toEqual(demo.counts);
    expect(() => generateDemoDistrict({ microgrids: -1 })).toThrow(RangeError);
    expect(() => generateDemoDistrict({ seed: Number.NaN })).toThrow(RangeError);
    expect(() => generateDemoDistrict({ microgrids: 10_000_000 })).toThrow(RangeError);
  });

  it('lands near a target that is not a multiple of a town', () => {
    const result = generateDemoDistrict({ microgrids: 5_000 });
    expect(Math.abs(result.counts.microgrid - 5_000)).toBeLessThanOrEqual(50);
    expect(planRegionImport(result.features, []).problems).toEqual([]);
  }, 60_000);
});
