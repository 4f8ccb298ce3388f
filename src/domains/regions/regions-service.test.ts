import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/domains/audit/audit-service.js';
import { actorOf } from '@/domains/auth/auth-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { seedStandardDemo, createTestUser } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { findAuthUserByUsername } from '../auth/auth-repository.js';
import {
  countRegions,
  exportRegions,
  findRegions,
  getRegion,
  importRegions,
  locatePoint,
  renameRegion,
  LocatorCache,
} from './regions-service.js';

let t: TestDatabase;
const system = systemActor('test');
let guali: Actor;

async function actorFor(username: string): Promise<Actor> {
  const row = await findAuthUserByUsername(t.ctx.db, username);
  if (!row) throw new Error(`no user ${username}`);
  return actorOf(row);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  const user = await createTestUser(t.ctx, { role: 'town_admin', regionCode: '330109112' });
  guali = await actorFor(user.username);
});
afterAll(() => t.close());

describe('regions of the demo district', () => {
  it('has Guali shaped like seed 000', async () => {
    const detail = await getRegion({ db: t.ctx.db, actor: system, code: '330109112' });
    expect(detail.name).toBe('瓜沥镇');
    expect(detail.descendants).toMatchObject({ area: 3, community: 75, grid: 168, microgrid: 1644 });
    expect(detail.chain.map((c) => c.code)).toEqual(['330109']);
  });

  it('exports a town as GeoJSON that imports again without a change', async () => {
    const collection = await exportRegions({ db: t.ctx.db, actor: system, within: '330109110' });
    expect(collection.features.length).toBe(1 + 21 + 51 + 452);
    const before = await countRegions({ db: t.ctx.db });
    const summary = await importRegions({ db: t.ctx.db, actor: system, collection });
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: collection.features.length });
    expect(await countRegions({ db: t.ctx.db })).toBe(before);
  });

  it('exports only one level when asked', async () => {
    const towns = await exportRegions({ db: t.ctx.db, actor: system, level: 'town' });
    expect(towns.features.map((f) => f.properties?.level)).toEqual(Array(towns.features.length).fill('town'));
  });
});

