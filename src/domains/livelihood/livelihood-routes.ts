/**
 * 民生实事 over HTTP: cycles and candidates, ballot sessions (roll, check-in, open, close,
 * count, runoff, the chair's live count, the deputy's ballot), tracked results, and the
 * public promises page (no login, rate limited).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { AppError } from '@/shared/errors.js';
import { resultSheetText } from './livelihood-presenter.js';
import {
  addMilestoneSchema,
  castBallotSchema,
  checkInSchema,
  createCycleSchema,
  createResultSchema,
  createSessionSchema,
  evaluateResultSchema,
  idParamSchema,
  promisesQuerySchema,
  proposeCandidateSchema,
  recordPaperBallotSchema,
  screenCandidateSchema,
  setPhaseSchema,
  setRollSchema,
  updateMilestoneSchema,
  updateResultSchema,
} from './livelihood-schemas.js';
import {
  addMilestone,
  castBallot,
  checkInDeputy,
  closeBallotSession,
  countBallotSession,
  createBallotSession,
  createCycle,
  createResult,
  createRunoffSession,
  evaluateResult,
  getBallotSession,
  getCycle,
  getLiveCount,
  getMyBallot,
  getResult,
  importResults,
  listCycles,
  listMyOpenSessions,
  listPublicPromises,
  listResults,
  openBallotSession,
  proposeCandidate,
  recordPaperBallot,
  screenCandidate,
  setBallotRoll,
  setCyclePhase,
  updateMilestone,
  updateResult,
} from './livelihood-service.js';

/** Requests per minute per address on the public promises page. */
const PUBLIC_RATE_PER_MINUTE = 120;

