import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locatePoint } from '@/domains/regions/regions-service.js';
import { buildApp } from '@/http/app.js';
import { systemActor } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { LiveFeed } from './cockpit-live.js';

let t: TestDatabase;
let app: FastifyInstance;
const district = '330109';
let towns: { code: string; path: string }[];
let point: { lon: number; lat: number; town: string; grid: string };
const PHONE = '13912345678';

async function loginAs(role: 'admin' | 'viewer' | 'town_admin', regionCode: string): Promise<string> {
  const user = await createTestUser(t.ctx, { role, regionCode });
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
  expect(response.statusCode).toBe(200);
  return `shuzhi_session=${response.cookies.find((c) => c.name === 'shuzhi_session')?.value}`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  app = await buildApp(t.ctx);
  towns = await t.ctx.db.selectFrom('regions').select(['code', 'path']).where('level', '=', 'town').orderBy('code').execute();
  const row = await t.ctx.db.selectFrom('regions').select(['min_lon', 'min_lat', 'max_lon', 'max_lat']).where('level', '=', 'microgrid').orderBy('code').executeTakeFirstOrThrow();
  for (let i = 1; i < 10 && !point; i += 1) {
    const lon = (row.min_lon as number) + (((row.max_lon as number) - (row.min_lon as number)) * i) / 10;
    const lat = ((row.min_lat as number) + (row.max_lat as number)) / 2;
    const located = await locatePoint({ cache: t.ctx.locator, actor: systemActor(), lon, lat });
    if (located.found) {
      const town = located.chain.find((c) => c.level === 'town')?.code as string;
      const grid = located.chain.find((c) => c.level === 'grid')?.code as string;
      point = { lon, lat, town, grid };
    }
  }
}, 240_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the cockpit over HTTP', () => {
  it('opens the district with its towns on the map and no breadcrumb above the viewer', async () => {
    const cookie = await loginAs('viewer', district);
    const response = await app.inject({ url: '/api/cockpit', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const { cockpit } = response.json();
    expect(cockpit.region).toMatchObject({ code: district, level: 'district' });
    expect(cockpit.chain).toEqual([]);
    expect(cockpit.childLevel).toBe('town');
    expect(cockpit.children.map((c: { code: string }) => c.code)).toEqual(towns.map((tw) => tw.code));
    expect(cockpit.metric).toBe('on_time_closure_rate');
    expect(cockpit.trend).toHaveLength(12);
    expect(cockpit.trend.at(-1).month).toBe(cockpit.month);
  });

  it('drills down to a town and a grid with the breadcrumb back up', async () => {
    const cookie = await loginAs('viewer', district);
    const town = await app.inject({ url: `/api/cockpit?region=${point.town}&metric=overdue_per_1000`, headers: { cookie } });
    expect(town.statusCode).toBe(200);
    expect(town.json().cockpit.chain.map((c: { code: string }) => c.code)).toEqual([district]);
    expect(town.json().cockpit.indicators).not.toBeNull();
    const grid = await app.inject({ url: `/api/cockpit?region=${point.grid}`, headers: { cookie } });
    expect(grid.statusCode).toBe(200);
    const { cockpit } = grid.json();
    expect(cockpit.chain[0].code).toBe(district);
    expect(cockpit.chain.at(-1).level).not.toBe('grid');
    expect(cockpit.indicators).toBeNull();
    expect(cockpit.childLevel).toBe('microgrid');
  });

  it('answers 400 naming the field for a metric that does not exist', async () => {
    const cookie = await loginAs('viewer', district);
    const response = await app.inject({ url: '/api/cockpit?metric=happiness', headers: { cookie } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.metric' });
  });

  it('answers not found for a region outside the viewer\'s scope, for the cockpit, its lists and its feed', async () => {
    const [own, other] = towns as unknown as [{ code: string }, { code: string }];
    const cookie = await loginAs('town_admin', own.code);
    const mine = await app.inject({ url: '/api/cockpit', headers: { cookie } });
    expect(mine.json().cockpit.region.code).toBe(own.code);
    expect(mine.json().cockpit.chain).toEqual([]);
    for (const url of [`/api/cockpit?region=${other.code}`, `/api/cockpit?region=${district}`, `/api/cockpit/overdue?region=${other.code}`, `/api/cockpit/live?region=${other.code}`]) {
      const response = await app.inject({ url, headers: { cookie } });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    }
  });

  it('asks for a login outside the public portal', async () => {
    expect((await app.inject({ url: '/api/cockpit' })).statusCode).toBe(401);
  });
});

describe('the public portal', () => {
  it('takes a report without login, counts it today, and shows its status without the reporter', async () => {
    const cookie = await loginAs('admin', district);
    const before = (await app.inject({ url: `/api/cockpit?region=${point.town}`, headers: { cookie } })).json().cockpit.cases.receivedToday;
    const services = (await app.inject({ url: '/api/public/portal/services' })).json().services;
    expect(services.length).toBeGreaterThan(0);
    const posted = await app.inject({
      method: 'POST',
      url: '/api/public/portal/reports',
      payload: { serviceCode: services[0].code, description: '路灯不亮已经三天了', lon: point.lon, lat: point.lat, contactPhone: PHONE },
    });
    expect(posted.statusCode).toBe(201);
    const { number, token } = posted.json().report;
    expect(number).toBeGreaterThan(0);
    const after = (await app.inject({ url: `/api/cockpit?region=${point.town}`, headers: { cookie } })).json().cockpit;
    expect(after.cases.receivedToday).toBe(before + 1);
    expect(after.cases.month.received).toBeGreaterThan(0);

    for (const ref of [String(number), token]) {
      const status = await app.inject({ url: `/api/public/portal/reports/${ref}` });
      expect(status.statusCode).toBe(200);
      expect(status.json().report).toMatchObject({ number: String(number), status: 'open', statusLabel: '办理中' });
      expect(status.body).not.toContain(PHONE);
      expect(status.body).not.toContain('路灯不亮');
    }
    const stats = await app.inject({ url: '/api/public/portal/statistics' });
    expect(stats.statusCode).toBe(200);
    expect(stats.json().statistics.towns.length).toBe(towns.length);
    expect(stats.body).not.toContain(PHONE);
    expect((await app.inject({ url: '/api/public/portal/reports/99999999' })).statusCode).toBe(404);
  });

  it('refuses a report without a place or a class, with the field at fault', async () => {
    const noPlace = await app.inject({ method: 'POST', url: '/api/public/portal/reports', payload: { serviceCode: 'SJ0101', description: '这里有垃圾没人管' } });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().field).toBe('address');
    const badClass = await app.inject({ method: 'POST', url: '/api/public/portal/reports', payload: { serviceCode: 'NOPE', description: '这里有垃圾没人管', address: '古荡街道' } });
    expect(badClass.statusCode).toBe(400);
    expect(badClass.json().field).toBe('serviceCode');
  });

  it('rejects a scripted flood of reports with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const response = await app.inject({ method: 'POST', url: '/api/public/portal/reports', remoteAddress: '203.0.113.9', payload: { serviceCode: 'NOPE', description: '刷单测试刷单测试', address: 'x' } });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('the live feed', () => {
  it('tells a subscriber of its district when a case changes, and only then', async () => {
    const feed = new LiveFeed(t.ctx.db, 60_000);
    const events: { entityTypes: string[] }[] = [];
    const stop = feed.subscribe(district, (e) => events.push(e));
    await feed.poll();
    await feed.poll();
    expect(events).toEqual([]);
    const posted = await app.inject({ method: 'POST', url: '/api/public/portal/reports', remoteAddress: '198.51.100.7', payload: { serviceCode: 'SJ0101', description: '井盖缺失很危险', address: '文三路 1 号' } });
    expect(posted.statusCode).toBe(201);
    await feed.poll();
    expect(events).toHaveLength(1);
    expect(events[0]?.entityTypes).toContain('case');
    stop();
    expect(feed.size).toBe(0);
  });
});

describe('projects, promises and supervision', () => {
  it('summarises them through their services for a district and leaves projects and promises out below a town', async () => {
    const cookie = await loginAs('admin', district);
    const top = await app.inject({ url: '/api/cockpit/programmes', headers: { cookie } });
    expect(top.statusCode).toBe(200);
    const body = top.json();
    expect(body.projects.count).toBe(Object.values(body.projects.lights as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(body.promises).toBeInstanceOf(Array);
    expect(body.supervision.open).toBeGreaterThanOrEqual(body.supervision.overdue);
    const grid = await app.inject({ url: `/api/cockpit/programmes?region=${point.grid}`, headers: { cookie } });
    expect(grid.statusCode).toBe(200);
    expect(grid.json().projects).toBeNull();
    expect(grid.json().promises).toBeNull();
    const other = await loginAs('town_admin', (towns[0] as { code: string }).code);
    expect((await app.inject({ url: `/api/cockpit/programmes?region=${(towns[1] as { code: string }).code}`, headers: { cookie: other } })).statusCode).toBe(404);
  });
});
