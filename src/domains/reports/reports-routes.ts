/**
 * Reports over HTTP: the scorecard (成绩单) as a file to download or an HTML page to show.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { z } from 'zod';
import { AppError } from '@/shared/errors.js';
import { getReportDocument, importReport, listReportDocuments, proposeReportImport, readUploadedReport } from './report-import-service.js';
import { importReportSchema, proposalsBodySchema, scorecardQuerySchema } from './reports-schemas.js';
import { writeScorecard } from './scorecard-service.js';

/** `attachment; filename*=UTF-8''…`: a Chinese file name that every browser keeps. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Registers the report routes. */
export async function registerReportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  r.get(
    '/api/reports/scorecard',
    { schema: { tags, summary: '成绩单 The scorecard of a region for a period (docx, md or html)', querystring: scorecardQuerySchema } },
    async (request, reply) => {
      const { region, period, format } = request.query;
      const file = await writeScorecard({ db: ctx.db, cache: ctx.cases, actor: actorFrom(request), regionCode: region, period, format });
      reply.header('content-type', file.contentType);
      // HTML is shown in the page; the other formats download.
      if (format !== 'html') reply.header('content-disposition', attachment(file.filename));
      reply.header('x-red-items', String(file.redItems));
      return reply.send(file.body);
    },
  );

  r.post(
    '/api/reports/read',
    {
      schema: {
        tags,
        summary: '读取报告 Read an uploaded report (UTF-8 text or .docx) to text',
        querystring: z.strictObject({ name: z.string().min(1).max(255) }),
      },
    },
    async (request) => {
      const body = request.body;
      const bytes = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body, 'utf8') : null;
      if (!bytes) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as the raw body', { field: 'file', userMessage: '请上传 .txt 或 .docx 文件' });
      return { text: await readUploadedReport(bytes, request.query.name) };
    },
  );

  r.post('/api/reports/proposals', { schema: { tags, summary: '识别与匹配 Figures of a report and proposed indicator records', body: proposalsBodySchema } }, async (request) =>
    proposeReportImport({ db: ctx.db, actor: actorFrom(request), ...request.body }),
  );

  r.post('/api/reports/imports', { schema: { tags, summary: '导入 Store a report and the records accepted from it', body: importReportSchema } }, async (request, reply) => {
    reply.code(201);
    return importReport({ db: ctx.db, actor: actorFrom(request), input: request.body });
  });

  r.get(
    '/api/reports/imports',
    { schema: { tags, summary: '已导入的报告 Reports imported in scope', querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }) } },
    async (request) => ({ items: await listReportDocuments({ db: ctx.db, actor: actorFrom(request), limit: request.query.limit }) }),
  );

  r.get(
    '/api/reports/imports/:id',
    { schema: { tags, summary: '报告详情 One imported report and its records', params: z.strictObject({ id: z.coerce.number().int().positive() }) } },
    async (request) => getReportDocument({ db: ctx.db, actor: actorFrom(request), id: request.params.id }),
  );
  await Promise.resolve();
}
