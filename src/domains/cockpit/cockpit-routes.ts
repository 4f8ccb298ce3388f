/**
 * The cockpit (驾驶舱) over HTTP: the region cockpit, its overdue list, its live feed
 * (server-sent events) and the public portal's reads and report form.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { presentPublicReport, sseFrame } from './cockpit-presenter.js';
import { cockpitQuerySchema, liveQuerySchema, overdueQuerySchema, programmesQuerySchema, publicReportParams, publicReportSchema } from './cockpit-schemas.js';
import { getCockpit, getProgrammes, getPublicReport, getPublicStatistics, listOverdueCases, listPublicServices, resolveCockpitRegion, submitPublicReport } from './cockpit-service.js';
import { LiveFeed } from './cockpit-live.js';

/** Public reads per minute and address; the report form far fewer (a person reports a few a day). */
const PUBLIC_READS_PER_MINUTE = 120;
const PUBLIC_REPORTS_PER_MINUTE = 5;
/** A comment line keeps proxies from closing an idle event stream. */
const HEARTBEAT_MS = 20_000;

/** The head a reconnecting event stream last heard (its Last-Event-ID), if it is one. */
function lastEventId(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[0-9]{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** Registers `/api/cockpit/*` and `/api/public/portal/*`. */
export async function registerCockpitRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cockpit'];
  const deps = (request: Parameters<typeof actorFrom>[0]) => ({ db: ctx.db, cache: ctx.cases, actor: actorFrom(request) });
  // One poller per app (process), shared by every open cockpit.
  const feed = new LiveFeed(ctx.db);
  app.addHook('onClose', async () => feed.stop());
  // Open streams are ended before the server closes: it waits for its connections, and a
  // wall screen's stream never ends by itself. Browsers reconnect (to another process, or to
  // this one restarted) and resume from their last event id.
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const out of streams) out.end();
  });

  r.get('/api/cockpit', { schema: { tags, summary: '驾驶舱 The cockpit of a region', querystring: cockpitQuerySchema } }, async (request) => ({
    cockpit: await getCockpit({ ...deps(request), region: request.query.region, metric: request.query.metric }),
  }));

  r.get('/api/cockpit/overdue', { schema: { tags, summary: '超期红榜 Overdue open cases of a region', querystring: overdueQuerySchema } }, async (request) =>
    listOverdueCases({ ...deps(request), region: request.query.region, limit: request.query.limit }),
  );

  r.get('/api/cockpit/programmes', { schema: { tags, summary: '项目、民生实事与督办 Projects by light, promises by progress, open supervision items', querystring: programmesQuerySchema } }, async (request) =>
    getProgrammes({ ...deps(request), region: request.query.region }),
  );

  r.get('/api/cockpit/live', { schema: { tags, summary: '实时推送 Changes of the region\'s district (server-sent events)', querystring: liveQuerySchema } }, async (request, reply) => {
    const actor = actorFrom(request);
    // Resolving the region first answers NOT_FOUND for one outside the actor's scope.
    const region = await resolveCockpitRegion({ ...deps(request), region: request.query.region });
    const { districtCode } = region;
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    out.write(sseFrame('ready', { region: region.code, actor: actor.label }));
    // Each change carries its head as the event id, so a browser reconnecting by itself sends it
    // back (Last-Event-ID) and hears what it missed while away; a first connection says `since`.
    const since = lastEventId(request.headers['last-event-id']) ?? request.query.since;
    const unsubscribe = feed.subscribe(
      districtCode,
      (event) => out.write(`id: ${event.seq}\n${sseFrame('change', { seq: event.seq, entityTypes: event.entityTypes })}`),
      since,
    );
    const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    streams.add(out);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(out);
    });
  });

  const readConfig = { isPublic: true, rateLimit: { max: PUBLIC_READS_PER_MINUTE, timeWindow: '1 minute' } };
  r.get('/api/public/portal/statistics', { config: readConfig, schema: { tags, summary: '公众:各镇街事件统计 Case statistics by town (public)' } }, async () => ({
    statistics: await getPublicStatistics({ db: ctx.db, cache: ctx.cases }),
  }));

  r.get('/api/public/portal/services', { config: readConfig, schema: { tags, summary: '公众:可上报的问题类别 Report categories (public)' } }, async () => ({
    services: (await listPublicServices({ db: ctx.db, cache: ctx.cases })).map((s) => ({ code: s.service_code, name: s.service_name, group: s.group })),
  }));

  r.post(
    '/api/public/portal/reports',
    {
      config: { isPublic: true, rateLimit: { max: PUBLIC_REPORTS_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { tags, summary: '公众:上报问题 Report a problem (public, strictly rate-limited)', body: publicReportSchema },
    },
    async (request, reply) => {
      const receipt = await submitPublicReport({ db: ctx.db, cache: ctx.cases, input: request.body, requestId: String(request.id) });
      return reply.status(201).send({ report: receipt });
    },
  );

  r.get(
    '/api/public/portal/reports/:ref',
    { config: { isPublic: true, rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags, summary: '公众:查询办理进度 A report\'s status by number or token (public)', params: publicReportParams } },
    async (request) => ({ report: presentPublicReport(await getPublicReport({ db: ctx.db, cache: ctx.cases, ref: request.params.ref })) }),
  );
}
