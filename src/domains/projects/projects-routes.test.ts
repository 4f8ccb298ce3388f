import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoProjects } from '@/domains/demo/demo-projects.js';
import { buildApp } from '@/http/app.js';
import { systemActor, type Role } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { sessionCookie } from '../../../test/helpers/inject-login.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { getItem } from '@/domains/supervision/supervision-service.js';
import { listLaggingProjects, listProjects } from './projects-service.js';

let t: TestDatabase;
let app: FastifyInstance;
const district = '330109';
const guali = '330109112';
/** The demo's "today": reports run through October 2026. */
const NOW = new Date('2026-11-22T04:00:00Z');

async function login(role: Role, regionCode = district, departmentCode?: string): Promise<string> {
  const user = await createTestUser(t.ctx, { role, regionCode, departmentCode });
  return sessionCookie(app, user);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  await seedDemoProjects({ db: t.ctx.db, districtCode: district, now: NOW });
  app = await buildApp(t.ctx);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the demo library and its lights', () => {
  it('seeds 54 projects once, most of them in Guali', async () => {
    expect(await seedDemoProjects({ db: t.ctx.db, districtCode: district, now: NOW })).toBe(0);
    const library = await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW });
    expect(library.period).toEqual({ year: 2026, month: 10 });
    expect(library.totals.count).toBe(54);
    expect(library.projects.filter((p) => p.townCode === guali).length).toBe(30);
    expect(new Set(library.projects.map((p) => p.stage))).toEqual(new Set(['signed', 'land', 'started', 'topped', 'completed', 'operating']));
    expect(library.stalled.signed_not_started).toHaveLength(10);
    expect(library.stalled.started_not_completed).toHaveLength(32);
    expect(library.stalled.completed_not_operating).toHaveLength(7);
  });

  it('lights every project by STANDARDS §7, with green, yellow and red all present', async () => {
    const { projects, totals } = await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW });
    expect(totals.lights.green).toBeGreaterThan(10);
    expect(totals.lights.yellow).toBeGreaterThan(3);
    expect(totals.lights.red).toBeGreaterThan(3);
    for (const p of projects) {
      // Recompute the light from the figures the page shows.
      const behind = p.plannedThisYear ? (10 / 12 - p.completedYtd / p.plannedThisYear) * 100 : null;
      const investment = behind === null ? 'none' : behind > 30 ? 'red' : behind >= 10 ? 'yellow' : 'green';
      const late = p.startMonthsLate;
      const start = late === null ? 'none' : late >= 3 ? 'red' : late >= 1 ? 'yellow' : 'green';
      const order = ['none', 'green', 'yellow', 'red'];
      const expected = order[Math.max(order.indexOf(investment), order.indexOf(start))];
      expect({ code: p.code, light: p.light }).toEqual({ code: p.code, light: expected });
      if (p.stage === 'signed' || p.stage === 'land') expect(p.startMonthsLate).not.toBeNull();
    }
    // The ten projects not started: planned starts from 5 months ago to 4 months ahead.
    const notStarted = projects.filter((p) => p.startMonthsLate !== null);
    expect(notStarted.map((p) => p.startLight).sort()).toEqual(['green', 'green', 'green', 'green', 'red', 'red', 'red', 'yellow', 'yellow', 'yellow']);
  });

  it('offers red and yellow projects to supervision, red first', async () => {
    const lagging = await listLaggingProjects({ db: t.ctx.db, actor: systemActor(), now: NOW });
    const { totals } = await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW });
    expect(lagging).toHaveLength(totals.lights.red + totals.lights.yellow);
    expect(lagging[0]?.light).toBe('red');
    for (const l of lagging) expect(l.reason).not.toBe('');
  });

  it('filters the library over HTTP and keeps towns to their own projects', async () => {
    const viewer = await login('viewer');
    const red = await app.inject({ method: 'GET', url: '/api/projects?light=red', headers: { cookie: viewer } });
    expect(red.statusCode).toBe(200);
    expect(red.json().projects.length).toBeGreaterThan(0);
    for (const p of red.json().projects) expect(p.light).toBe('red');
    const town = await login('town_admin', '330109110');
    const own = await app.inject({ method: 'GET', url: '/api/projects', headers: { cookie: town } });
    expect(own.json().projects.length).toBe(3);
    const gualiProject = (await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW })).projects.find((p) => p.townCode === guali);
    const hidden = await app.inject({ method: 'GET', url: `/api/projects/${gualiProject?.id}`, headers: { cookie: town } });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('NOT_FOUND');
  });
});

