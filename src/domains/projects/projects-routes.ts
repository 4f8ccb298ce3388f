/**
 * The projects domain over HTTP: `/api/projects/*`.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { AppError } from '@/shared/errors.js';
import { importProjectSheet } from './project-import.js';
import {
  decisionSchema,
  listProjectsQuerySchema,
  problemSchema,
  reportSchema,
  saveTagSchema,
  saveYearPlanSchema,
  stageRequestSchema,
  tagCodeSchema,
  thresholdsSchema,
  updateProjectSchema,
  createProjectSchema,
} from './projects-schemas.js';
import {
  createProject,
  decideStageChange,
  getProject,
  getProjectThresholds,
  getReportHistory,
  listLaggingProjects,
  listProjects,
  listStageRequests,
  listTags,
  raiseProjectProblem,
  reportProjectMonth,
  requestStageChange,
  saveTag,
  saveYearPlan,
  setProjectThresholds,
  updateProject,
} from './projects-service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Registers the projects routes. */
export async function registerProjectRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];
  const idParams = z.object({ id: z.coerce.number().int().positive() });
  const year = z.coerce.number().int().min(1990).max(2100);

  r.get('/api/projects', { schema: { tags, summary: '项目库 The library with lights, totals and stalled lists', querystring: listProjectsQuerySchema } }, async (request) =>
    listProjects({ db: ctx.db, actor: actorFrom(request), query: request.query }),
  );

  r.post('/api/projects', { schema: { tags, summary: '新增项目 Add a project', body: createProjectSchema } }, async (request, reply) =>
    reply.status(201).send({ project: await createProject({ db: ctx.db, actor: actorFrom(request), input: request.body }) }),
  );

  r.get('/api/projects/lagging', { schema: { tags, summary: '红黄灯项目 Red and yellow projects (the supervision source)' } }, async (request) => ({
    projects: await listLaggingProjects({ db: ctx.db, actor: actorFrom(request) }),
  }));

  r.get('/api/projects/tags', { schema: { tags, summary: '项目分类 Tag classes' } }, async (request) => ({ tags: await listTags({ db: ctx.db, actor: actorFrom(request) }) }));

  r.put(
    '/api/projects/tags/:code',
    { schema: { tags, summary: '维护项目分类 Create or change a tag class (admin)', params: z.object({ code: tagCodeSchema }), body: saveTagSchema } },
    async (request) => ({ tag: await saveTag({ db: ctx.db, actor: actorFrom(request), code: request.params.code, input: request.body }) }),
  );

  r.get('/api/projects/settings', { schema: { tags, summary: '亮灯阈值 Light thresholds in force' } }, async (request) => ({
    thresholds: await getProjectThresholds({ db: ctx.db, actor: actorFrom(request) }),
  }));

  r.put('/api/projects/settings', { schema: { tags, summary: '设置亮灯阈值 Set light thresholds (admin)', body: thresholdsSchema } }, async (request) => ({
    thresholds: await setProjectThresholds({ db: ctx.db, actor: actorFrom(request), thresholds: request.body }),
  }));

  r.get(
    '/api/projects/stage-requests',
    { schema: { tags, summary: '节点变更申请 Stage requests in scope', querystring: z.strictObject({ state: z.enum(['pending', 'approved', 'rejected']).optional() }) } },
    async (request) => ({ requests: await listStageRequests({ db: ctx.db, actor: actorFrom(request), state: request.query.state }) }),
  );

  r.post(
    '/api/projects/stage-requests/:id/decision',
    { schema: { tags, summary: '审批节点变更 Approve or reject a stage request', params: idParams, body: decisionSchema } },
    async (request) => ({ request: await decideStageChange({ db: ctx.db, actor: actorFrom(request), requestId: request.params.id, input: request.body }) }),
  );

  r.post(
    '/api/projects/import',
    { schema: { tags, summary: '导入项目库 Import an XLSX/CSV library (per-row report)', consumes: [XLSX, 'text/csv'] } },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as the raw body', { userMessage: `请以 ${XLSX} 或 text/csv 上传表格文件` });
      }
      const isCsv = String(request.headers['content-type'] ?? '').startsWith('text/csv');
      return importProjectSheet({ db: ctx.db, actor: actorFrom(request), data: body, format: isCsv ? 'csv' : 'xlsx' });
    },
  );

  r.get(
    '/api/projects/:id',
    { schema: { tags, summary: '项目详情 One project', params: idParams, querystring: z.strictObject({ year: year.optional() }) } },
    async (request) => getProject({ db: ctx.db, actor: actorFrom(request), id: request.params.id, year: request.query.year }),
  );

  r.patch('/api/projects/:id', { schema: { tags, summary: '修改项目 Change details, tags and planned dates', params: idParams, body: updateProjectSchema } }, async (request) =>
    updateProject({ db: ctx.db, actor: actorFrom(request), id: request.params.id, input: request.body }),
  );

  r.put(
    '/api/projects/:id/plans/:year',
    { schema: { tags, summary: '年度计划投资 Set a year plan', params: z.object({ id: z.coerce.number().int().positive(), year }), body: saveYearPlanSchema } },
    async (request) => ({ plan: await saveYearPlan({ db: ctx.db, actor: actorFrom(request), id: request.params.id, year: request.params.year, input: request.body }) }),
  );

  r.post('/api/projects/:id/reports', { schema: { tags, summary: '月度填报 Report a month (revisions keep history)', params: idParams, body: reportSchema } }, async (request, reply) =>
    reply.status(201).send({ report: await reportProjectMonth({ db: ctx.db, actor: actorFrom(request), id: request.params.id, input: request.body }) }),
  );

  r.get(
    '/api/projects/:id/reports/history',
    { schema: { tags, summary: '填报修订记录 Revisions of a month', params: idParams, querystring: z.strictObject({ year, month: z.coerce.number().int().min(1).max(12) }) } },
    async (request) => ({ revisions: await getReportHistory({ db: ctx.db, actor: actorFrom(request), id: request.params.id, year: request.query.year, month: request.query.month }) }),
  );

  r.post(
    '/api/projects/:id/stage-requests',
    { schema: { tags, summary: '申请节点变更 Ask to record a stage date', params: idParams, body: stageRequestSchema } },
    async (request, reply) => reply.status(201).send({ request: await requestStageChange({ db: ctx.db, actor: actorFrom(request), id: request.params.id, input: request.body }) }),
  );

  r.post(
    '/api/projects/:id/problems',
    { schema: { tags, summary: '反映问题 Raise a problem (becomes a supervision item)', params: idParams, body: problemSchema } },
    async (request, reply) => reply.status(201).send({ problem: await raiseProjectProblem({ db: ctx.db, actor: actorFrom(request), id: request.params.id, input: request.body }) }),
  );
}
