/**
 * The locator: which micro-grid holds a point. A static R-tree (flatbush) over the
 * micro-grids' bounding boxes finds the candidates; an exact point-in-polygon test decides.
 * A point on a boundary shared by several micro-grids goes to the one with the lowest code,
 * so every point resolves to exactly one micro-grid or to none (STANDARDS.md §1).
 */
import Flatbush from 'flatbush';
import type { StoredGeometry } from '@/db/schema.js';
import { bboxOf, classifyPoint } from './region-geometry.js';

/** A micro-grid as the locator needs it. */
export interface LocatableRegion {
  code: string;
  geometry: StoredGeometry;
}

/** An immutable spatial index over micro-grids. */
export class RegionLocator {
  readonly size: number;
  readonly #index: Flatbush | null;
  readonly #regions: LocatableRegion[];

  private constructor(regions: LocatableRegion[], index: Flatbush | null) {
    this.#regions = regions;
    this.#index = index;
    this.size = regions.length;
  }

  /** Builds the index; O(n log n). */
  static build(regions: LocatableRegion[]): RegionLocator {
    const sorted = [...regions].sort((a, b) => (a.code < b.code ? -1 : 1));
    if (sorted.length === 0) return new RegionLocator(sorted, null);
    const index = new Flatbush(sorted.length);
    for (const region of sorted) {
      const [minX, minY, maxX, maxY] = bboxOf(region.geometry);
      index.add(minX, minY, maxX, maxY);
    }
    index.finish();
    return new RegionLocator(sorted, index);
  }

  /** The code of the micro-grid holding the point, or null when it is outside all of them. */
  locate(lon: number, lat: number): string | null {
    if (!this.#index) return null;
    const candidates = this.#index.search(lon, lat, lon, lat);
    // Candidates come in index order, which is code order: the first inside wins, and the
    // first on a boundary is kept in case no candidate holds the point in its interior.
    candidates.sort((a, b) => a - b);
    let onBoundary: string | null = null;
    for (const i of candidates) {
      const region = this.#regions[i];
      if (!region) continue;
      const side = classifyPoint(region.geometry, lon, lat);
      if (side === -1) return region.code;
      if (side === 0 && onBoundary === null) onBoundary = region.code;
    }
    return onBoundary;
  }
}
