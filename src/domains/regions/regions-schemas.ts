/**
 * zod schemas of the regions operations: one per operation, shared by HTTP, CLI and UI.
 */
import { z } from 'zod';
import { REGION_LEVELS } from './region-codes.js';

/** A region code as it appears in a URL or flag. */
export const regionCodeSchema = z.string().regex(/^[0-9]{6,17}$/, '须为6–17位数字编码');

/** A GeoJSON FeatureCollection of regions, as imported. Geometry is checked by the planner. */
export const regionFeatureCollectionSchema = z.strictObject({
  type: z.literal('FeatureCollection'),
  name: z.string().optional(),
  crs: z.unknown().optional(),
  bbox: z.array(z.number()).optional(),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]).optional(),
        bbox: z.array(z.number()).optional(),
        properties: z.looseObject({
          code: z.string().min(1, '缺少编码'),
          name: z.string().trim().min(1, '缺少名称').max(100, '名称不超过100字'),
          level: z.enum(REGION_LEVELS).optional(),
          parent_code: z.string().nullable().optional(),
        }),
        geometry: z.unknown(),
      }),
    )
    .max(500_000, '一次最多导入50万个要素'),
});
/** The input of an import. */
export type RegionFeatureCollection = z.infer<typeof regionFeatureCollectionSchema>;

/** Query of `GET /api/regions`. */
export const listRegionsQuerySchema = z.strictObject({
  parent: regionCodeSchema.optional(),
  level: z.enum(REGION_LEVELS).optional(),
  q: z.string().max(50).optional(),
  after: regionCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/** Query of `GET /api/regions/geojson`. */
export const exportRegionsQuerySchema = z.strictObject({
  within: regionCodeSchema.optional(),
  level: z.enum(REGION_LEVELS).optional(),
});

/** Query of `GET /api/regions/locate`. */
export const locateQuerySchema = z.strictObject({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

/** Body of `PATCH /api/regions/:code`. */
export const renameRegionBodySchema = z.strictObject({
  name: z.string().trim().min(1, '名称不能为空').max(100, '名称不超过100字'),
  version: z.number().int().positive(),
});
