import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSupervision } from '@/domains/demo/demo-supervision.js';
import { backupDatabase, restoreDatabase } from '@/domains/system/backup-service.js';
import { buildApp } from '@/http/app.js';
import type { Role } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { sessionCookie } from '../../../test/helpers/inject-login.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';

let t: TestDatabase;
let app: FastifyInstance;
let seeded = 0;
const district = '330109';
const guali = '330109112';
const cookies: Record<string, string> = {};
const users: Record<string, string> = {};

async function login(role: Role, regionCode = district, departmentCode?: string): Promise<string> {
  const key = `${role}:${regionCode}:${departmentCode ?? ''}`;
  if (cookies[key]) return cookies[key];
  const user = await createTestUser(t.ctx, { role, regionCode, departmentCode });
  users[key] = user.id;
  cookies[key] = await sessionCookie(app, user);
  return cookies[key];
}

const tomorrowPlus = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  seeded = await seedDemoSupervision({ db: t.ctx.db, districtCode: district });
  app = await buildApp(t.ctx);
}, 240_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the demo', () => {
  it('seeds items in many states and colours, once', async () => {
    expect(seeded).toBeGreaterThanOrEqual(20);
    expect(await seedDemoSupervision({ db: t.ctx.db, districtCode: district })).toBe(0);
    const cookie = await login('supervisor');
    const response = await app.inject({ method: 'GET', url: '/api/supervision/items?pageSize=500', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { state: string; colour: string; noticeLevel: string | null; sourceType: string }[];
    expect(new Set(items.map((i) => i.state))).toEqual(new Set(['pending', 'assigned', 'signed', 'in_progress', 'reported', 'completed', 'cancelled']));
    expect(new Set(items.map((i) => i.colour))).toEqual(new Set(['green', 'yellow', 'red']));
    expect(new Set(items.map((i) => i.noticeLevel).filter(Boolean))).toEqual(new Set(['blue', 'yellow', 'red']));
    expect(items.filter((i) => i.sourceType === 'deputy_suggestion')).toHaveLength(8);
    const ratings = (await app.inject({ method: 'GET', url: '/api/supervision/ratings', headers: { cookie } })).json();
    expect(ratings.honour.length).toBeGreaterThan(0);
    expect(ratings.black.length).toBeGreaterThan(0);
    expect(ratings.black.map((u: { name: string }) => u.name)).toContain('住建局');
    const stats = (await app.inject({ method: 'GET', url: '/api/supervision/suggestions/stats', headers: { cookie } })).json();
    expect(stats.overall).toMatchObject({ total: 8, met: 6, replied: 6, evaluated: 4, replyRate: 0.75, satisfactionRate: 0.75 });
  });
});

