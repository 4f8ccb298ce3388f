/**
 * The supervision domain over HTTP: `/api/supervision/*` (items, actions, sources with bulk
 * 立项督办, deputies' suggestions, unit ratings and the 红黄黑榜, the sweep).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { presentItem, presentItemDetail, presentItemPage, presentSuggestionStats } from './supervision-presenter.js';
import {
  itemActionSchema,
  listItemsQuerySchema,
  raiseFromSourcesSchema,
  raiseItemSchema,
  ratingsQuerySchema,
  sourcesQuerySchema,
} from './supervision-schemas.js';
import {
  actOnItem,
  getItem,
  getSuggestionStats,
  getUnitRatings,
  listItems,
  listSources,
  listUnits,
  loadUnitNames,
  raiseFromSources,
  raiseSupervisionItem,
  runSupervisionSweep,
} from './supervision-service.js';

const refParams = z.object({ ref: z.string().regex(/^([0-9]{1,15}|[Dd][Bb][0-9]{4}-[0-9]{4,8})$/, '督办事项编号须为数字 id 或 DB2026-0001') });

/** Registers the supervision routes. */
export async function registerSupervisionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];

  r.get('/api/supervision/items', { schema: { tags, summary: '督办事项列表 Supervision items (filters: state, colour, source, unit)', querystring: listItemsQuerySchema } }, async (request) =>
    presentItemPage(await listItems({ db: ctx.db, actor: actorFrom(request), query: request.query })),
  );

  r.post('/api/supervision/items', { schema: { tags, summary: '立项督办 Raise an item (leadership instruction, deputy suggestion …)', body: raiseItemSchema } }, async (request, reply) => {
    const actor = actorFrom(request);
    const raised = await raiseSupervisionItem({ db: ctx.db, actor, input: request.body });
    const detail = await getItem({ db: ctx.db, actor, ref: String(raised.id) });
    return reply.code(201).send({ item: presentItem(detail.item, detail.names) });
  });

  r.get('/api/supervision/items/:ref', { schema: { tags, summary: '督办事项详情 An item with its timeline and notices', params: refParams } }, async (request) =>
    presentItemDetail(await getItem({ db: ctx.db, actor: actorFrom(request), ref: request.params.ref })),
  );

  r.post(
    '/api/supervision/items/:ref/actions',
    { schema: { tags, summary: '办理 Take a step (交办, 签收, 反馈, 提交办结申请, 审核通过, 驳回, 撤销, 见面, 答复, 评价)', params: refParams, body: itemActionSchema } },
    async (request) => {
      const actor = actorFrom(request);
      const state = await actOnItem({ db: ctx.db, actor, ref: request.params.ref, request: request.body });
      return { item: presentItem(state, await loadUnitNames({ db: ctx.db, actor })) };
    },
  );

  r.get('/api/supervision/sources', { schema: { tags, summary: '督办来源 Overdue-case notices, red indicators, lagging projects', querystring: sourcesQuerySchema } }, async (request) => ({
    sources: await listSources({ db: ctx.db, actor: actorFrom(request), kind: request.query.kind, period: request.query.period }),
  }));

  r.post('/api/supervision/sources/raise', { schema: { tags, summary: '批量立项督办 Raise items from sources (bulk; one result per source)', body: raiseFromSourcesSchema } }, async (request) =>
    raiseFromSources({ db: ctx.db, actor: actorFrom(request), input: request.body }),
  );

  r.get('/api/supervision/suggestions/stats', { schema: { tags, summary: '人大代表建议 Deputies’ suggestions with 见面率, 答复率, 满意率' } }, async (request) =>
    presentSuggestionStats(await getSuggestionStats({ db: ctx.db, actor: actorFrom(request) })),
  );

  r.get('/api/supervision/ratings', { schema: { tags, summary: '单位评价与红黄黑榜 Unit ratings for a month', querystring: ratingsQuerySchema } }, async (request) =>
    getUnitRatings({ db: ctx.db, actor: actorFrom(request), period: request.query.period }),
  );

  r.get('/api/supervision/units', { schema: { tags, summary: '可选单位 Departments and towns that lead or assist' } }, async (request) => ({
    units: await listUnits({ db: ctx.db, actor: actorFrom(request) }),
  }));

  r.post('/api/supervision/sweep', { schema: { tags, summary: '督办巡检 Recolour, flag overdue and escalate notices now (supervisor, admin)' } }, async (request) => ({
    result: await runSupervisionSweep({ db: ctx.db, actor: actorFrom(request) }),
  }));
}
