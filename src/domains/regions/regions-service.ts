/**
 * The regions domain: the tree district → town → area → community → grid → micro-grid,
 * its GeoJSON import and export, and the locator.
 */
import type { FeatureCollection } from 'geojson';
import type { Db, Tx } from '@/db/database.js';
import { recordChanges } from '@/domains/audit/audit-service.js';
import { forgetAuthentications } from '@/domains/auth/auth-service.js';
import { isInScope, type Actor } from '@/shared/actor.js';
import { AppError, notFound } from '@/shared/errors.js';
import { codesOfPath, parseRegionCode, type RegionLevel } from './region-codes.js';
import { planRegionImport, type ImportFeature, type ImportPlan, type ImportProblem } from './region-import-plan.js';
import { RegionLocator } from './region-locator.js';
import { assertCanEditRegions } from './regions-policy.js';
import { presentFeatureCollection, presentRegion, type RegionView } from './regions-presenter.js';
import {
  bumpRegionRevision,
  countRegionsByLevel,
  findRegionByCode,
  findRegionsByCodes,
  listLocatableRegions,
  listRegionSummaries,
  listRegionBoxes,
  listRegions,
  listRegionsOfDistricts,
  lockDistrictRegions,
  readRegionRevision,
  renameRegion as renameRegionRow,
  upsertRegions,
  type RegionRow,
} from './regions-repository.js';
import { regionFeatureCollectionSchema } from './regions-schemas.js';

