/**
 * Health of the service, public so that load balancers and monitors can ask.
 */
import type { FastifyInstance } from 'fastify';
import { pingDatabase } from '@/db/database.js';
import type { AppContext } from '@/server/context.js';

/** `GET /api/health`. */
export async function registerSystemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/health',
    { config: { isPublic: true }, schema: { tags: ['system'], summary: '健康检查 Health check' } },
    async () => {
      await pingDatabase(ctx.db);
      return { status: 'ok', engine: ctx.database.engine, time: new Date().toISOString() };
    },
  );
}
