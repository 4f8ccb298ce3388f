/**
 * SQL of regions. Scope is applied by path prefix: a region is in an actor's scope when
 * its path starts with the actor's region path.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';
import type { StoredGeometry } from '@/db/schema.js';
import type { RegionLevel } from './region-codes.js';

/** A region row as read. */
export interface RegionRow {
  district_code: string;
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  name: string;
  path: string;
  geometry: StoredGeometry | null;
  /** Set whenever the region has a polygon, also when `geometry` was not selected. */
  min_lon: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A region row to write. */
export interface RegionWrite {
  district_code: string;
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  name: string;
  path: string;
  geometry: StoredGeometry | null;
  bbox: [number, number, number, number] | null;
}

const columns = [
  'district_code',
  'code',
  'parent_code',
  'level',
  'name',
  'path',
  'geometry',
  'min_lon',
  'version',
  'created_at',
  'updated_at',
] as const;

function cast(row: unknown): RegionRow {
  return row as RegionRow;
}

/** One region by code, or undefined. */
export async function findRegionByCode(db: Executor, code: string): Promise<RegionRow | undefined> {
  const row = await db
    .selectFrom('regions')
    .select(columns)
    .where('district_code', '=', code.slice(0, 6))
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? cast(row) : undefined;
}

/** Regions by code (any order). */
export async function findRegionsByCodes(db: Executor, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('regions').select(columns).where('code', 'in', codes).execute();
  return rows.map(cast);
}

/** Options for {@link listRegions}. */
export interface RegionListQuery {
  /** Only regions whose path starts with this. */
  pathPrefix: string;
  parentCode?: string;
  level?: RegionLevel;
  levels?: RegionLevel[];
  withGeometry?: boolean;
  limit?: number;
  /** Keyset paging: codes after this one. */
  afterCode?: string;
  search?: string;
}

/** Regions in a subtree, in code order. */
export async function listRegions(db: Executor, query: RegionListQuery): Promise<RegionRow[]> {
  const select = query.withGeometry === false ? columns.filter((c) => c !== 'geometry') : columns;
  let q = db.selectFrom('regions').select(select);
  if (query.pathPrefix !== '/') q = q.where('path', 'like', `${escapeLike(query.pathPrefix)}%`);
  if (query.parentCode) {
    q = q.where('district_code', '=', query.parentCode.slice(0, 6)).where('parent_code', '=', query.parentCode);
  }
  if (query.level) q = q.where('level', '=', query.level);
  if (query.levels) q = q.where('level', 'in', query.levels);
  if (query.afterCode) q = q.where('code', '>', query.afterCode);
  if (query.search) q = q.where((eb) => eb.or([eb('name', 'like', `%${escapeLike(query.search ?? '')}%`), eb('code', 'like', `${escapeLike(query.search ?? '')}%`)]));
  q = q.orderBy('code');
  if (query.limit) q = q.limit(query.limit);
  const rows = await q.execute();
  return rows.map((row) => cast({ geometry: null, ...(row as object) }));
}

/** Every region of the given districts, with geometry: the state an import validates against. */
export async function listRegionsOfDistricts(db: Executor, districtCodes: string[]): Promise<RegionRow[]> {
  if (districtCodes.length === 0) return [];
  const rows = await db.selectFrom('regions').select(columns).where('district_code', 'in', districtCodes).execute();
  return rows.map(cast);
}

/** Micro-grids with geometry, for the locator. */
export async function listLocatableRegions(db: Executor): Promise<{ code: string; geometry: StoredGeometry }[]> {
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'geometry'])
    .where('level', '=', 'microgrid')
    .where('geometry', 'is not', null)
    .execute();
  return rows as { code: string; geometry: StoredGeometry }[];
}

/** Names, levels and paths of every region: the locator's chain lookup. */
export async function listRegionSummaries(
  db: Executor,
): Promise<{ code: string; name: string; level: RegionLevel; path: string }[]> {
  const rows = await db.selectFrom('regions').select(['code', 'name', 'level', 'path']).execute();
  return rows as { code: string; name: string; level: RegionLevel; path: string }[];
}

