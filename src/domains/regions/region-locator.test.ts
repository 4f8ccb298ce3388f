import { describe, expect, it } from 'vitest';
import type { StoredGeometry } from '@/db/schema.js';
import { RegionLocator } from './region-locator.js';

function square(x0: number, y0: number, x1: number, y1: number): StoredGeometry {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

// Four unit squares in a 2×2 block; B has a hole; E is a separate two-part multipolygon.
const regions = [
  { code: '33010911200100101', geometry: square(0, 0, 1, 1) },
  {
    code: '33010911200100102',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]],
        [[1.4, 0.4], [1.6, 0.4], [1.6, 0.6], [1.4, 0.6], [1.4, 0.4]],
      ],
    } as StoredGeometry,
  },
  { code: '33010911200100103', geometry: square(0, 1, 1, 2) },
  { code: '33010911200100104', geometry: square(1, 1, 2, 2) },
  {
    code: '33010911200100105',
    geometry: { type: 'MultiPolygon', coordinates: [[[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]], [[[7, 7], [8, 7], [8, 8], [7, 8], [7, 7]]]] } as StoredGeometry,
  },
];
const locator = RegionLocator.build(regions);

describe('RegionLocator', () => {
  it.each([
    [0.5, 0.5, '33010911200100101'],
    [1.5, 0.2, '33010911200100102'],
    [0.5, 1.5, '33010911200100103'],
    [1.9, 1.9, '33010911200100104'],
    [5.5, 5.5, '33010911200100105'],
    [7.5, 7.5, '33010911200100105'],
  ])('puts (%d, %d) in %s', (lon, lat, code) => {
    expect(locator.locate(lon, lat)).toBe(code);
  });

  it('says a point outside every polygon is nowhere', () => {
    expect(locator.locate(3, 3)).toBeNull();
    expect(locator.locate(-0.000001, 0.5)).toBeNull();
    expect(locator.locate(6.5, 6.5)).toBeNull();
  });

  it('treats a hole as outside', () => {
    expect(locator.locate(1.5, 0.5)).toBeNull();
  });

  it('gives a point on a shared edge or corner to exactly one micro-grid, the lowest code', () => {
    expect(locator.locate(1, 0.5)).toBe('33010911200100101');
    expect(locator.locate(1, 1)).toBe('33010911200100101');
    expect(locator.locate(1.5, 1)).toBe('33010911200100102');
    expect(locator.locate(0, 0)).toBe('33010911200100101');
  });

  it('answers the same whatever order the regions were given in', () => {
    const reversed = RegionLocator.build([...regions].reverse());
    for (const [lon, lat] of [[1, 1], [1, 0.5], [0.5, 1], [1.5, 1]] as const) {
      expect(reversed.locate(lon, lat)).toBe(locator.locate(lon, lat));
    }
  });

  it('works when empty', () => {
    expect(RegionLocator.build([]).locate(0, 0)).toBeNull();
  });
});
