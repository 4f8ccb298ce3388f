/**
 * Shapes regions for responses. Raw rows never leave the service.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { LEVEL_LABELS, townKind, type RegionLevel } from './region-codes.js';
import type { RegionRow } from './regions-repository.js';

/** A region as the API shows it. */
export interface RegionView {
  code: string;
  name: string;
  level: RegionLevel;
  levelLabel: string;
  parentCode: string | null;
  districtCode: string;
  townKind?: string;
  hasGeometry: boolean;
  version: number;
  updatedAt: string;
}

/** Presents a region row. */
export function presentRegion(row: RegionRow): RegionView {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    levelLabel: LEVEL_LABELS[row.level],
    parentCode: row.parent_code,
    districtCode: row.district_code,
    ...(row.level === 'town' ? { townKind: townKind(row.code) } : {}),
    hasGeometry: row.min_lon !== null,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Presents regions as a GeoJSON FeatureCollection, the import format. */
export function presentFeatureCollection(rows: RegionRow[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: rows.map(
      (row): Feature => ({
        type: 'Feature',
        id: row.code,
        properties: { code: row.code, name: row.name, level: row.level, parent_code: row.parent_code },
        geometry: row.geometry as Geometry | null as Geometry,
      }),
    ),
  };
}