/** Counts of regions per level in a subtree. */
export async function countRegionsByLevel(db: Executor, pathPrefix: string): Promise<Record<string, number>> {
  let q = db.selectFrom('regions').select(['level', sql<number>`count(*)::int`.as('count')]);
  if (pathPrefix !== '/') q = q.where('path', 'like', `${escapeLike(pathPrefix)}%`);
  const rows = await q.groupBy('level').execute();
  return Object.fromEntries(rows.map((row) => [row.level, Number(row.count)]));
}

/**
 * Inserts or updates regions, parents before children (the caller sorts them).
 * Existing rows get a new version and updated_at. Each chunk travels as one JSON
 * parameter expanded by `jsonb_to_recordset`: thousands of bind parameters per statement
 * cost far more, on both engines, than parsing one document.
 */
export async function upsertRegions(tx: Tx, rows: RegionWrite[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((row) => ({
      district_code: row.district_code,
      code: row.code,
      parent_code: row.parent_code,
      level: row.level,
      name: row.name,
      path: row.path,
      geometry: row.geometry,
      min_lon: row.bbox?.[0] ?? null,
      min_lat: row.bbox?.[1] ?? null,
      max_lon: row.bbox?.[2] ?? null,
      max_lat: row.bbox?.[3] ?? null,
    }));
    await sql`
      insert into regions (district_code, code, parent_code, level, name, path, geometry, min_lon, min_lat, max_lon, max_lat)
      select r.district_code, r.code, r.parent_code, r.level, r.name, r.path, r.geometry, r.min_lon, r.min_lat, r.max_lon, r.max_lat
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(
        district_code text, code text, parent_code text, level text, name text, path text, geometry jsonb,
        min_lon double precision, min_lat double precision, max_lon double precision, max_lat double precision)
      on conflict (district_code, code) do update set
        parent_code = excluded.parent_code,
        name = excluded.name,
        path = excluded.path,
        geometry = excluded.geometry,
        min_lon = excluded.min_lon,
        min_lat = excluded.min_lat,
        max_lon = excluded.max_lon,
        max_lat = excluded.max_lat,
        version = regions.version + 1,
        updated_at = now()`.execute(tx);
  }
}

/** Renames a region if it is still at `version`; returns the updated row or undefined. */
export async function renameRegion(
  tx: Tx,
  code: string,
  name: string,
  version: number,
): Promise<RegionRow | undefined> {
  const row = await tx
    .updateTable('regions')
    .set({ name, version: sql`version + 1`, updated_at: sql`now()` })
    .where('district_code', '=', code.slice(0, 6))
    .where('code', '=', code)
    .where('version', '=', version)
    .returning(columns)
    .executeTakeFirst();
  return row ? cast(row) : undefined;
}

/** Serialises region imports of one district until the transaction ends. */
export async function lockDistrictRegions(tx: Tx, districtCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${'regions:' + districtCode}))`.execute(tx);
}

/** Moves a district's region revision forward so that locators rebuild. */
export async function bumpRegionRevision(tx: Tx, districtCode: string): Promise<void> {
  await tx
    .insertInto('region_revisions')
    .values({ district_code: districtCode, revision: 1, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('district_code').doUpdateSet({ revision: sql`region_revisions.revision + 1`, updated_at: new Date() }),
    )
    .execute();
}

/** A fingerprint of every district's revision; it changes whenever any region changes. */
export async function readRegionRevision(db: Executor): Promise<string> {
  const rows = await db.selectFrom('region_revisions').select(['district_code', 'revision']).orderBy('district_code').execute();
  return rows.map((row) => `${row.district_code}:${row.revision}`).join(',');
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Codes, names, paths and bounding boxes of a subtree's regions at one level. */
export async function listRegionBoxes(
  db: Executor,
  pathPrefix: string,
  level: RegionLevel,
): Promise<{ code: string; name: string; path: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }[]> {
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name', 'path', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
    .where('path', 'like', `${escapeLike(pathPrefix)}%`)
    .where('level', '=', level)
    .where('min_lon', 'is not', null)
    .orderBy('code')
    .execute();
  return rows as { code: string; name: string; path: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }[];
}