/** The outcome of an import. */
export interface ImportSummary {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Imports a GeoJSON FeatureCollection of regions: all or nothing. Every problem is
 * collected; the first one becomes the error's code and field, all of them its details.
 */
export async function importRegions(options: {
  db: Db;
  actor: Actor;
  collection: unknown;
  onPhase?: (phase: 'validating' | 'writing', done: number, total: number) => void;
}): Promise<ImportSummary> {
  const { db, actor } = options;
  assertCanEditRegions(actor);
  const parsed = regionFeatureCollectionSchema.safeParse(options.collection);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION_FAILED', `Not a region FeatureCollection: ${issue?.message}`, {
      field: issue?.path.join('.'),
      userMessage: `不是合法的区域 GeoJSON FeatureCollection:${issue?.path.join('.')} ${issue?.message}`,
      details: parsed.error.issues.slice(0, 50).map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  const features: ImportFeature[] = parsed.data.features.map((f) => ({
    code: f.properties.code,
    name: f.properties.name,
    level: f.properties.level,
    parentCode: f.properties.parent_code,
    geometry: f.geometry,
  }));
  const total = features.length;
  const districts = [
    ...new Set(features.map((f) => f.code.slice(0, 6)).filter((code) => /^[0-9]{6}$/.test(code))),
  ].sort();
  // Everything from reading the stored regions to writing the plan happens in one
  // transaction holding each district's import lock: two imports never plan against the
  // same state, so neither can slip an overlap or a stale path past the other.
  const plan = await db.transaction().execute(async (tx) => {
    for (const district of districts) await lockDistrictRegions(tx, district);
    options.onPhase?.('validating', 0, total);
    const existing = await listRegionsOfDistricts(tx, districts);
    assertFeaturesInScope(actor, features, existing);
    const result = planRegionImport(features, existing, { isVisible: (path) => isInScope(actor, path) });
    if (!result.plan) throw importError(result.problems);
    const outside = result.plan.writes.find((w) => !isInScope(actor, w.path));
    if (outside) throw notFound('region', outside.parent_code ?? outside.code);
    options.onPhase?.('writing', 0, result.plan.writes.length);
    await writePlan(tx, actor, result.plan);
    return result.plan;
  });
  // A moved region moves its users' scope: from this process's next request on.
  forgetAuthentications();
  options.onPhase?.('writing', plan.writes.length, plan.writes.length);
  return { total, created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged.length };
}

async function writePlan(tx: Tx, actor: Actor, plan: ImportPlan): Promise<void> {
  await upsertRegions(tx, plan.writes);
  await recordChanges(
    tx,
    actor,
    plan.writes.map((w) => {
      const before = plan.before.get(w.code);
      return {
        districtCode: w.district_code,
        action: before ? 'region.updated' : 'region.created',
        entityType: 'region',
        entityId: w.code,
        before: before ? auditImage(before) : null,
        after: { code: w.code, name: w.name, level: w.level, parent_code: w.parent_code, path: w.path, geometry: w.geometry },
      };
    }),
  );
  for (const district of new Set(plan.writes.map((w) => w.district_code))) await bumpRegionRevision(tx, district);
}

/**
 * For an actor below the whole platform: every region an import touches, and every parent
 * it names, must already lie in the actor's subtree. Anything else is "not found", before
 * any check could tell the actor something about regions they may not see.
 */
function assertFeaturesInScope(actor: Actor, features: ImportFeature[], existing: RegionRow[]): void {
  if (actor.regionPath === '/') return;
  const stored = new Map(existing.map((row) => [row.code, row]));
  const inFile = new Set(features.map((f) => f.code));
  for (const feature of features) {
    const row = stored.get(feature.code);
    if (row && !isInScope(actor, row.path)) throw notFound('region', feature.code);
    const parsed = parseRegionCode(feature.code);
    const parentCode = feature.parentCode ?? row?.parent_code ?? ('problem' in parsed ? null : parsed.prefixCode);
    if (!parentCode || inFile.has(parentCode)) continue;
    if (row && parentCode === row.parent_code) continue; // not moved: its own place is in scope
    const parent = stored.get(parentCode);
    if (!parent || !isInScope(actor, parent.path)) throw notFound('region', parentCode);
  }
}

function auditImage(row: RegionRow) {
  return { code: row.code, name: row.name, level: row.level, parent_code: row.parent_code, path: row.path, geometry: row.geometry };
}

function importError(problems: ImportProblem[]): AppError {
  const first = problems[0] as ImportProblem;
  const more = problems.length > 1 ? `(另有${problems.length - 1}处问题)` : '';
  return new AppError(first.code, `Region import rejected: ${first.field}: ${first.message}`, {
    field: first.field,
    userMessage: `导入被拒绝,未写入任何数据:${first.field}:${first.message}${more}`,
    details: problems,
  });
}

/** Exports regions in the actor's scope as a FeatureCollection. */
export async function exportRegions(options: {
  db: Db;
  actor: Actor;
  within?: string;
  level?: RegionLevel;
}): Promise<FeatureCollection> {
  const { db, actor } = options;
  let pathPrefix = actor.regionPath;
  if (options.within) {
    const root = await getRegionRow(db, actor, options.within);
    pathPrefix = root.path;
  }
  const rows = await listRegions(db, { pathPrefix, level: options.level });
  return presentFeatureCollection(rows);
}

/** One region with its chain of parents and counts of what lies below. */
export interface RegionDetail extends RegionView {
  chain: { code: string; name: string; level: RegionLevel }[];
  children: number;
  descendants: Record<string, number>;
  geometry: unknown;
}

async function getRegionRow(db: Db, actor: Actor, code: string): Promise<RegionRow> {
  if ('problem' in parseRegionCode(code)) throw notFound('region', code);
  const row = await findRegionByCode(db, code);
  // Regions outside the actor's subtree do not exist for them.
  if (!row || !isInScope(actor, row.path)) throw notFound('region', code);
  return row;
}

/** A region in the actor's scope, with its chain of parents. */
export async function getRegion(options: { db: Db; actor: Actor; code: string }): Promise<RegionDetail> {
  const { db, actor } = options;
  const row = await getRegionRow(db, actor, options.code);
  const chainRows = await findRegionsByCodes(db, codesOfPath(row.path).slice(0, -1));
  const byCode = new Map(chainRows.map((r) => [r.code, r]));
  const chain = codesOfPath(row.path)
    .slice(0, -1)
    .map((code) => byCode.get(code))
    .filter((r): r is RegionRow => r !== undefined)
    .map((r) => ({ code: r.code, name: r.name, level: r.level }));
  const descendants = await countRegionsByLevel(db, row.path);
  delete descendants[row.level];
  const children = (await listRegions(db, { pathPrefix: row.path, parentCode: row.code, withGeometry: false })).length;
  return { ...presentRegion(row), chain, children, descendants, geometry: row.geometry };
}

/** Regions in the actor's scope: children of a parent, or by level, or a search. */
export async function findRegions(options: {
  db: Db;
  actor: Actor;
  parent?: string;
  level?: RegionLevel;
  q?: string;
  after?: string;
  limit: number;
}): Promise<RegionView[]> {
  const { db, actor } = options;
  if (options.parent) await getRegionRow(db, actor, options.parent);
  const rows = await listRegions(db, {
    pathPrefix: actor.regionPath,
    parentCode: options.parent,
    level: options.level,
    search: options.q,
    afterCode: options.after,
    limit: options.limit,
    withGeometry: false,
  });
  return rows.map(presentRegion);
}

/** The regions an actor starts from: their own region (the root of their scope). */
export async function findScopeRoots(options: { db: Db; actor: Actor }): Promise<RegionView[]> {
  const { db, actor } = options;
  if (actor.regionPath === '/') {
    return (await listRegions(db, { pathPrefix: '/', level: 'district', withGeometry: false })).map(presentRegion);
  }
  return [presentRegion(await getRegionRow(db, actor, actor.regionCode))];
}

/** Renames a region, if nobody changed it since `version` was read. */
export async function renameRegion(options: {
  db: Db;
  actor: Actor;
  code: string;
  name: string;
  version: number;
}): Promise<RegionView> {
  const { db, actor } = options;
  assertCanEditRegions(actor);
  const before = await getRegionRow(db, actor, options.code);
  const view = await db.transaction().execute(async (tx) => {
    const after = await renameRegionRow(tx, options.code, options.name, options.version);
    if (!after) {
      throw new AppError('CONFLICT', `region ${options.code} is no longer at version ${options.version}`, {
        field: 'version',
      });
    }
    await recordChanges(tx, actor, [
      {
        districtCode: after.district_code,
        action: 'region.renamed',
        entityType: 'region',
        entityId: after.code,
        before: { name: before.name, version: before.version },
        after: { name: after.name, version: after.version },
      },
    ]);
    await bumpRegionRevision(tx, after.district_code);
    return presentRegion(after);
  });
  // The users of the region see its new name from this process's next request on.
  forgetAuthentications();
  return view;
}

/** Where a point lies: its micro-grid and the chain above it. */
export interface LocateResult {
  found: boolean;
  microgrid?: { code: string; name: string };
  chain: { code: string; name: string; level: RegionLevel }[];
}

interface LocatorState {
  revision: string;
  locator: RegionLocator;
  summaries: Map<string, { name: string; level: RegionLevel; path: string }>;
}

/**
 * Keeps a locator per process, rebuilt when the stored regions change (checked against
 * the revision table at most once every `checkEveryMs`).
 */
export class LocatorCache {
  #state: Promise<LocatorState> | null = null;
  #checkedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly checkEveryMs = 1000,
  ) {}

