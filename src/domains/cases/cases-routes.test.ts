import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locatePoint } from '@/domains/regions/regions-service.js';
import { buildApp } from '@/http/app.js';
import { systemActor } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { sessionCookie } from '../../../test/helpers/inject-login.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { importHotlineCases } from './case-import-service.js';
import { checkRollups } from './case-metrics-service.js';

let t: TestDatabase;
let app: FastifyInstance;
const district = '330109';
const cookies: Record<string, string> = {};
let point: { lon: number; lat: number };
let townName: string;

async function login(role: 'operator' | 'dispatcher' | 'department_handler' | 'viewer', departmentCode?: string): Promise<string> {
  const key = `${role}:${departmentCode ?? ''}`;
  if (cookies[key]) return cookies[key];
  const user = await createTestUser(t.ctx, { role, regionCode: district, departmentCode });
  cookies[key] = await sessionCookie(app, user);
  return cookies[key];
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  app = await buildApp(t.ctx);
  const row = await t.ctx.db.selectFrom('regions').select(['min_lon', 'min_lat', 'max_lon', 'max_lat']).where('level', '=', 'microgrid').orderBy('code').executeTakeFirstOrThrow();
  for (let i = 1; i < 10 && !point; i += 1) {
    const lon = (row.min_lon as number) + (((row.max_lon as number) - (row.min_lon as number)) * i) / 10;
    const lat = ((row.min_lat as number) + (row.max_lat as number)) / 2;
    const located = await locatePoint({ cache: t.ctx.locator, actor: systemActor(), lon, lat });
    if (located.found) {
      point = { lon, lat };
      townName = located.chain.find((c) => c.level === 'town')?.name as string;
    }
  }
}, 240_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('cases over HTTP', () => {
  it('takes a case with an Idempotency-Key once, replays a retry and refuses a reused key', async () => {
    const cookie = await login('operator');
    const payload = { channel: 'hotline', description: '小区门口暴露垃圾', categoryCode: 'SJ0101', lon: point.lon, lat: point.lat, reporterPhone: '13900001111' };
    const first = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie, 'idempotency-key': 'abc-1' }, payload });
    expect(first.statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie, 'idempotency-key': 'abc-1' }, payload });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().case.id).toBe(first.json().case.id);
    const reused = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie, 'idempotency-key': 'abc-1' }, payload: { ...payload, description: '另一件事' } });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    [{ lon: 181, lat: 30 }, 'lon'],
    [{ description: 'x'.repeat(4001) }, 'description'],
    [{ categoryCode: 'SJ9999' }, 'categoryCode'],
    [{ channel: 'fax' }, 'channel'],
  ])('answers 400 with the field at fault (%#)', async (patch, field) => {
    const cookie = await login('operator');
    const response = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload: { channel: 'hotline', description: '描述', ...patch } });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toMatch(new RegExp(`(^|\\.)${field}$`));
  });

  it('walks a case through dispatch with versions, and answers 409 to a stale version', async () => {
    const operator = await login('operator');
    const dispatcher = await login('dispatcher');
    const handler = await login('department_handler', 'CG');
    const created = (await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: operator }, payload: { channel: 'city_management', description: '店外经营', categoryCode: 'SJ0502', lon: point.lon, lat: point.lat } })).json().case;
    const act = (cookie: string, body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/cases/${created.id}/actions`, headers: { cookie }, payload: body });
    const registered = await act(operator, { action: 'register', version: created.version });
    expect(registered.statusCode).toBe(200);
    const stale = await act(dispatcher, { action: 'dispatch', version: created.version, departmentCode: 'CG' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const dispatched = await act(dispatcher, { action: 'dispatch', version: registered.json().case.version, departmentCode: 'CG' });
    expect(dispatched.json().case.status).toBe('dispatched');
    const wrongState = await act(handler, { action: 'handle', version: dispatched.json().case.version, note: 'x' });
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json().code).toBe('TRANSITION_NOT_ALLOWED');
    const inbox = await app.inject({ method: 'GET', url: '/api/cases?queue=inbox', headers: { cookie: handler } });
    expect(inbox.json().items.map((c: { id: number }) => c.id)).toContain(created.id);
    const viewer = await login('viewer');
    const shown = (await app.inject({ method: 'GET', url: `/api/cases/${created.id}`, headers: { cookie: viewer } })).json().case;
    expect(shown.allowedActions).toEqual([]);
    const forbidden = await app.inject({ method: 'POST', url: `/api/cases/${created.id}/actions`, headers: { cookie: viewer }, payload: { action: 'sign', version: shown.version } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('runs bulk actions case by case', async () => {
    const operator = await login('operator');
    const ids = [];
    for (const description of ['非法小广告一', '非法小广告二']) {
      ids.push((await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: operator }, payload: { channel: 'hotline', description, categoryCode: 'SJ0201', lon: point.lon, lat: point.lat } })).json().case);
    }
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases/bulk-actions',
      headers: { cookie: operator },
      payload: { action: 'register', cases: [{ id: ids[0].id, version: ids[0].version }, { id: ids[1].id, version: 99 }] },
    });
    expect(response.json().results.map((r: { ok: boolean; code?: string }) => [r.ok, r.code ?? null])).toEqual([[true, null], [false, 'CONFLICT']]);
  });

  it('stores and serves an attachment, and refuses other types', async () => {
    const operator = await login('operator');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const up = await app.inject({ method: 'POST', url: '/api/case-attachments', headers: { cookie: operator, 'content-type': 'image/png', 'x-filename': encodeURIComponent('现场.png') }, payload: png });
    expect(up.statusCode).toBe(201);
    const { id } = up.json().attachment;
    const down = await app.inject({ method: 'GET', url: `/api/case-attachments/${id}`, headers: { cookie: operator } });
    expect(down.rawPayload.equals(png)).toBe(true);
    const bad = await app.inject({ method: 'POST', url: '/api/case-attachments', headers: { cookie: operator, 'content-type': 'application/octet-stream' }, payload: Buffer.from('MZ') });
    expect(bad.statusCode).toBe(415);
    const created = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: operator }, payload: { channel: 'grid_patrol', description: '井盖破损', categoryCode: 'BJ0102', lon: point.lon, lat: point.lat, attachmentIds: [id] } });
    expect(created.json().case.attachments.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('answers metrics and refuses a bad period or group', async () => {
    const operator = await login('operator');
    const ok = await app.inject({ method: 'GET', url: '/api/cases/metrics?from=2026-01&to=2026-12&groupBy=channel', headers: { cookie: operator } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().totals.received).toBeGreaterThan(0);
    const bad = await app.inject({ method: 'GET', url: '/api/cases/metrics?from=2026-13&to=2026-12', headers: { cookie: operator } });
    expect(bad.statusCode).toBe(400);
    const badGroup = await app.inject({ method: 'GET', url: '/api/cases/metrics?from=2026-01&to=2026-12&groupBy=colour', headers: { cookie: operator } });
    expect(badGroup.statusCode).toBe(400);
    const reversed = await app.inject({ method: 'GET', url: '/api/cases/metrics?from=2026-12&to=2026-01', headers: { cookie: operator } });
    expect(reversed.json().field).toBe('to');
  });
});

describe('hotline import', () => {
  const header = '工单编号,受理时间,诉求性质,问题分类编码,诉求内容,事发地址,经度,纬度,所属镇街,来电人,联系电话,紧急程度';
  const csv = (rows: string[]) => Readable.from([Buffer.from(`${header}\n${rows.join('\n')}\n`)]);

  it('keeps good rows, reports bad ones by row and column, and never doubles on a re-run', async () => {
    const rows = [
      `HZ1,2026-03-02 09:00:00,投诉,SJ0101,垃圾堆积,某路1号,${point.lon},${point.lat},,王先生,13800000001,一般`,
      'HZ2,2026-03-02 09:05:00,咨询,,咨询办证,,,,' + townName + ',李女士,13800000002,',
      `HZ3,2026-03-02 09:10:00,投诉,SJ9999,未知分类,某路3号,${point.lon},${point.lat},,张,13800000003,一般`,
      `HZ4,2026-03-02 09:20:00,投诉,SJ0101,坐标越界,某路4号,200,${point.lat},,张,13800000004,一般`,
      'HZ5,不是时间,投诉,SJ0101,坏时间,,,,,张,13800000005,一般',
      `HZ6,2026-03-02 09:30:00,求助,SJ0103,道路不洁,某路6号,${point.lon},${point.lat},,赵,13800000006,紧急`,
    ];
    const report = await importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor: systemActor(), input: csv(rows), format: 'csv', fileName: 'test.csv' });
    expect(report.total).toBe(6);
    expect(report.imported).toBe(3);
    expect(report.rejected.map((r) => [r.row, r.code])).toEqual([
      [4, 'UNKNOWN_CATEGORY'],
      [5, 'VALIDATION_FAILED'],
      [6, 'VALIDATION_FAILED'],
    ]);
    expect(report.rejected[0]?.field).toBe('问题分类编码');
    const stored = await t.ctx.db.selectFrom('cases').select(['external_id', 'town_code', 'region_code']).where('channel', '=', 'hotline').where('external_id', 'in', ['HZ1', 'HZ2', 'HZ6']).orderBy('external_id').execute();
    expect(stored.map((s) => s.external_id)).toEqual(['HZ1', 'HZ2', 'HZ6']);
    expect(stored[1]?.town_code).toBeTruthy();
    const again = await importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor: systemActor(), input: csv(rows), format: 'csv' });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(3);
    expect((await checkRollups({ db: t.ctx.db, districtCode: district })).differences).toEqual([]);
  });

  it('refuses an import by a role that may not', async () => {
    const viewer = { ...systemActor(), role: 'viewer' as const, userId: null, regionPath: `/${district}/`, districtCode: district, regionCode: district };
    await expect(importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor: viewer, input: csv([]), format: 'csv' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('imports over HTTP as a raw CSV body', async () => {
    const operator = await login('operator');
    const body = `${header}\nHZ100,2026-03-03 10:00:00,投诉,SJ0101,HTTP导入,某路,${point.lon},${point.lat},,王,13800000100,一般\n`;
    const response = await app.inject({ method: 'POST', url: '/api/cases/import?format=csv', headers: { cookie: operator, 'content-type': 'text/csv' }, payload: body });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 1, imported: 1 });
  });
});