describe('changes and bad input', () => {
  async function gualiTownProject(stage: string) {
    const { projects } = await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW });
    const project = projects.find((p) => p.townCode === guali && p.level === 'town' && p.stage === stage);
    if (!project) throw new Error(`no ${stage} project`);
    return project;
  }

  it('refuses a report for a future month, negative investment, and keeps what was stored', async () => {
    const admin = await login('admin');
    const project = await gualiTownProject('started');
    const before = await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: admin } });
    const future = await app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/reports`,
      headers: { cookie: admin },
      payload: { year: 2099, month: 1, completedInvestment: 1e6 },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('FUTURE_PERIOD');
    const negative = await app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/reports`,
      headers: { cookie: admin },
      payload: { year: 2026, month: 10, completedInvestment: -5 },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().code).toBe('VALIDATION_FAILED');
    expect(negative.json().field).toMatch(/(^|\.)completedInvestment$/);
    const created = await app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: admin },
      payload: { code: 'BAD-1', name: '负投资', level: 'district', ownerUnit: '某公司', totalInvestment: -1 },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().field).toMatch(/(^|\.)totalInvestment$/);
    const after = await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: admin } });
    expect(after.json().reports).toEqual(before.json().reports);
    expect(after.json().project.completedYtd).toBe(before.json().project.completedYtd);
  });

  it('revises a month and keeps the earlier revision', async () => {
    const admin = await login('admin');
    const project = await gualiTownProject('topped');
    const url = `/api/projects/${project.id}/reports`;
    const first = await app.inject({ method: 'POST', url, headers: { cookie: admin }, payload: { year: 2026, month: 10, completedInvestment: 1_230_000, progress: '主体施工' } });
    expect(first.statusCode).toBe(201);
    const second = await app.inject({ method: 'POST', url, headers: { cookie: admin }, payload: { year: 2026, month: 10, completedInvestment: 1_500_000, progress: '主体施工(更正)' } });
    expect(second.json().report.revision).toBe(first.json().report.revision + 1);
    const history = await app.inject({ method: 'GET', url: `${url}/history?year=2026&month=10`, headers: { cookie: admin } });
    expect(history.json().revisions.map((r: { completedInvestment: number }) => r.completedInvestment).slice(0, 2)).toEqual([1_500_000, 1_230_000]);
  });

  it('refuses milestones out of order, in a stage request and in planned dates, changing nothing', async () => {
    const admin = await login('admin');
    const project = await gualiTownProject('signed');
    const detail = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: admin } })).json();
    const signed = detail.milestones.find((m: { stage: string }) => m.stage === 'signed').actualDate as string;
    const dayBefore = new Date(Date.parse(`${signed}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const request = await app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/stage-requests`,
      headers: { cookie: admin },
      payload: { stage: 'started', actualDate: dayBefore },
    });
    expect(request.statusCode).toBe(400);
    expect(request.json().code).toBe('MILESTONE_OUT_OF_ORDER');
    expect(request.json().field).toBe('actualDate');
    const plannedSigned = detail.milestones.find((m: { stage: string }) => m.stage === 'signed').plannedDate as string;
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: { cookie: admin },
      payload: { version: detail.project.version, plannedDates: [{ stage: 'land', plannedDate: '2001-01-01' }] },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().code).toBe('MILESTONE_OUT_OF_ORDER');
    expect(patch.json().field).toBe('plannedDates.0.plannedDate');
    const after = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: admin } })).json();
    expect(after.milestones).toEqual(detail.milestones);
    expect(after.milestones.find((m: { stage: string }) => m.stage === 'signed').plannedDate).toBe(plannedSigned);
    expect(after.requests.length).toBe(detail.requests.length);
  });

  it('records a stage only after the owner supervisor approves; the requester cannot approve', async () => {
    const requester = await login('town_admin', guali);
    const colleague = await login('town_admin', guali);
    const viewer = await login('viewer');
    const project = (await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW })).projects.find(
      (p) => p.townCode === guali && p.level === 'town' && p.stage === 'started',
    );
    if (!project) throw new Error('no started town project');
    const detail = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: requester } })).json();
    const started = detail.milestones.find((m: { stage: string }) => m.stage === 'started').actualDate as string;
    const date = started > '2026-11-01' ? started : '2026-11-01';
    const filed = await app.inject({ method: 'POST', url: `/api/projects/${project.id}/stage-requests`, headers: { cookie: requester }, payload: { stage: 'topped', actualDate: date } });
    expect(filed.statusCode).toBe(201);
    const id = filed.json().request.id;
    const again = await app.inject({ method: 'POST', url: `/api/projects/${project.id}/stage-requests`, headers: { cookie: requester }, payload: { stage: 'topped', actualDate: date } });
    expect(again.statusCode).toBe(409);
    const own = await app.inject({ method: 'POST', url: `/api/projects/stage-requests/${id}/decision`, headers: { cookie: requester }, payload: { approve: true, version: 1 } });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('FORBIDDEN');
    const byViewer = await app.inject({ method: 'POST', url: `/api/projects/stage-requests/${id}/decision`, headers: { cookie: viewer }, payload: { approve: true, version: 1 } });
    expect(byViewer.statusCode).toBe(403);
    const unchanged = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: colleague } })).json();
    expect(unchanged.project.stage).toBe('started');
    const approved = await app.inject({ method: 'POST', url: `/api/projects/stage-requests/${id}/decision`, headers: { cookie: colleague }, payload: { approve: true, version: 1 } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().request.state).toBe('approved');
    const after = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: colleague } })).json();
    expect(after.project.stage).toBe('topped');
    expect(after.milestones.find((m: { stage: string }) => m.stage === 'topped').actualDate).toBe(date);
    const twice = await app.inject({ method: 'POST', url: `/api/projects/stage-requests/${id}/decision`, headers: { cookie: colleague }, payload: { approve: true, version: 2 } });
    expect(twice.statusCode).toBe(409);
  });

  it('lets a 区级 stage change be approved by the district supervisor only', async () => {
    const admin = await login('admin');
    const townAdmin = await login('town_admin', guali);
    const supervisor = await login('supervisor');
    const project = (await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW })).projects.find(
      (p) => p.townCode === guali && p.level === 'district' && p.stage === 'topped',
    );
    if (!project) throw new Error('no topped district project');
    const detail = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: admin } })).json();
    const topped = detail.milestones.find((m: { stage: string }) => m.stage === 'topped').actualDate as string;
    const filed = await app.inject({ method: 'POST', url: `/api/projects/${project.id}/stage-requests`, headers: { cookie: townAdmin }, payload: { stage: 'completed', actualDate: topped } });
    expect(filed.statusCode).toBe(201);
    const id = filed.json().request.id;
    const byTown = await app.inject({ method: 'POST', url: `/api/projects/stage-requests/${id}/decision`, headers: { cookie: await login('town_admin', guali) }, payload: { approve: true, version: 1 } });
    expect(byTown.statusCode).toBe(403);
    const rejected = await app.inject({ method: 'POST', url: `/api/projects/stage-requests/${id}/decision`, headers: { cookie: supervisor }, payload: { approve: false, note: '请补充竣工验收材料', version: 1 } });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().request.state).toBe('rejected');
  });

  it('lets only a district-wide admin change level or town (they choose the approver)', async () => {
    const townAdmin = await login('town_admin', guali);
    const project = await gualiTownProject('started');
    const detail = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: townAdmin } })).json();
    const toDistrict = await app.inject({ method: 'PATCH', url: `/api/projects/${project.id}`, headers: { cookie: townAdmin }, payload: { version: detail.project.version, level: 'district' } });
    expect([toDistrict.statusCode, toDistrict.json().field]).toEqual([403, 'level']);
    const owned = (await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW })).projects.find((p) => p.ownerDepartmentCode === 'ZJ' && p.townCode !== null);
    const handler = await login('department_handler', district, 'ZJ');
    const ownedDetail = (await app.inject({ method: 'GET', url: `/api/projects/${owned?.id}`, headers: { cookie: handler } })).json();
    const moved = await app.inject({ method: 'PATCH', url: `/api/projects/${owned?.id}`, headers: { cookie: handler }, payload: { version: ownedDetail.project.version, townCode: null, level: 'district' } });
    expect(moved.statusCode).toBe(403);
    const unchanged = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: townAdmin } })).json();
    expect(unchanged.project.level).toBe('town');
  });

  it('decides a stage request by the approver rule of when it was filed', async () => {
    const requester = await login('town_admin', guali);
    const colleague = await login('town_admin', guali);
    const admin = await login('admin');
    const project = await gualiTownProject('topped');
    const detail = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: requester } })).json();
    const topped = detail.milestones.find((m: { stage: string }) => m.stage === 'topped').actualDate as string;
    const filed = await app.inject({ method: 'POST', url: `/api/projects/${project.id}/stage-requests`, headers: { cookie: requester }, payload: { stage: 'completed', actualDate: topped } });
    expect(filed.statusCode).toBe(201);
    // The district admin makes it a 区级 project afterwards: the town still decides this request.
    const current = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: admin } })).json();
    const relevelled = await app.inject({ method: 'PATCH', url: `/api/projects/${project.id}`, headers: { cookie: admin }, payload: { version: current.project.version, level: 'district' } });
    expect(relevelled.statusCode).toBe(200);
    const listed = (await app.inject({ method: 'GET', url: '/api/projects/stage-requests', headers: { cookie: colleague } })).json();
    expect(listed.requests.find((r: { id: number }) => r.id === filed.json().request.id)?.canDecide).toBe(true);
    const decided = await app.inject({ method: 'POST', url: `/api/projects/stage-requests/${filed.json().request.id}/decision`, headers: { cookie: colleague }, payload: { approve: true, version: 1 } });
    expect(decided.statusCode).toBe(200);
  });

  it('serialises concurrent decisions so stage dates stay in order, and concurrent duplicates', async () => {
    const requester = await login('town_admin', guali);
    const approverA = await login('town_admin', guali);
    const approverB = await login('town_admin', guali);
    const project = await gualiTownProject('started');
    const detail = (await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: { cookie: requester } })).json();
    const started = detail.milestones.find((m: { stage: string }) => m.stage === 'started').actualDate as string;
    const file = (stage: string, actualDate: string) => app.inject({ method: 'POST', url: `/api/projects/${project.id}/stage-requests`, headers: { cookie: requester }, payload: { stage, actualDate } });
    // Each valid against the stored dates, but not together: completed before topped.
    const [topped, completed] = await Promise.all([file('topped', '2026-11-20'), file('completed', '2026-11-10')]);
    expect(started <= '2026-11-10').toBe(true);
    expect([topped.statusCode, completed.statusCode]).toEqual([201, 201]);
    const decide = (cookie: string, id: number) => app.inject({ method: 'POST', url: `/api/projects/stage-requests/${id}/decision`, headers: { cookie }, payload: { approve: true, version: 1 } });
    const answers = await Promise.all([decide(approverA, topped.json().request.id), decide(approverB, completed.json().request.id)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    expect(answers.find((a) => a.statusCode === 400)?.json().code).toBe('MILESTONE_OUT_OF_ORDER');
    const dupes = await Promise.all([file('operating', '2026-11-21'), file('operating', '2026-11-21')]);
    expect(dupes.map((d) => d.statusCode).sort()).toEqual([201, 409]);
  });

  it('lets a department edit only the projects it owns', async () => {
    const handler = await login('department_handler', district, 'ZJ');
    const { projects } = await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW });
    const owned = projects.find((p) => p.ownerDepartmentCode === 'ZJ' && p.plannedThisYear !== null);
    const other = projects.find((p) => p.ownerDepartmentCode !== 'ZJ' && p.plannedThisYear !== null);
    const ok = await app.inject({ method: 'POST', url: `/api/projects/${owned?.id}/reports`, headers: { cookie: handler }, payload: { year: 2026, month: 11, completedInvestment: 100_000 } });
    expect(ok.statusCode).toBe(201);
    const refused = await app.inject({ method: 'POST', url: `/api/projects/${other?.id}/reports`, headers: { cookie: handler }, payload: { year: 2026, month: 11, completedInvestment: 100_000 } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
  });

  it('creates a project with tags and lists it under its town', async () => {
    const townAdmin = await login('town_admin', guali);
    const created = await app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: townAdmin },
      payload: {
        code: 'GL-TEST-1',
        name: '测试项目',
        level: 'town',
        townCode: guali,
        ownerUnit: '瓜沥镇人民政府',
        totalInvestment: 50_000_000,
        plannedThisYear: 12_000_000,
        tags: ['livelihood'],
        milestones: [
          { stage: 'signed', plannedDate: '2026-01-10' },
          { stage: 'started', plannedDate: '2027-03-01' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().project.totalInvestmentText).toBe('5000万元');
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: townAdmin },
      payload: { code: 'GL-TEST-2', name: '别的镇', level: 'town', townCode: '330109110', ownerUnit: 'x', totalInvestment: 1 },
    });
    expect(elsewhere.statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/api/projects?tag=livelihood&town=330109112', headers: { cookie: townAdmin } });
    expect(list.json().projects.some((p: { code: string }) => p.code === 'GL-TEST-1')).toBe(true);
  });
});