  /** The current locator state, rebuilding it when regions have changed. */
  async current(): Promise<LocatorState> {
    const now = Date.now();
    if (this.#state && now - this.#checkedAt < this.checkEveryMs) return this.#state;
    this.#checkedAt = now;
    const revision = await readRegionRevision(this.db);
    const state = this.#state ? await this.#state : null;
    if (state && state.revision === revision) return state;
    this.#state = this.#build(revision);
    try {
      return await this.#state;
    } catch (error) {
      this.#state = null;
      throw error;
    }
  }

  /** Forgets the index so the next call rebuilds it. */
  invalidate(): void {
    this.#state = null;
  }

  async #build(revision: string): Promise<LocatorState> {
    const [regions, summaries] = await Promise.all([listLocatableRegions(this.db), listRegionSummaries(this.db)]);
    return {
      revision,
      locator: RegionLocator.build(regions),
      summaries: new Map(summaries.map((s) => [s.code, { name: s.name, level: s.level, path: s.path }])),
    };
  }
}

/**
 * Finds the micro-grid that holds a point. A point in a micro-grid outside the actor's
 * scope is reported as not found, like any other record of another region.
 */
export async function locatePoint(options: {
  cache: LocatorCache;
  actor: Actor;
  lon: number;
  lat: number;
}): Promise<LocateResult> {
  const state = await options.cache.current();
  const code = state.locator.locate(options.lon, options.lat);
  const summary = code ? state.summaries.get(code) : undefined;
  if (!code || !summary || !isInScope(options.actor, summary.path)) return { found: false, chain: [] };
  const chain = codesOfPath(summary.path).map((c) => {
    const s = state.summaries.get(c);
    return { code: c, name: s?.name ?? c, level: s?.level ?? ('district' as RegionLevel) };
  });
  return { found: true, microgrid: { code, name: summary.name }, chain };
}

