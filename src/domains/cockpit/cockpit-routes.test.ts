import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdueCases } from '@/domains/cases/cases-service.js';
import { locatePoint } from '@/domains/regions/regions-service.js';
import { buildApp } from '@/http/app.js';
import { systemActor } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { sessionCookie } from '../../../test/helpers/inject-login.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { LiveFeed } from './cockpit-live.js';
import { OPEN_STATES } from './cockpit-service.js';

let t: TestDatabase;
let app: FastifyInstance;
const district = '330109';
let towns: { code: string; path: string }[];
let point: { lon: number; lat: number; town: string; grid: string };
const PHONE = '13912345678';

async function loginAs(role: 'admin' | 'viewer' | 'town_admin', regionCode: string): Promise<string> {
  const user = await createTestUser(t.ctx, { role, regionCode });
  return sessionCookie(app, user);
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

/** The first `change` event of a live stream (the stream is closed once it arrived). */
async function firstChange(url: string, headers: Record<string, string>): Promise<{ id: string | null; seq: number; entityTypes: string[] }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended without a change');
      buffer += decoder.decode(value, { stream: true });
      const frames = buffer.split('\n\n');
      buffer = frames.pop() ?? '';
      for (const frame of frames) {
        const fields = new Map(frame.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as const));
        if (fields.get('event') === 'change') return { id: fields.get('id') ?? null, ...(JSON.parse(fields.get('data') ?? '{}') as { seq: number; entityTypes: string[] }) };
      }
    }
  } finally {
    controller.abort();
  }
}

describe('the live feed from a cockpit\'s seq', () => {
  it('tells at once of a change made after the cockpit was read but before the stream connected', async () => {
    const cookie = await loginAs('viewer', district);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const read = (await app.inject({ url: `/api/cockpit?region=${point.town}`, headers: { cookie } })).json().cockpit;
    expect(Number.isInteger(read.seq)).toBe(true);
    // The change falls between the page's read and its stream: no poller is running yet.
    const posted = await app.inject({ method: 'POST', url: '/api/public/portal/reports', remoteAddress: '198.51.100.21', payload: { serviceCode: 'SJ0101', description: '垃圾桶满了没人清', lon: point.lon, lat: point.lat } });
    expect(posted.statusCode).toBe(201);
    const change = await firstChange(`${base}/api/cockpit/live?region=${point.town}&since=${read.seq}`, { cookie });
    expect(change.seq).toBeGreaterThan(read.seq);
    expect(change.id).toBe(String(change.seq));
    expect(change.entityTypes).toContain('case');
    // The figures read after it count the case the page had not seen.
    const again = (await app.inject({ url: `/api/cockpit?region=${point.town}`, headers: { cookie } })).json().cockpit;
    expect(again.seq).toBeGreaterThanOrEqual(change.seq);
    expect(again.cases.receivedToday).toBe(read.cases.receivedToday + 1);

    // A browser reconnecting by itself says where it stopped (Last-Event-ID), which wins over `since`.
    const later = await app.inject({ method: 'POST', url: '/api/public/portal/reports', remoteAddress: '198.51.100.22', payload: { serviceCode: 'SJ0101', description: '路面坑洼积水严重', address: '文三路 2 号' } });
    expect(later.statusCode).toBe(201);
    const resumed = await firstChange(`${base}/api/cockpit/live?region=${point.town}&since=0`, { cookie, 'last-event-id': String(change.seq) });
    expect(resumed.seq).toBeGreaterThan(change.seq);
    expect(resumed.entityTypes).toEqual(['case']);
  });

  it('ends open streams when the server closes, instead of holding the close', async () => {
    const server = await buildApp(t.ctx);
    const cookie = await sessionCookie(server, await createTestUser(t.ctx, { role: 'viewer', regionCode: district }));
    const base = await server.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${base}/api/cockpit/live?region=${point.town}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // the `ready` frame
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    // The stream ends (done) rather than hanging.
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
  });

  it('answers 400 naming since when it is not a count', async () => {
    const cookie = await loginAs('viewer', district);
    const response = await app.inject({ url: '/api/cockpit/live?since=abc', headers: { cookie } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.since' });
  });
});

describe('links from cockpit figures to the case list', () => {
  it('selects by region subtree at every level below the district, with the totals the cockpit shows', async () => {
    const cookie = await loginAs('admin', district);
    for (const [i, description] of ['路灯闪烁影响通行', '绿化带被占用堆放杂物'].entries()) {
      const posted = await app.inject({ method: 'POST', url: '/api/public/portal/reports', remoteAddress: `198.51.100.${40 + i}`, payload: { serviceCode: 'SJ0101', description, lon: point.lon, lat: point.lat } });
      expect(posted.statusCode).toBe(201);
    }
    // Some open cases past their whole deadline (what 超期在办 counts): the sweep a year ahead marks them all.
    const marked = await sweepOverdueCases({ db: t.ctx.db, now: new Date(Date.now() + 365 * 86_400_000) });
    expect(marked).toBeGreaterThan(0);
    const located = await locatePoint({ cache: t.ctx.locator, actor: systemActor(), lon: point.lon, lat: point.lat });
    expect(located.found).toBe(true);
    const chain = located.found ? located.chain.filter((c) => c.level !== 'district') : [];
    expect(chain.map((c) => c.level)).toEqual(expect.arrayContaining(['town', 'community', 'grid', 'microgrid']));
    const open = OPEN_STATES;
    for (const region of chain) {
      const { cockpit } = (await app.inject({ url: `/api/cockpit?region=${region.code}`, headers: { cookie } })).json();
      const [y, m] = (cockpit.month as string).split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const total = async (filter: string) => {
        const response = await app.inject({ url: `/api/cases?queue=all&region=${region.code}&pageSize=1&${filter}`, headers: { cookie } });
        expect(response.statusCode, filter).toBe(200);
        return response.json().total as number;
      };
      const month = `from=${cockpit.month}-01&to=${cockpit.month}-${last}`;
      expect(await total(month), `${region.level} 本月受理`).toBe(cockpit.cases.month.received);
      expect(await total(`${month}&status=${open.join(',')}`), `${region.level} 本月在办`).toBe(cockpit.cases.month.open);
      expect(await total(`${month}&status=${open.join(',')}&overdue=true`), `${region.level} 本月超期在办`).toBe(cockpit.cases.month.overdueOpen);
      expect(await total(`from=${cockpit.today}&to=${cockpit.today}`), `${region.level} 今日新增`).toBe(cockpit.cases.receivedToday);
      expect(cockpit.cases.month.received, region.level).toBeGreaterThanOrEqual(2);
      expect(cockpit.cases.month.overdueOpen, region.level).toBeGreaterThanOrEqual(2);
    }
    // With the workbench's town as well: the narrower of the two selects, two apart nothing.
    const microgrid = chain.at(-1)?.code as string;
    const count = async (query: string) => (await app.inject({ url: `/api/cases?queue=all&pageSize=1&${query}`, headers: { cookie } })).json().total as number;
    const alone = await count(`region=${microgrid}`);
    expect(alone).toBeGreaterThanOrEqual(2);
    expect(await count(`region=${microgrid}&town=${point.town}`)).toBe(alone);
    expect(await count(`region=${point.town}&town=${point.town}`)).toBe(await count(`town=${point.town}`));
    const elsewhere = towns.find((tw) => tw.code !== point.town)?.code as string;
    expect(await count(`region=${microgrid}&town=${elsewhere}`)).toBe(0);
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