// Last: it needs the supervision domain's raiseSupervisionItem.
describe('problems become supervision items', () => {
  it('raises a problem and keeps the item it became', async () => {
    const admin = await login('admin');
    const { projects } = await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW });
    const project = projects.find((p) => p.light === 'red');
    const raised = await app.inject({
      method: 'POST',
      url: `/api/projects/${project?.id}/problems`,
      headers: { cookie: admin },
      payload: { title: '征迁进度滞后', description: '3户未签约' },
    });
    expect(raised.statusCode).toBe(201);
    expect(raised.json().problem.supervisionItemId).toBeGreaterThan(0);
    const detail = (await app.inject({ method: 'GET', url: `/api/projects/${project?.id}`, headers: { cookie: admin } })).json();
    expect(detail.problems[0].supervisionItemCode).toBe(raised.json().problem.supervisionItemCode);
  });

  it('raises a problem as 待交办 led by the project’s owner, whatever the raiser sends', async () => {
    const { projects } = await listProjects({ db: t.ctx.db, actor: systemActor(), now: NOW });
    const owned = projects.find((p) => p.ownerDepartmentCode === 'ZJ');
    const handler = await login('department_handler', district, 'ZJ');
    const raised = await app.inject({ method: 'POST', url: `/api/projects/${owned?.id}/problems`, headers: { cookie: handler }, payload: { title: '施工许可未批' } });
    expect(raised.statusCode).toBe(201);
    const { item } = await getItem({ db: t.ctx.db, actor: systemActor(), ref: raised.json().problem.supervisionItemCode });
    expect([item.row.state, item.row.lead_kind, item.row.lead_code, item.row.source_id]).toEqual(['pending', 'department', 'ZJ', String(owned?.id)]);
    const otherLead = await app.inject({ method: 'POST', url: `/api/projects/${owned?.id}/problems`, headers: { cookie: handler }, payload: { title: '换个主办', leadDepartmentCode: 'CG' } });
    expect([otherLead.statusCode, otherLead.json().field]).toEqual([400, 'leadDepartmentCode']);
  });

  it('asks for a lead department when a district-wide project has no owner department', async () => {
    const admin = await login('admin');
    const created = await app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: admin },
      payload: { code: 'QJ-NO-OWNER', name: '全区无责任部门项目', level: 'district', ownerUnit: '区政府', totalInvestment: 1_000_000 },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().project.id as number;
    const missing = await app.inject({ method: 'POST', url: `/api/projects/${id}/problems`, headers: { cookie: admin }, payload: { title: '资金未到位' } });
    expect([missing.statusCode, missing.json().field]).toEqual([400, 'leadDepartmentCode']);
    const unknown = await app.inject({ method: 'POST', url: `/api/projects/${id}/problems`, headers: { cookie: admin }, payload: { title: '资金未到位', leadDepartmentCode: 'NOPE' } });
    expect([unknown.statusCode, unknown.json().field]).toEqual([404, 'leadDepartmentCode']);
    const named = await app.inject({ method: 'POST', url: `/api/projects/${id}/problems`, headers: { cookie: admin }, payload: { title: '资金未到位', leadDepartmentCode: 'JT' } });
    expect(named.statusCode).toBe(201);
    const { item } = await getItem({ db: t.ctx.db, actor: systemActor(), ref: named.json().problem.supervisionItemCode });
    expect([item.row.lead_kind, item.row.lead_code, item.row.state]).toEqual(['department', 'JT', 'pending']);
  });
});