describe('scope', () => {
  it('shows a town administrator only their town', async () => {
    const roots = await findRegions({ db: t.ctx.db, actor: guali, level: 'town', limit: 100 });
    expect(roots.map((r) => r.code)).toEqual(['330109112']);
  });

  it('answers "not found" for a grid of another town', async () => {
    const otherGrid = (await findRegions({ db: t.ctx.db, actor: system, level: 'grid', q: '330109110', limit: 1 }))[0]!;
    await expect(getRegion({ db: t.ctx.db, actor: guali, code: otherGrid.code })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not locate points in another town for a town administrator', async () => {
    const cache = new LocatorCache(t.ctx.db);
    const grid = await exportRegions({ db: t.ctx.db, actor: system, within: '330109110', level: 'microgrid' });
    const ring = (grid.features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const [lon, lat] = [(ring[0]![0]! + ring[2]![0]!) / 2, (ring[0]![1]! + ring[2]![1]!) / 2];
    expect((await locatePoint({ cache, actor: system, lon, lat })).found).toBe(true);
    expect((await locatePoint({ cache, actor: guali, lon, lat })).found).toBe(false);
  });

  it('refuses a town administrator an import into another town, writing nothing', async () => {
    const other = await exportRegions({ db: t.ctx.db, actor: system, within: '330109110', level: 'town' });
    other.features[0]!.properties!.name = '改名的所前镇';
    await expect(importRegions({ db: t.ctx.db, actor: guali, collection: other })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getRegion({ db: t.ctx.db, actor: system, code: '330109110' })).name).toBe('所前镇');
  });

  it('refuses an area administrator a community of the town outside the area, without hints', async () => {
    const areaAdmin = await actorFor((await createTestUser(t.ctx, { role: 'town_admin', regionCode: '330109112901' })).username);
    const outsideCommunity = (await findRegions({ db: t.ctx.db, actor: system, parent: '330109112902', limit: 1 }))[0]!;
    const grab = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: outsideCommunity.code, name: '抢来的', parent_code: '330109112901' }, geometry: null }] };
    await expect(importRegions({ db: t.ctx.db, actor: areaAdmin, collection: grab })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const unknownParent = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '330109112399', name: '新村', parent_code: '330109112999' }, geometry: null }] };
    await expect(importRegions({ db: t.ctx.db, actor: areaAdmin, collection: unknownParent })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not name regions outside the importer\'s scope in an overlap', async () => {
    const areaGrid = (await findRegions({ db: t.ctx.db, actor: system, parent: '330109112901', limit: 1 }))[0]!;
    const areaAdmin = await actorFor((await createTestUser(t.ctx, { role: 'town_admin', regionCode: '330109112901' })).username);
    const firstGrid = (await findRegions({ db: t.ctx.db, actor: system, parent: areaGrid.code, limit: 1 }))[0]!;
    const neighbour = await exportRegions({ db: t.ctx.db, actor: system, within: '330109112902', level: 'microgrid' });
    const stolenShape = neighbour.features[0]!.geometry;
    const collection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: `${firstGrid.code}98`, name: '越界' }, geometry: stolenShape }] };
    const error = (await importRegions({ db: t.ctx.db, actor: areaAdmin, collection }).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(JSON.stringify(error.details)).not.toContain(String(neighbour.features[0]!.properties!.code));
  });

  it('refuses a viewer any change', async () => {
    const viewer = await actorFor('viewer');
    await expect(renameRegion({ db: t.ctx.db, actor: viewer, code: '330109112', name: 'x', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('changes', () => {
  it('renames with optimistic concurrency: the second of two writers gets a conflict', async () => {
    const region = await getRegion({ db: t.ctx.db, actor: system, code: '330109112901' });
    const first = await renameRegion({ db: t.ctx.db, actor: guali, code: region.code, name: '瓜沥中心片区', version: region.version });
    expect(first.version).toBe(region.version + 1);
    const second = renameRegion({ db: t.ctx.db, actor: guali, code: region.code, name: '别的名字', version: region.version });
    await expect(second).rejects.toMatchObject({ code: 'CONFLICT', field: 'version' });
  });

  it('rejects a bad import whole: nothing of it is stored', async () => {
    const before = await countRegions({ db: t.ctx.db });
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '330109112901', name: '改名' }, geometry: null },
        { type: 'Feature', properties: { code: '330109112006099', name: '坏网格' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } },
      ],
    };
    const error = await importRegions({ db: t.ctx.db, actor: system, collection }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_GEOMETRY', field: 'features.1.geometry' });
    expect(await countRegions({ db: t.ctx.db })).toBe(before);
    expect((await getRegion({ db: t.ctx.db, actor: system, code: '330109112901' })).name).toBe('瓜沥中心片区');
  });

  it('rejects a collection with unknown top-level fields or wrong types', async () => {
    await expect(importRegions({ db: t.ctx.db, actor: system, collection: { type: 'FeatureCollection', features: [], extra: 1 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(importRegions({ db: t.ctx.db, actor: system, collection: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 330109, name: 'x' }, geometry: null }] } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'features.0.properties.code' });
  });

  it('rebuilds the locator when regions change', async () => {
    const cache = new LocatorCache(t.ctx.db, 0);
    const far = { lon: 120.05, lat: 30.05 };
    expect((await locatePoint({ cache, actor: system, ...far })).found).toBe(false);
    const square = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
    await importRegions({
      db: t.ctx.db,
      actor: system,
      collection: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: '330110', name: '另一区' }, geometry: square(120.0, 30.0, 120.09, 30.09) },
          { type: 'Feature', properties: { code: '330110001', name: '街道' }, geometry: square(120.0, 30.0, 120.09, 30.09) },
          { type: 'Feature', properties: { code: '330110001001', name: '社区' }, geometry: null },
          { type: 'Feature', properties: { code: '330110001001001', name: '网格' }, geometry: square(120.0, 30.0, 120.09, 30.09) },
          { type: 'Feature', properties: { code: '33011000100100101', name: '微网格' }, geometry: square(120.0, 30.0, 120.09, 30.09) },
        ],
      },
    });
    const result = await locatePoint({ cache, actor: system, ...far });
    expect(result).toMatchObject({ found: true, microgrid: { code: '33011000100100101' } });
    expect(result.chain.map((c) => c.level)).toEqual(['district', 'town', 'community', 'grid', 'microgrid']);
  });

  it('recorded every change in an intact audit chain', async () => {
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
