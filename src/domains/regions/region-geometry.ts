/**
 * Geometry rules for regions: what a valid polygon is, whether a child lies inside its
 * parent, and whether two polygons overlap. Built on turf and exact predicates; pure.
 */
import area from '@turf/area';
import booleanWithin from '@turf/boolean-within';
import { featureCollection, feature } from '@turf/helpers';
import intersect from '@turf/intersect';
import kinks from '@turf/kinks';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import robustPointInPolygon from 'robust-point-in-polygon';
import type { StoredGeometry } from '@/db/schema.js';

/** A polygonal geometry. */
export type Areal = Polygon | MultiPolygon;

/** A bounding box `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = [number, number, number, number];

/** Overlaps smaller than this many square metres are rounding noise along shared edges. */
export const OVERLAP_TOLERANCE_M2 = 1;

/**
 * Checks a GeoJSON geometry and returns the reason it is not an acceptable region
 * boundary (in Chinese with the English rule), or null when it is.
 */
export function findGeometryProblem(geometry: unknown): string | null {
  if (typeof geometry !== 'object' || geometry === null) return '缺少几何图形 (geometry is required)';
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return `几何类型须为 Polygon 或 MultiPolygon (geometry type must be Polygon or MultiPolygon, got ${String(g.type)})`;
  }
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return '坐标为空 (coordinates are empty)';
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  for (const [p, polygon] of polygons.entries()) {
    if (!Array.isArray(polygon) || polygon.length === 0) return `第${p + 1}个多边形没有环 (polygon ${p} has no rings)`;
    for (const [r, ring] of polygon.entries()) {
      const problem = findRingProblem(ring);
      if (problem) return `多边形${p + 1}的第${r + 1}个环:${problem}`;
    }
  }
  const found = kinks(feature(g as Areal));
  if (found.features.length > 0) {
    const at = found.features[0]?.geometry.coordinates ?? [];
    return `边界自相交,位于 [${at.map((n) => Number(n).toFixed(6)).join(', ')}] (ring intersects itself)`;
  }
  return null;
}

function findRingProblem(ring: unknown): string | null {
  if (!Array.isArray(ring)) return '环不是坐标数组 (ring is not an array of positions)';
  if (ring.length < 4) return `至少需要4个坐标点(首尾相同),实际${ring.length}个 (a ring needs at least 4 positions)`;
  for (const [i, position] of ring.entries()) {
    if (!Array.isArray(position) || position.length < 2 || !position.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return `第${i + 1}个坐标不是[经度, 纬度] (position ${i} is not [lon, lat])`;
    }
    const [lon, lat] = position as [number, number];
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      return `第${i + 1}个坐标超出经纬度范围 (position ${i} is out of range)`;
    }
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return '环未闭合:首尾坐标不同 (ring is not closed)';
  return null;
}

/** The bounding box of a polygonal geometry. */
export function bboxOf(geometry: StoredGeometry | Areal): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const ring of ringsOf(geometry)) {
    for (const [lon, lat] of ring as [number, number][]) {
      if (lon < minLon) minLon = lon;
      if (lat < minLat) minLat = lat;
      if (lon > maxLon) maxLon = lon;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Every ring (outer and holes) of a polygonal geometry. */
export function ringsOf(geometry: StoredGeometry | Areal): Position[][] {
  return geometry.type === 'Polygon'
    ? (geometry.coordinates as Position[][])
    : (geometry.coordinates as Position[][][]).flat();
}

/** True when `child` lies within `parent` (boundaries may touch). */
export function isWithin(child: StoredGeometry, parent: StoredGeometry): boolean {
  return booleanWithin(child as Areal, parent as Areal);
}

/** True when two bounding boxes share area (not merely an edge). */
export function bboxesOverlap(a: BBox, b: BBox): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** True when the interiors of two polygons share more than rounding noise. */
export function interiorsOverlap(a: StoredGeometry, b: StoredGeometry): boolean {
  if (!bboxesOverlap(bboxOf(a), bboxOf(b))) return false;
  const shared = intersect(featureCollection([feature(a as Areal), feature(b as Areal)]));
  return shared !== null && area(shared) > OVERLAP_TOLERANCE_M2;
}

/**
 * Where a point lies relative to a polygonal geometry, exactly: -1 inside, 0 on its
 * boundary, 1 outside. Holes count as outside.
 */
export function classifyPoint(geometry: StoredGeometry, lon: number, lat: number): -1 | 0 | 1 {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
  let best: -1 | 0 | 1 = 1;
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon;
    if (!outer) continue;
    const side = robustPointInPolygon(outer.slice(0, -1), [lon, lat]);
    if (side === 1) continue;
    let result: -1 | 0 | 1 = side;
    for (const hole of holes) {
      const inHole = robustPointInPolygon(hole.slice(0, -1), [lon, lat]);
      if (inHole === -1) result = 1;
      else if (inHole === 0) result = 0;
      if (result === 1) break;
    }
    if (result === -1) return -1;
    if (result === 0) best = 0;
  }
  return best;
}
