/**
 * Login, logout, the current user and API tokens over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listUserIdsInScope, getOwnAccount } from '@/domains/users/users-service.js';
import { createTokenSchema, loginSchema } from '@/domains/users/users-schemas.js';
import { actorFrom, SESSION_COOKIE } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { actorOf, createApiToken, listApiTokens, login, logout, revokeApiToken } from './auth-service.js';

/** Registers `/api/auth/*` and `/api/tokens`. */
export async function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { isPublic: true, rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '登录 Log in with a password', body: loginSchema },
    },
    async (request, reply) => {
      const result = await login({
        db: ctx.db,
        settings: ctx.auth,
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      void reply.setCookie(SESSION_COOKIE, result.sessionSecret, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.cookieSecure,
        expires: result.expiresAt,
      });
      const actor = actorOf(result.user, String(request.id));
      return { user: await getOwnAccount({ db: ctx.db, actor }) };
    },
  );

  r.post('/api/auth/logout', { config: { isPublic: true }, schema: { tags: ['auth'], summary: '退出 Log out' } }, async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) await logout({ db: ctx.db, sessionSecret: secret });
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户 The current user' } }, async (request) => ({
    user: await getOwnAccount({ db: ctx.db, actor: actorFrom(request) }),
  }));

  r.get('/api/tokens', { schema: { tags: ['auth'], summary: 'API 令牌列表 List API tokens' } }, async (request) => {
    const actor = actorFrom(request);
    const userIdsInScope = actor.role === 'admin' ? await listUserIdsInScope({ db: ctx.db, actor }) : [];
    return { tokens: await listApiTokens({ db: ctx.db, actor, userIdsInScope }) };
  });

  r.post(
    '/api/tokens',
    { schema: { tags: ['auth'], summary: '创建 API 令牌 Create an API token (shown once)', body: createTokenSchema } },
    async (request, reply) => {
      const actor = actorFrom(request);
      const own = await getOwnAccount({ db: ctx.db, actor });
      const result = await createApiToken({
        db: ctx.db,
        actor,
        username: request.body.username ?? own.username,
        name: request.body.name,
        expiresInDays: request.body.expiresInDays,
      });
      return reply.status(201).send({ token: result.token, ...result.view });
    },
  );

  r.delete(
    '/api/tokens/:id',
    { schema: { tags: ['auth'], summary: '吊销令牌 Revoke a token', params: z.object({ id: z.uuid() }) } },
    async (request) => {
      const actor = actorFrom(request);
      const userIdsInScope = actor.role === 'admin' ? await listUserIdsInScope({ db: ctx.db, actor }) : [];
      return revokeApiToken({ db: ctx.db, actor, tokenId: request.params.id, userIdsInScope });
    },
  );
}
