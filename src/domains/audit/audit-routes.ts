/**
 * The audit log over HTTP: read it and verify its hash chain.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { AppError } from '@/shared/errors.js';
import { auditDistrictsOf, listAudit, verifyAuditChain } from './audit-service.js';

/** Registers `/api/audit*`. */
export async function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit entries, newest first',
        querystring: z.strictObject({
          entityType: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
    },
    async (request) => {
      return { entries: await listAudit(ctx.db, { actor: actorFrom(request), ...request.query }) };
    },
  );
  r.get('/api/audit/verify', { schema: { tags: ['audit'], summary: '校验哈希链 Verify the hash chains' } }, async (request) => {
    const actor = actorFrom(request);
    if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'only admins verify the audit log', { userMessage: '只有管理员可以校验审计日志' });
    return verifyAuditChain(ctx.db, auditDistrictsOf(actor));
  });
}
