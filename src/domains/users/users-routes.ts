/**
 * Accounts over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { ROLES } from '@/shared/actor.js';
import { createUserSchema, updateUserSchema } from './users-schemas.js';
import { createUser, getUser, listUsers, updateUser } from './users-service.js';

/** Registers `/api/users/*`. */
export async function registerUserRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  r.get(
    '/api/users',
    { schema: { tags, summary: '用户列表 Accounts in my scope', querystring: z.strictObject({ role: z.enum(ROLES).optional() }) } },
    async (request) => ({ users: await listUsers({ db: ctx.db, actor: actorFrom(request), role: request.query.role }) }),
  );
  r.post('/api/users', { schema: { tags, summary: '创建用户 Create an account', body: createUserSchema } }, async (request, reply) => {
    const user = await createUser({ db: ctx.db, actor: actorFrom(request), input: request.body });
    return reply.status(201).send({ user });
  });
  r.get(
    '/api/users/:id',
    { schema: { tags, summary: '用户详情 One account', params: z.object({ id: z.uuid('须为用户 id (UUID)') }) } },
    async (request) => ({ user: await getUser({ db: ctx.db, actor: actorFrom(request), id: request.params.id }) }),
  );
  r.patch(
    '/api/users/:id',
    { schema: { tags, summary: '修改用户 Change an account', params: z.object({ id: z.uuid('须为用户 id (UUID)') }), body: updateUserSchema } },
    async (request) => ({
      user: await updateUser({ db: ctx.db, actor: actorFrom(request), id: request.params.id, input: request.body }),
    }),
  );
}
