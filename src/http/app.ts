/**
 * The HTTP application: Fastify with zod schemas per operation, the OpenAPI document,
 * authentication on every route that is not deliberately public, and the web UI.
 */
import '@/shared/zod-locale.js';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { authenticateSession, authenticateToken, actorOf } from '@/domains/auth/auth-service.js';
import type { AppContext } from '@/server/context.js';
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { handleError } from './http-errors.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { SESSION_COOKIE } from './request-actor.js';
import { registerRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated actor; absent on public routes. */
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** Routes that answer without authentication. */
    isPublic?: boolean;
  }
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Log requests (JSON lines with request ids); off in tests. */
  logger?: boolean;
  /** Where the built web UI lives; by default `web/dist` of the package. */
  webDir?: string;
}

/** Builds the application around `ctx`. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: ctx.config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
    // Errors the router raises before any route (a malformed URL) get the envelope too.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
  });

  await app.register(fastifyCookie);
  // One process counts rate limits in memory. Several processes on one port count in the
  // database, so a client gets the same limit whichever process its connections meet.
  await app.register(fastifyRateLimit, ctx.config.workers > 1 ? { global: false, store: databaseRateLimitStore(ctx.db) } : { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Shuzhi (数智) API',
        version: '0.1.0',
        description:
          'Digital governance platform for districts and towns. Authenticate with the session cookie from ' +
          '`POST /api/auth/login` or with `Authorization: Bearer <API token>`. Errors are `{code, message, field?, requestId}`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  // Deny by default: every /api route needs an actor unless it is marked public. The
  // decision uses the route the router matched (decoded), not the raw URL, so an encoded
  // path such as /%61pi/users cannot slip past.
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url ?? '';
    const path = safeDecode(request.url.split('?')[0] ?? '');
    const isApi = route.startsWith('/api') || path.startsWith('/api');
    if (!isApi || request.routeOptions.config?.isPublic || route.startsWith('/api/docs')) return;
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    const user = bearer
      ? await authenticateToken({ db: ctx.db, token: bearer })
      : cookie
        ? await authenticateSession({ db: ctx.db, sessionSecret: cookie })
        : undefined;
    if (!user) throw new AppError('UNAUTHENTICATED', 'no valid session or token');
    request.actor = actorOf(user, String(request.id));
  });

  await registerRoutes(app, ctx);
  app.get('/api/openapi.json', { config: { isPublic: true }, schema: { hide: true } }, async () => app.swagger());

  const webDir = options.webDir ?? defaultWebDir();
  if (existsSync(join(webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart.
    // Vite names each file under assets/ by its content (a changed file gets a new name), so a
    // browser may keep them for good instead of asking again on every page load.
    const assets = join(webDir, 'assets') + sep;
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      setHeaders: (reply, path) => {
        if (path.startsWith(assets)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      throw new AppError('NOT_FOUND', `no route ${request.method} ${request.url}`, { userMessage: '接口不存在' });
    }
    // Paths of the single-page UI (e.g. /regions) get its index page.
    if (existsSync(join(webDir, 'index.html'))) return reply.type('text/html').sendFile('index.html');
    return reply
      .type('text/html')
      .send('<!doctype html><meta charset="utf-8"><p>数智:前端尚未构建,请运行 <code>npm run build</code>。</p>');
  });
  return app;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function defaultWebDir(): string {
  // src/http/app.ts and dist/server/http/app.js both sit a fixed distance from the root.
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', '..', 'web', 'dist'), join(here, '..', '..', '..', 'web', 'dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? (candidates[0] as string);
}
