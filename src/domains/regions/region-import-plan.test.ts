import { describe, expect, it } from 'vitest';
import type { StoredGeometry } from '@/db/schema.js';
import { planRegionImport, type ImportFeature } from './region-import-plan.js';
import type { RegionRow } from './regions-repository.js';

function square(x0: number, y0: number, x1: number, y1: number): StoredGeometry {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

/** A small valid tree: district → town → community → grid → 2 micro-grids. */
function tree(): ImportFeature[] {
  return [
    { code: '330109', name: '区', geometry: square(0, 0, 10, 10) },
    { code: '330109112', name: '镇', geometry: square(0, 0, 4, 4) },
    { code: '330109112001', name: '社区', geometry: square(0, 0, 2, 2) },
    { code: '330109112001001', name: '网格', geometry: square(0, 0, 2, 1) },
    { code: '33010911200100101', name: '微网格1', geometry: square(0, 0, 1, 1) },
    { code: '33010911200100102', name: '微网格2', geometry: square(1, 0, 2, 1) },
  ];
}

/** The rows a plan would leave stored, as the repository reads them back. */
function storedAfter(features: ImportFeature[]): RegionRow[] {
  const result = planRegionImport(features, []);
  return result.plan!.writes.map((w) => ({
    ...w,
    min_lon: w.bbox?.[0] ?? null,
    version: 1,
    created_at: new Date(),
    updated_at: new Date(),
  }));
}

function problemsOf(features: ImportFeature[]) {
  const result = planRegionImport(features, []);
  return result.problems;
}

describe('planRegionImport', () => {
  it('plans a valid tree with parents first', () => {
    const result = planRegionImport(tree(), []);
    expect(result.problems).toEqual([]);
    expect(result.plan?.created).toHaveLength(6);
    expect(result.plan?.writes.map((w) => w.level)).toEqual(['district', 'town', 'community', 'grid', 'microgrid', 'microgrid']);
    expect(result.plan?.writes.at(-1)?.path).toBe('/330109/330109112/330109112001/330109112001001/33010911200100102/');
  });

  it('rejects an unclosed ring, naming the feature', () => {
    const features = tree();
    features[4] = { ...features[4]!, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0.5]]] } };
    const [problem] = problemsOf(features);
    expect(problem).toMatchObject({ code: 'INVALID_GEOMETRY', field: 'features.4.geometry' });
    expect(problem?.message).toMatch(/未闭合/);
  });

  it('rejects a self-intersecting ring (a bow tie)', () => {
    const features = tree();
    features[4] = { ...features[4]!, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } };
    const [problem] = problemsOf(features);
    expect(problem).toMatchObject({ code: 'INVALID_GEOMETRY', field: 'features.4.geometry' });
    expect(problem?.message).toMatch(/自相交/);
  });

  it('rejects rings with too few positions, bad numbers and out-of-range coordinates', () => {
    for (const coordinates of [
      [[[0, 0], [1, 0], [0, 0]]],
      [[[0, 0], [1, 'x'], [1, 1], [0, 0]]],
      [[[0, 0], [200, 0], [1, 1], [0, 0]]],
    ]) {
      const features = tree();
      features[4] = { ...features[4]!, geometry: { type: 'Polygon', coordinates } };
      expect(problemsOf(features)[0]).toMatchObject({ code: 'INVALID_GEOMETRY', field: 'features.4.geometry' });
    }
  });

  it('requires a polygon for grids and micro-grids but not for communities', () => {
    const features = tree();
    features[3] = { ...features[3]!, geometry: null };
    expect(problemsOf(features)[0]).toMatchObject({ code: 'INVALID_GEOMETRY', field: 'features.3.geometry' });
    const withoutCommunityShape = tree();
    withoutCommunityShape[2] = { ...withoutCommunityShape[2]!, geometry: null };
    expect(problemsOf(withoutCommunityShape)).toEqual([]);
  });

  it('rejects a child outside its parent, checking against the nearest ancestor with a polygon', () => {
    const features = tree();
    features[5] = { ...features[5]!, geometry: square(1.5, 0, 2.5, 1) };
    expect(problemsOf(features)[0]).toMatchObject({ code: 'REGION_OUTSIDE_PARENT', field: 'features.5.geometry' });
    const skipLevel = tree();
    skipLevel[2] = { ...skipLevel[2]!, geometry: null };
    skipLevel[3] = { ...skipLevel[3]!, geometry: square(3, 3, 5, 4) };
    expect(problemsOf(skipLevel)[0]).toMatchObject({ code: 'REGION_OUTSIDE_PARENT', field: 'features.3.geometry' });
  });

  it('rejects overlapping micro-grids but accepts ones that share an edge', () => {
    const features = tree();
    features[5] = { ...features[5]!, geometry: square(0.5, 0, 1.5, 1) };
    expect(problemsOf(features)).toContainEqual(expect.objectContaining({ code: 'REGION_OVERLAP' }));
    const identical = tree();
    identical[5] = { ...identical[5]!, geometry: square(0, 0, 1, 1) };
    expect(problemsOf(identical)).toContainEqual(expect.objectContaining({ code: 'REGION_OVERLAP' }));
  });

  it('rejects an overlap with a micro-grid already stored', () => {
    const stored = storedAfter(tree());
    const intruder: ImportFeature = { code: '33010911200100103', name: '重叠', geometry: square(0.5, 0.5, 1, 1) };
    expect(planRegionImport([intruder], stored).problems[0]).toMatchObject({ code: 'REGION_OVERLAP', field: 'features.0.geometry' });
  });

  it('rejects duplicate and malformed codes', () => {
    const duplicate = [...tree(), { code: '33010911200100102', name: '又一个', geometry: square(1, 0, 2, 1) }];
    expect(problemsOf(duplicate)[0]).toMatchObject({ code: 'DUPLICATE_REGION_CODE', field: 'features.6.properties.code' });
    const malformed = tree();
    malformed[4] = { ...malformed[4]!, code: '3301091120010010' };
    expect(problemsOf(malformed)[0]).toMatchObject({ code: 'INVALID_REGION_CODE', field: 'features.4.properties.code' });
  });

  it('rejects an unknown parent and a parent of the wrong level', () => {
    const orphan = tree().filter((f) => f.code !== '330109112001001');
    expect(problemsOf(orphan)[0]).toMatchObject({ code: 'UNKNOWN_PARENT', field: 'features.3.properties.parent_code' });
    const wrongLevel = tree();
    wrongLevel[3] = { ...wrongLevel[3]!, parentCode: '330109112' };
    expect(problemsOf(wrongLevel)[0]).toMatchObject({ code: 'REGION_LEVEL_MISMATCH' });
  });

  it('rejects a declared level that contradicts the code', () => {
    const features = tree();
    features[3] = { ...features[3]!, level: 'microgrid' };
    expect(problemsOf(features)[0]).toMatchObject({ code: 'REGION_LEVEL_MISMATCH', field: 'features.3.properties.level' });
  });

  it('reports every problem, not just the first', () => {
    const features = tree();
    features[4] = { ...features[4]!, code: 'abc' };
    features[5] = { ...features[5]!, geometry: null };
    expect(problemsOf(features)).toHaveLength(2);
  });

  it('moves stored descendants when a community moves under an area', () => {
    const stored = storedAfter(tree());
    const area: ImportFeature = { code: '330109112901', name: '片区', geometry: square(0, 0, 3, 3) };
    const moved: ImportFeature = { code: '330109112001', name: '社区', parentCode: '330109112901', geometry: square(0, 0, 2, 2) };
    const result = planRegionImport([area, moved], stored);
    expect(result.problems).toEqual([]);
    const paths = Object.fromEntries(result.plan!.writes.map((w) => [w.code, w.path]));
    expect(paths['33010911200100101']).toBe('/330109/330109112/330109112901/330109112001/330109112001001/33010911200100101/');
    expect(result.plan!.created).toEqual(['330109112901']);
  });

  it('checks a re-drawn town against stored grids under communities without polygons', () => {
    const stored = storedAfter(tree().map((f) => (f.code === '330109112001' ? { ...f, geometry: null } : f)));
    const shrunk: ImportFeature = { code: '330109112', name: '镇', geometry: square(0, 0, 1.5, 4) };
    expect(planRegionImport([shrunk], stored).problems[0]).toMatchObject({ code: 'REGION_OUTSIDE_PARENT', field: 'features.0.geometry' });
  });

  it('keeps the stored polygon when a feature comes without geometry', () => {
    const stored = storedAfter(tree());
    const renamed: ImportFeature = { code: '330109112001001', name: '新名字', geometry: null };
    const result = planRegionImport([renamed], stored);
    expect(result.problems).toEqual([]);
    expect(result.plan!.writes[0]).toMatchObject({ name: '新名字', geometry: square(0, 0, 2, 1) });
  });

  it('finds nothing to write when the same file is imported again', () => {
    const stored = storedAfter(tree());
    const again = planRegionImport(tree(), stored);
    expect(again.plan?.writes).toEqual([]);
    expect(again.plan?.unchanged).toHaveLength(6);
  });
});