/**
 * Names, levels and paths of regions by code, from the locator's cached summaries (all
 * districts; callers present only what their actor may see).
 */
export async function describeRegions(options: {
  cache: LocatorCache;
  codes: Iterable<string>;
}): Promise<Map<string, { name: string; level: RegionLevel; path: string }>> {
  const state = await options.cache.current();
  const out = new Map<string, { name: string; level: RegionLevel; path: string }>();
  for (const code of options.codes) {
    const summary = state.summaries.get(code);
    if (summary) out.set(code, summary);
  }
  return out;
}

/** Every region whose path starts with `pathPrefix`, from the locator's cached summaries. */
export async function regionsUnder(options: {
  cache: LocatorCache;
  pathPrefix: string;
}): Promise<{ code: string; name: string; level: RegionLevel; path: string }[]> {
  const state = await options.cache.current();
  const out: { code: string; name: string; level: RegionLevel; path: string }[] = [];
  for (const [code, s] of state.summaries) if (s.path.startsWith(options.pathPrefix)) out.push({ code, ...s });
  return out;
}

/** The bounding boxes of a subtree's regions at one level (for sampling points, e.g. demo data). */
export async function listRegionBounds(options: {
  db: Db;
  pathPrefix: string;
  level: RegionLevel;
}): Promise<{ code: string; name: string; path: string; minLon: number; minLat: number; maxLon: number; maxLat: number }[]> {
  const rows = await listRegionBoxes(options.db, options.pathPrefix, options.level);
  return rows.map((r) => ({ code: r.code, name: r.name, path: r.path, minLon: r.min_lon, minLat: r.min_lat, maxLon: r.max_lon, maxLat: r.max_lat }));
}

/** A region's identity and place in the tree, for other domains that scope records by it. */
export interface RegionRef {
  code: string;
  districtCode: string;
  name: string;
  level: RegionLevel;
  path: string;
}

/** Resolves a region code in the actor's scope (else NOT_FOUND, naming `field`). */
export async function resolveRegion(options: { db: Db; actor: Actor; code: string; field?: string }): Promise<RegionRef> {
  try {
    const row = await getRegionRow(options.db, options.actor, options.code);
    return { code: row.code, districtCode: row.district_code, name: row.name, level: row.level, path: row.path };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND' && options.field) {
      throw new AppError('NOT_FOUND', error.message, { field: options.field, userMessage: error.userMessage });
    }
    throw error;
  }
}

/** How many regions are stored (all districts). */
export async function countRegions(options: { db: Db }): Promise<number> {
  const counts = await countRegionsByLevel(options.db, '/');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/**
 * A district and its towns by code and name, for domains that compute across towns
 * (rankings). Not scoped to an actor: callers present only what their actor may see.
 */
export async function listDistrictAndTowns(options: {
  db: Db;
  districtCode: string;
}): Promise<{ district: { code: string; name: string } | null; towns: { code: string; name: string; path: string }[] }> {
  const rows = await listRegions(options.db, {
    pathPrefix: `/${options.districtCode}/`,
    levels: ['district', 'town'],
    withGeometry: false,
  });
  const district = rows.find((r) => r.level === 'district');
  return {
    district: district ? { code: district.code, name: district.name } : null,
    towns: rows.filter((r) => r.level === 'town').map((r) => ({ code: r.code, name: r.name, path: r.path })),
  };
}

/**
 * The district an actor works in. People belong to one; the command line (which acts for
 * the whole platform) names one, or gets the only one there is.
 */
export async function districtOfActor(options: { db: Db; actor: Actor; requested?: string }): Promise<string> {
  const { db, actor, requested } = options;
  if (actor.regionPath !== '/') return actor.districtCode;
  if (requested) return (await resolveRegion({ db, actor, code: requested.slice(0, 6), field: 'district' })).districtCode;
  const roots = await findScopeRoots({ db, actor });
  if (roots.length !== 1) {
    throw new AppError('VALIDATION_FAILED', 'name the district', {
      field: 'district',
      userMessage: roots.length ? '有多个区县,请指定区县编码' : '还没有任何区县,请先导入区域',
    });
  }
  return (roots[0] as { code: string }).code;
}