/** Registers `/api/livelihood/*` and `/api/public/promises`. */
export async function registerLivelihoodRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['livelihood'];
  const params = idParamSchema;
  const db = ctx.db;

  r.get('/api/livelihood/cycles', { schema: { tags, summary: '民生实事年度列表 Cycles in scope' } }, async (request) => ({
    cycles: await listCycles({ db, actor: actorFrom(request) }),
  }));

  r.post('/api/livelihood/cycles', { schema: { tags, summary: '创建年度民生实事 Open a cycle (managers)', body: createCycleSchema } }, async (request, reply) =>
    reply.status(201).send({ cycle: await createCycle({ db, actor: actorFrom(request), input: request.body }) }),
  );

  r.get('/api/livelihood/cycles/:id', { schema: { tags, summary: '年度详情 A cycle with candidates and sessions', params } }, async (request) =>
    getCycle({ db, actor: actorFrom(request), id: request.params.id }),
  );

  r.post('/api/livelihood/cycles/:id/phase', { schema: { tags, summary: '进入下一阶段 Move to the next phase (managers)', params, body: setPhaseSchema } }, async (request) => ({
    cycle: await setCyclePhase({ db, actor: actorFrom(request), id: request.params.id, input: request.body }),
  }));

  r.post('/api/livelihood/cycles/:id/candidates', { schema: { tags, summary: '提出候选项目 Propose a candidate (deputies, managers)', params, body: proposeCandidateSchema } }, async (request, reply) =>
    reply.status(201).send({ candidate: await proposeCandidate({ db, actor: actorFrom(request), cycleId: request.params.id, input: request.body }) }),
  );

  r.patch('/api/livelihood/candidates/:id', { schema: { tags, summary: '筛选论证 Screen a candidate (managers)', params, body: screenCandidateSchema } }, async (request) => ({
    candidate: await screenCandidate({ db, actor: actorFrom(request), id: request.params.id, input: request.body }),
  }));

  r.post('/api/livelihood/cycles/:id/sessions', { schema: { tags, summary: '设立票决会议 Set up the ballot (managers)', params, body: createSessionSchema } }, async (request, reply) =>
    reply.status(201).send({ session: await createBallotSession({ db, actor: actorFrom(request), cycleId: request.params.id, input: request.body }) }),
  );

  r.post('/api/livelihood/cycles/:id/paper-ballot', { schema: { tags, summary: '录入纸质票决结果 Record a paper ballot tally (managers)', params, body: recordPaperBallotSchema } }, async (request, reply) =>
    reply.status(201).send({ session: await recordPaperBallot({ db, actor: actorFrom(request), cycleId: request.params.id, input: request.body }) }),
  );

  r.get('/api/livelihood/my-sessions', { schema: { tags, summary: '我的票决 Open sessions the deputy is on the roll of' } }, async (request) => ({
    sessions: await listMyOpenSessions({ db, actor: actorFrom(request) }),
  }));

  r.get('/api/livelihood/sessions/:id', { schema: { tags, summary: '票决会议 A session', params } }, async (request) => getBallotSession({ db, actor: actorFrom(request), sessionId: request.params.id }));

  r.put('/api/livelihood/sessions/:id/roll', { schema: { tags, summary: '代表名单 Set the roll (managers, before opening)', params, body: setRollSchema } }, async (request) =>
    setBallotRoll({ db, actor: actorFrom(request), sessionId: request.params.id, userIds: request.body.userIds }),
  );

  r.post('/api/livelihood/sessions/:id/check-in', { schema: { tags, summary: '代表报到 The chair desk checks a deputy in (managers only)', params, body: checkInSchema } }, async (request) =>
    checkInDeputy({ db, actor: actorFrom(request), sessionId: request.params.id, userId: request.body.userId }),
  );

  for (const [verb, run, summary] of [
    ['open', openBallotSession, '开始投票 Open voting'],
    ['close', closeBallotSession, '结束投票 Close voting'],
    ['count', countBallotSession, '计票 Count'],
    ['runoff', createRunoffSession, '另行投票 New ballot among the tied'],
  ] as const) {
    r.post(`/api/livelihood/sessions/:id/${verb}`, { schema: { tags, summary: `${summary} (managers)`, params } }, async (request) => ({
      session: await run({ db, actor: actorFrom(request), sessionId: request.params.id }),
    }));
  }

  r.get('/api/livelihood/sessions/:id/live', { schema: { tags, summary: '实时计数 Live count for the chair (votes only after closing)', params } }, async (request) =>
    getLiveCount({ db, actor: actorFrom(request), sessionId: request.params.id }),
  );

  r.get('/api/livelihood/sessions/:id/sheet', { schema: { tags, summary: '计票结果单 The result sheet as text', params } }, async (request, reply) => {
    const { session, cycle } = await getBallotSession({ db, actor: actorFrom(request), sessionId: request.params.id });
    return reply.type('text/plain; charset=utf-8').send(resultSheetText(cycle, session));
  });

  r.get('/api/livelihood/sessions/:id/my-ballot', { schema: { tags, summary: '我的选票 The deputy ballot page', params } }, async (request) =>
    getMyBallot({ db, actor: actorFrom(request), sessionId: request.params.id }),
  );

  r.post('/api/livelihood/sessions/:id/ballots', { schema: { tags, summary: '投票 Cast a secret ballot (deputies on the roll, checked in)', params, body: castBallotSchema } }, async (request, reply) =>
    reply.status(201).send(await castBallot({ db, actor: actorFrom(request), sessionId: request.params.id, input: request.body })),
  );

  r.get('/api/livelihood/cycles/:id/results', { schema: { tags, summary: '实施跟踪 Results with weighted progress', params } }, async (request) =>
    listResults({ db, actor: actorFrom(request), cycleId: request.params.id }),
  );

  r.post('/api/livelihood/cycles/:id/results', { schema: { tags, summary: '新增事项 Add a result or sub-result', params, body: createResultSchema } }, async (request, reply) =>
    reply.status(201).send({ result: await createResult({ db, actor: actorFrom(request), cycleId: request.params.id, input: request.body }) }),
  );

  r.post('/api/livelihood/cycles/:id/results/import', { schema: { tags, summary: '导入事项 Import results from CSV', params, consumes: ['text/csv'] } }, async (request) => {
    const body = request.body;
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : null;
    if (text === null) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send text/csv', { userMessage: '请以 text/csv 上传文件' });
    return importResults({ db, actor: actorFrom(request), cycleId: request.params.id, csv: text });
  });

  r.get('/api/livelihood/results/:id', { schema: { tags, summary: '事项详情 A result with history and evaluations', params } }, async (request) =>
    getResult({ db, actor: actorFrom(request), id: request.params.id }),
  );

  r.patch('/api/livelihood/results/:id', { schema: { tags, summary: '填报进度 Report on a result', params, body: updateResultSchema } }, async (request) => ({
    result: await updateResult({ db, actor: actorFrom(request), id: request.params.id, input: request.body }),
  }));

  r.post('/api/livelihood/results/:id/milestones', { schema: { tags, summary: '新增节点 Add a milestone', params, body: addMilestoneSchema } }, async (request, reply) =>
    reply.status(201).send({ milestone: await addMilestone({ db, actor: actorFrom(request), resultId: request.params.id, input: request.body }) }),
  );

  r.patch('/api/livelihood/milestones/:id', { schema: { tags, summary: '节点完成 Mark a milestone done', params, body: updateMilestoneSchema } }, async (request) => ({
    milestone: await updateMilestone({ db, actor: actorFrom(request), id: request.params.id, input: request.body }),
  }));

  r.put('/api/livelihood/results/:id/evaluation', { schema: { tags, summary: '代表评议 A deputy evaluates a result', params, body: evaluateResultSchema } }, async (request) => ({
    evaluation: await evaluateResult({ db, actor: actorFrom(request), resultId: request.params.id, input: request.body }),
  }));

  r.get(
    '/api/public/promises',
    {
      config: { isPublic: true, rateLimit: { max: PUBLIC_RATE_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { tags, summary: '民生实事承诺公开 Public promises and their progress (no login)', security: [], querystring: promisesQuerySchema },
    },
    async (request) => ({ cycles: await listPublicPromises({ db, regionCode: request.query.region, year: request.query.year }) }),
  );
}
