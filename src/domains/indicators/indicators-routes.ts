/**
 * Targets and indicators over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { AppError } from '@/shared/errors.js';
import { parseIndicatorSheet, readSheet, writeIndicatorWorkbook } from './indicator-sheet.js';
import {
  actualKeySchema,
  historyQuerySchema,
  periodQuerySchema,
  reportActualSchema,
  saveIndicatorSchema,
  saveTargetSchema,
  seriesQuerySchema,
  statusQuerySchema,
  thresholdsSchema,
} from './indicators-schemas.js';
import {
  confirmActual,
  getActualHistory,
  getBoard,
  getRanking,
  getSeries,
  getStatus,
  getThresholds,
  listIndicators,
  listTargets,
  loadImportContext,
  loadYearForExport,
  reportActual,
  saveIndicator,
  saveTarget,
  setThresholds,
  storeImportedFigures,
} from './indicators-service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Registers `/api/indicators/*`. */
export async function registerIndicatorRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['indicators'];
  const year = z.coerce.number().int().min(1990).max(2100);

  r.get('/api/indicators', { schema: { tags, summary: '指标目录 The indicator catalogue' } }, async (request) => ({
    indicators: await listIndicators({ db: ctx.db, actor: actorFrom(request) }),
  }));

  r.put(
    '/api/indicators/catalogue/:code',
    {
      schema: {
        tags,
        summary: '维护指标目录 Create or change a catalogue entry (admin; send the version to change)',
        params: z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, '指标编码须为大写字母开头的字母数字') }),
        body: saveIndicatorSchema,
      },
    },
    async (request) => ({ indicator: await saveIndicator({ db: ctx.db, actor: actorFrom(request), code: request.params.code, input: request.body }) }),
  );

  r.get('/api/indicators/thresholds', { schema: { tags, summary: '评价阈值 Rating thresholds in force' } }, async (request) => ({
    thresholds: await getThresholds({ db: ctx.db, actor: actorFrom(request) }),
  }));

  r.put(
    '/api/indicators/thresholds',
    { schema: { tags, summary: '设置评价阈值 Set the rating thresholds (admin)', body: thresholdsSchema } },
    async (request) => ({ thresholds: await setThresholds({ db: ctx.db, actor: actorFrom(request), thresholds: request.body }) }),
  );

  r.get(
    '/api/indicators/status',
    { schema: { tags, summary: '指标总览 Status of every indicator in a region and period', querystring: statusQuerySchema } },
    async (request) => getStatus({ db: ctx.db, actor: actorFrom(request), regionCode: request.query.region, period: request.query.period }),
  );

  r.get(
    '/api/indicators/board',
    { schema: { tags, summary: '红黄黑榜 The red-yellow-black board of a period', querystring: periodQuerySchema } },
    async (request) => getBoard({ db: ctx.db, actor: actorFrom(request), period: request.query.period }),
  );

  r.get(
    '/api/indicators/targets',
    { schema: { tags, summary: '目标与分解 Targets of a year and their decomposition', querystring: z.strictObject({ year }) } },
    async (request) => listTargets({ db: ctx.db, actor: actorFrom(request), year: request.query.year }),
  );

  r.put(
    '/api/indicators/targets',
    { schema: { tags, summary: '设定目标 Set a target (send the version you read to change one)', body: saveTargetSchema } },
    async (request) => ({ target: await saveTarget({ db: ctx.db, actor: actorFrom(request), input: request.body }) }),
  );

  r.post(
    '/api/indicators/actuals',
    { schema: { tags, summary: '填报数据 Report or revise a figure', body: reportActualSchema } },
    async (request, reply) => reply.status(201).send(await reportActual({ db: ctx.db, actor: actorFrom(request), input: request.body })),
  );

  r.post(
    '/api/indicators/actuals/confirm',
    { schema: { tags, summary: '确认数据 Confirm a flagged figure', body: actualKeySchema } },
    async (request) => confirmActual({ db: ctx.db, actor: actorFrom(request), key: request.body }),
  );

  r.get(
    '/api/indicators/actuals/history',
    { schema: { tags, summary: '修订记录 Revisions of a figure', querystring: historyQuerySchema } },
    async (request) =>
      getActualHistory({
        db: ctx.db,
        actor: actorFrom(request),
        indicatorCode: request.query.indicator,
        regionCode: request.query.region,
        year: request.query.year,
        month: request.query.month,
      }),
  );

  r.post(
    '/api/indicators/import',
    {
      schema: {
        tags,
        summary: '导入表格 Import an XLSX/CSV sheet (indicators × months)',
        querystring: z.strictObject({ year: year.optional() }),
        consumes: [XLSX, 'text/csv'],
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as the raw body', {
          userMessage: `请以 ${XLSX} 或 text/csv 上传表格文件`,
        });
      }
      const isCsv = String(request.headers['content-type'] ?? '').startsWith('text/csv');
      const actor = actorFrom(request);
      const context = await loadImportContext({ db: ctx.db, actor });
      let rows;
      try {
        rows = await readSheet(body, isCsv ? 'csv' : 'xlsx');
      } catch (error) {
        throw new AppError('VALIDATION_FAILED', `unreadable sheet: ${String(error)}`, { userMessage: '无法读取表格文件:请确认是 .xlsx 或 UTF-8 编码的 .csv' });
      }
      const parsed = parseIndicatorSheet(rows, { ...context, defaultYear: request.query.year });
      const stored = await storeImportedFigures({ db: ctx.db, actor, districtCode: context.districtCode, figures: parsed.figures });
      return { accepted: stored.accepted, unchanged: stored.unchanged, rejected: [...parsed.rejected, ...stored.rejected], warnings: stored.warnings };
    },
  );

  r.get(
    '/api/indicators/export',
    { schema: { tags, summary: '导出表格 Export a year as XLSX (the import layout)', querystring: z.strictObject({ year }) } },
    async (request, reply) => {
      const data = await loadYearForExport({ db: ctx.db, actor: actorFrom(request), year: request.query.year });
      const buffer = await writeIndicatorWorkbook({ year: request.query.year, ...data });
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="indicators-${request.query.year}.xlsx"`)
        .send(buffer);
    },
  );

  r.get(
    '/api/indicators/:code/series',
    { schema: { tags, summary: '指标月度序列 One indicator by month', params: z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/) }), querystring: seriesQuerySchema } },
    async (request) =>
      getSeries({ db: ctx.db, actor: actorFrom(request), indicatorCode: request.params.code, regionCode: request.query.region, year: request.query.year }),
  );

  r.get(
    '/api/indicators/:code/ranking',
    { schema: { tags, summary: '镇街排名 Towns ranked on one indicator', params: z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/) }), querystring: periodQuerySchema } },
    async (request) => getRanking({ db: ctx.db, actor: actorFrom(request), indicatorCode: request.params.code, period: request.query.period }),
  );
}
