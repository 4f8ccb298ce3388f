/**
 * Reports over HTTP: the scorecard (成绩单) as a file to download or an HTML page to show.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { scorecardQuerySchema } from './reports-schemas.js';
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
  await Promise.resolve();
}