describe('supervision over HTTP', () => {
  it('raises an item and answers bad input with a stable code and the field', async () => {
    const cookie = await login('supervisor');
    const body = { sourceType: 'leadership', title: '区长批示:背街小巷整治', regionCode: guali, leadUnit: { kind: 'department', code: 'CG' }, deadline: tomorrowPlus(20) };
    const created = await app.inject({ method: 'POST', url: '/api/supervision/items', headers: { cookie }, payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json().item).toMatchObject({ state: 'pending', stateLabel: '待交办', leadUnit: { name: '城管局(综合行政执法局)' }, version: 1 });
    const bad = await app.inject({ method: 'POST', url: '/api/supervision/items', headers: { cookie }, payload: { ...body, deadline: '2026/12/01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.deadline' });
    const unknownUnit = await app.inject({ method: 'POST', url: '/api/supervision/items', headers: { cookie }, payload: { ...body, leadUnit: { kind: 'department', code: 'XX' } } });
    expect(unknownUnit.json()).toMatchObject({ code: 'NOT_FOUND', field: 'leadUnit.code' });
    const viewer = await login('viewer');
    const refused = await app.inject({ method: 'POST', url: '/api/supervision/items', headers: { cookie: viewer }, payload: body });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN']);
  });

  it('takes steps with versions: stale → 409, wrong role → 403, unknown → 404, wrong state → 409', async () => {
    const office = await login('supervisor');
    const handler = await login('department_handler', district, 'SCJG');
    const body = { sourceType: 'leadership', title: '食品安全抽检', regionCode: guali, leadUnit: { kind: 'department', code: 'SCJG' }, deadline: tomorrowPlus(10), assign: true };
    const { item } = (await app.inject({ method: 'POST', url: '/api/supervision/items', headers: { cookie: office }, payload: body })).json();
    const act = (cookie: string, payload: Record<string, unknown>, ref = item.code) => app.inject({ method: 'POST', url: `/api/supervision/items/${ref}/actions`, headers: { cookie }, payload });
    const signed = await act(handler, { action: 'sign', version: 1 });
    expect([signed.statusCode, signed.json().item.state]).toEqual([200, 'signed']);
    const stale = await act(handler, { action: 'feedback', version: 1, note: '进展' });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'CONFLICT']);
    const notOffice = await act(handler, { action: 'approve', version: 2 });
    expect([notOffice.statusCode, notOffice.json().code]).toEqual([403, 'FORBIDDEN']);
    const early = await act(office, { action: 'approve', version: 2 });
    expect([early.statusCode, early.json().code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);
    const badProgress = await act(handler, { action: 'feedback', version: 2, note: '进展', progress: 120 });
    expect(badProgress.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.progress' });
    const missing = await act(handler, { action: 'sign', version: 1 }, 'DB2026-9999');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'NOT_FOUND']);
    const detail = (await app.inject({ method: 'GET', url: `/api/supervision/items/${item.code}`, headers: { cookie: handler } })).json();
    expect(detail.item.actions).toEqual(['feedback', 'submit']);
    expect(detail.events.map((e: { actionLabel: string }) => e.actionLabel)).toEqual(['立项', '交办', '签收']);
  });

  it('hides other towns and other deputies', async () => {
    const townAdmin = await login('town_admin', guali);
    const list = (await app.inject({ method: 'GET', url: '/api/supervision/items?pageSize=500', headers: { cookie: townAdmin } })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i: { regionCode: string }) => i.regionCode.startsWith(guali))).toBe(true);
    const deputy = await login('deputy', guali);
    const own = (await app.inject({ method: 'GET', url: '/api/supervision/items', headers: { cookie: deputy } })).json();
    expect(own.total).toBe(0);
    const stats = (await app.inject({ method: 'GET', url: '/api/supervision/suggestions/stats', headers: { cookie: deputy } })).json();
    expect(stats.overall.total).toBe(0);
  });

  it('keeps the board raise to the office: a department handler cannot raise or assign a project item', async () => {
    const cookie = await login('department_handler', district, 'CG');
    const payload = {
      sourceType: 'project',
      sourceId: '1',
      title: '自行立项并交办',
      description: '',
      regionCode: district,
      leadUnit: { kind: 'department', code: 'ZJ' },
      deadline: tomorrowPlus(3),
      assign: true,
    };
    const response = await app.inject({ method: 'POST', url: '/api/supervision/items', headers: { cookie }, payload });
    expect(response.statusCode).toBe(403);
  });

  it('lists sources and checks bulk input', async () => {
    const cookie = await login('supervisor');
    const sources = await app.inject({ method: 'GET', url: '/api/supervision/sources?kind=indicator&period=2026-09', headers: { cookie } });
    expect(sources.statusCode).toBe(200);
    const badKind = await app.inject({ method: 'GET', url: '/api/supervision/sources?kind=weather', headers: { cookie } });
    expect(badKind.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.kind' });
    const empty = await app.inject({ method: 'POST', url: '/api/supervision/sources/raise', headers: { cookie }, payload: { sources: [], deadline: tomorrowPlus(5) } });
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.sources' });
    const bulk = await app.inject({ method: 'POST', url: '/api/supervision/sources/raise', headers: { cookie }, payload: { sources: [{ kind: 'case', id: '1' }], deadline: tomorrowPlus(5) } });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().results[0]).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const ratings = await app.inject({ method: 'GET', url: '/api/supervision/ratings?period=2026-13', headers: { cookie } });
    expect(ratings.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.period' });
  });
});

describe('backup', () => {
  it('round-trips items, timelines and notices with their dates unchanged', async () => {
    const cookie = await login('supervisor');
    const before = (await app.inject({ method: 'GET', url: '/api/supervision/items?pageSize=500', headers: { cookie } })).json();
    const file = join(mkdtempSync(join(tmpdir(), 'sup-backup-')), 'b.szb');
    const written = await backupDatabase({ db: t.ctx.db, engine: t.database.engine, file });
    expect(written.supervision_items).toBe(before.total);
    expect(written.supervision_item_notices).toBeGreaterThan(0);
    await restoreDatabase({ db: t.ctx.db, file });
    const after = (await app.inject({ method: 'GET', url: '/api/supervision/items?pageSize=500', headers: { cookie } })).json();
    const shape = (items: { code: string; deadline: string; state: string; version: number; deputy: unknown }[]) => items.map((i) => [i.code, i.deadline, i.state, i.version, i.deputy]);
    expect(shape(after.items)).toEqual(shape(before.items));
    const body = { sourceType: 'leadership', title: '恢复后新立项', regionCode: guali, leadUnit: { kind: 'department', code: 'CG' }, deadline: tomorrowPlus(3) };
    expect((await app.inject({ method: 'POST', url: '/api/supervision/items', headers: { cookie }, payload: body })).statusCode).toBe(201);
  });
});
