/**
 * Departments over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { listDepartments } from './departments-service.js';

/** Registers `/api/departments`. */
export async function registerDepartmentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/api/departments', { schema: { tags: ['departments'], summary: '职能部门 Departments' } }, async (request) => ({
    departments: await listDepartments({ db: ctx.db, actor: actorFrom(request) }),
  }));
}
