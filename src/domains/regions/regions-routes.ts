/**
 * Regions over HTTP: browse the tree, read a region, export and import GeoJSON, locate
 * a point, rename.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import {
  exportRegionsQuerySchema,
  listRegionsQuerySchema,
  locateQuerySchema,
  regionCodeSchema,
  renameRegionBodySchema,
} from './regions-schemas.js';
import {
  exportRegions,
  findRegions,
  findScopeRoots,
  getRegion,
  importRegions,
  locatePoint,
  renameRegion,
} from './regions-service.js';

/** Registers `/api/regions/*`. */
export async function registerRegionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['regions'];

  r.get('/api/regions/roots', { schema: { tags, summary: '我的辖区 The roots of my scope' } }, async (request) => ({
    regions: await findScopeRoots({ db: ctx.db, actor: actorFrom(request) }),
  }));

  r.get(
    '/api/regions',
    { schema: { tags, summary: '区域列表 Children, a level or a search', querystring: listRegionsQuerySchema } },
    async (request) => ({ regions: await findRegions({ db: ctx.db, actor: actorFrom(request), ...request.query }) }),
  );

  r.get(
    '/api/regions/geojson',
    { schema: { tags, summary: '导出 GeoJSON Export as a FeatureCollection', querystring: exportRegionsQuerySchema } },
    async (request, reply) => {
      const collection = await exportRegions({ db: ctx.db, actor: actorFrom(request), ...request.query });
      return reply.type('application/geo+json; charset=utf-8').send(JSON.stringify(collection));
    },
  );

  r.get(
    '/api/regions/locate',
    { schema: { tags, summary: '坐标定位 Which micro-grid holds a point', querystring: locateQuerySchema } },
    async (request) => locatePoint({ cache: ctx.locator, actor: actorFrom(request), ...request.query }),
  );

  r.post(
    '/api/regions/import',
    {
      schema: {
        tags,
        summary: '导入 GeoJSON Import a FeatureCollection (all or nothing)',
        body: z.unknown().describe('A GeoJSON FeatureCollection whose features carry properties code, name, level?, parent_code?'),
      },
    },
    async (request) => {
      const summary = await importRegions({ db: ctx.db, actor: actorFrom(request), collection: request.body });
      ctx.locator.invalidate();
      return summary;
    },
  );

  r.get(
    '/api/regions/:code',
    { schema: { tags, summary: '区域详情 A region with its chain of parents', params: z.object({ code: regionCodeSchema }) } },
    async (request) => getRegion({ db: ctx.db, actor: actorFrom(request), code: request.params.code }),
  );

  r.patch(
    '/api/regions/:code',
    {
      schema: {
        tags,
        summary: '重命名 Rename (optimistic: send the version you read)',
        params: z.object({ code: regionCodeSchema }),
        body: renameRegionBodySchema,
      },
    },
    async (request) => {
      const view = await renameRegion({ db: ctx.db, actor: actorFrom(request), code: request.params.code, ...request.body });
      ctx.locator.invalidate();
      return view;
    },
  );
}