describe('importing a library sheet', () => {
  it('creates good rows and reports each bad one', async () => {
    const admin = await login('admin');
    const csv = [
      '项目编号,项目名称,级别,分类,所在镇街,业主单位,责任部门,建设地点,总投资(万元),年度计划投资(万元),计划签约,计划开工,实际签约',
      'IMP-001,导入测试项目,镇级,产业、生态,瓜沥镇,杭州某某有限公司,住建局,航坞路,"12,000",3000,2026-01-05,2026/12/1,2026-01-08',
      'IMP-002,未知镇街项目,镇级,产业,火星镇,某公司,,,100,,,,',
      'IMP-003,负投资项目,区级,产业,,某公司,,,-5,,,,',
      'IMP-004,节点倒挂项目,区级,民生,,某公司,,,100,,2026-05-01,2026-03-01,',
      'IMP-001,重复项目,区级,产业,,某公司,,,100,,,,',
    ].join('\n');
    const response = await app.inject({ method: 'POST', url: '/api/projects/import', headers: { cookie: admin, 'content-type': 'text/csv' }, payload: csv });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect({ created: report.created, skipped: report.skipped, rejected: report.rejected }).toEqual({ created: 1, skipped: 1, rejected: 3 });
    expect(report.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'skipped'],
    ]);
    expect(report.rows[2].field).toBe('totalInvestment');
    expect(report.rows[3].message).toContain('早于');
    const list = (await app.inject({ method: 'GET', url: '/api/projects?q=IMP-001', headers: { cookie: admin } })).json();
    expect(list.projects).toHaveLength(1);
    expect(list.projects[0]).toMatchObject({ totalInvestment: 120_000_000, plannedThisYear: 30_000_000, ownerDepartmentCode: 'ZJ', stage: 'signed' });
    expect(list.projects[0].tags.map((t: { code: string }) => t.code).sort()).toEqual(['ecology', 'industry']);
  });
});
