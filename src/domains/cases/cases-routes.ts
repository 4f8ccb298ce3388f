/**
 * The cases API over HTTP (docs/cases-api.md): catalogue, intake with Idempotency-Key,
 * attachments, lists and details, workflow steps, bulk import and metrics.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { districtOfActor } from '@/domains/regions/regions-service.js';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { CASE_NATURES } from '@/shared/case-vocabulary.js';
import { AppError } from '@/shared/errors.js';
import { createCategory, getCatalogue, updateCategory, updateNatureLimit } from './case-catalogue-service.js';
import { importHotlineCases } from './case-import-service.js';
import { getCaseMetrics } from './case-metrics-service.js';
import {
  actionBodySchema,
  bulkActionBodySchema,
  caseBodySchema,
  caseIdParams,
  caseListQuerySchema,
  categoryBodySchema,
  limitSchema,
  metricsQuerySchema,
} from './cases-schemas.js';
import { actOnCase, actOnCases, getCase, intakeCase, listCases, listNotices, readAttachment, uploadAttachment } from './cases-service.js';

function decodeFileName(header: string | undefined): string {
  try {
    return decodeURIComponent(header ?? 'attachment');
  } catch {
    throw new AppError('VALIDATION_FAILED', 'bad X-Filename', { field: 'X-Filename', userMessage: '文件名编码不正确' });
  }
}

/** Registers `/api/case-*` and `/api/cases/*`. */
export async function registerCaseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const deps = (request: FastifyRequest) => ({ db: ctx.db, cache: ctx.cases, actor: actorFrom(request) });
  const district = (request: FastifyRequest) => districtOfActor({ db: ctx.db, actor: actorFrom(request) });

  r.get('/api/case-categories', { schema: { tags, summary: '事件分类与12345性质 The category catalogue' } }, async (request) =>
    getCatalogue({ db: ctx.db, districtCode: await district(request) }),
  );

  r.post('/api/case-categories', { schema: { tags, summary: '新增分类 Add a category (admin)', body: categoryBodySchema } }, async (request, reply) => {
    const districtCode = await district(request);
    const { version: _version, ...input } = request.body;
    const category = await createCategory({ db: ctx.db, actor: actorFrom(request), districtCode, input });
    ctx.cases.invalidate(districtCode);
    return reply.code(201).send({ category });
  });

  r.put(
    '/api/case-categories/:code',
    { schema: { tags, summary: '修改分类 Edit a category (admin)', params: z.object({ code: z.string() }), body: categoryBodySchema } },
    async (request) => {
      const districtCode = await district(request);
      const { version, ...input } = request.body;
      if (input.code !== request.params.code) throw new AppError('VALIDATION_FAILED', 'code differs from the path', { field: 'code' });
      if (version === undefined) throw new AppError('VALIDATION_FAILED', 'version is required', { field: 'version', userMessage: '请提供读取时的版本号' });
      const category = await updateCategory({ db: ctx.db, actor: actorFrom(request), districtCode, input, version });
      ctx.cases.invalidate(districtCode);
      return { category };
    },
  );

  r.put(
    '/api/case-natures/:code',
    {
      schema: {
        tags,
        summary: '修改12345性质时限 Edit a nature\'s limit (admin)',
        params: z.object({ code: z.enum(CASE_NATURES) }),
        body: z.strictObject({ limit: limitSchema, version: z.number().int().positive() }),
      },
    },
    async (request) => {
      const districtCode = await district(request);
      const nature = await updateNatureLimit({ db: ctx.db, actor: actorFrom(request), districtCode, code: request.params.code, ...request.body });
      ctx.cases.invalidate(districtCode);
      return { nature };
    },
  );

  r.post(
    '/api/case-attachments',
    { schema: { tags, summary: '上传附件 Upload a photo or document (raw body)', headers: z.object({ 'x-filename': z.string().max(600).optional() }).loose() } },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as the raw body', { field: 'file', userMessage: '请以文件内容作为请求体上传' });
      const name = decodeFileName(request.headers['x-filename']);
      const mime = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      const attachment = await uploadAttachment({ db: ctx.db, actor: actorFrom(request), name, mime, data: body });
      return reply.code(201).send({ attachment });
    },
  );

  r.get('/api/case-attachments/:id', { schema: { tags, summary: '下载附件 An attachment', params: z.object({ id: z.string() }) } }, async (request, reply) => {
    const file = await readAttachment({ db: ctx.db, actor: actorFrom(request), id: request.params.id });
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('cache-control', 'private, max-age=3600')
      .send(Buffer.from(file.data));
  });

  r.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '登记事件 Report a case (Idempotency-Key supported)',
        body: caseBodySchema,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(100).optional() }).loose(),
      },
    },
    async (request, reply) => {
      const { occurredAt, ...body } = request.body;
      const result = await intakeCase({
        ...deps(request),
        input: { ...body, occurredAt: occurredAt ? new Date(occurredAt) : null },
        idempotencyKey: request.headers['idempotency-key'] ?? null,
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.replayed ? 200 : 201).send({ case: result.case });
    },
  );

  r.post(
    '/api/cases/import',
    {
      schema: {
        tags,
        summary: '导入12345工单 Import a hotline export (raw CSV or XLSX body)',
        querystring: z.strictObject({ format: z.enum(['csv', 'xlsx']).optional(), name: z.string().max(200).optional() }),
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as the raw body', { field: 'file', userMessage: '请上传 CSV 或 XLSX 文件' });
      const type = request.headers['content-type'] ?? '';
      const format = request.query.format ?? (type.includes('csv') ? 'csv' : 'xlsx');
      return importHotlineCases({ ...deps(request), input: Readable.from([body]), format, fileName: request.query.name });
    },
  );

  r.get('/api/cases', { schema: { tags, summary: '案件列表 Cases in scope', querystring: caseListQuerySchema } }, async (request) =>
    listCases({ ...deps(request), filters: request.query }),
  );

  r.get('/api/cases/metrics', { schema: { tags, summary: '事件指标 Case metrics (STANDARDS §5)', querystring: metricsQuerySchema } }, async (request) =>
    getCaseMetrics({ ...deps(request), ...request.query }),
  );

  r.get(
    '/api/supervision-notices',
    { schema: { tags, summary: '督办通知 Supervision notices raised by overdue cases', querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }) } },
    async (request) => ({ items: await listNotices({ db: ctx.db, actor: actorFrom(request), limit: request.query.limit }) }),
  );

  r.get('/api/cases/:id', { schema: { tags, summary: '案件详情 One case', params: caseIdParams } }, async (request) => ({
    case: await getCase({ ...deps(request), id: request.params.id }),
  }));

  r.post(
    '/api/cases/:id/actions',
    { schema: { tags, summary: '办理 Take a workflow step (optimistic on version)', params: caseIdParams, body: actionBodySchema } },
    async (request) => ({ case: await actOnCase({ ...deps(request), id: request.params.id, request: request.body }) }),
  );

  r.post('/api/cases/bulk-actions', { schema: { tags, summary: '批量办理 One step on many cases', body: bulkActionBodySchema } }, async (request) => {
    const { cases, ...params } = request.body;
    return actOnCases({ ...deps(request), cases, request: params });
  });
}
