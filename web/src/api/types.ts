/**
 * The shapes of the API's responses, as the server contract states them.
 */

import type { Role } from '../../../src/shared/roles';
import type { RegionLevel } from '../../../src/shared/region-levels';

// The vocabulary is the server's own (src/shared), so the two cannot drift apart.
export type { Role } from '../../../src/shared/roles';
export { REGION_LEVELS, type RegionLevel } from '../../../src/shared/region-levels';

/** A user as the API shows it; the phone arrives already masked. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  regionCode: string;
  regionName: string;
  departmentCode: string | null;
  phone: string | null;
  disabled: boolean;
}


/** A region as listed. */
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

/** One link of a region's chain of parents. */
export interface RegionLink {
  code: string;
  name: string;
  level: RegionLevel;
}

/** A polygon or multipolygon as GeoJSON. */
export type PolygonGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Any GeoJSON geometry the API may return; only polygons are drawn. */
export type Geometry = PolygonGeometry | { type: string; coordinates?: unknown };

/** One region with its chain and counts of what lies below. */
export interface RegionDetail extends RegionView {
  chain: RegionLink[];
  children: number;
  descendants: Partial<Record<RegionLevel, number>>;
  geometry: Geometry | null;
}

/** Properties of a region feature in `GET /api/regions/geojson`. */
export interface RegionFeatureProperties {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
}

/** A region as a GeoJSON feature. */
export interface RegionFeature {
  type: 'Feature';
  id?: string | number;
  properties: RegionFeatureProperties;
  geometry: Geometry | null;
}

/** `GET /api/regions/geojson`. */
export interface RegionFeatureCollection {
  type: 'FeatureCollection';
  features: RegionFeature[];
}

/** `GET /api/regions/locate`. */
export interface LocateResult {
  found: boolean;
  microgrid?: { code: string; name: string };
  chain: RegionLink[];
}

/** One row of the audit log. */
export interface AuditEntry {
  districtCode: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** One broken link found by `GET /api/audit/verify`. */
export interface AuditProblem {
  districtCode: string;
  seq: number;
  problem: string;
  detail: string;
}

/** `GET /api/audit/verify`. */
export interface AuditVerifyResult {
  ok: boolean;
  rowsChecked: number;
  chains: number;
  problems: AuditProblem[];
}
