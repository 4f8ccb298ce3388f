import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegions } from '@/domains/regions/regions-service.js';
import { buildApp } from '@/http/app.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { createTestUser } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { parseIcsDays } from './ics-import.js';
import {
  calculateDeadline,
  clearSpecialDay,
  getCalendar,
  importIcs,
  listSpecialDays,
  setSpecialDay,
  setWorkingHours,
  shippedSpecialDays,
} from './calendar-service.js';

let t: TestDatabase;
let app: FastifyInstance;
const admin: Actor = systemActor('test');
const district = '330109';
let viewerLogin: { username: string; password: string };

beforeAll(async () => {
  t = await createTestDatabase();
  const square = { type: 'Polygon', coordinates: [[[120, 30], [121, 30], [121, 31], [120, 31], [120, 30]]] };
  await importRegions({
    db: t.ctx.db,
    actor: admin,
    collection: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: district, name: '萧山区' }, geometry: square }] },
  });
  const viewer = await createTestUser(t.ctx, { role: 'viewer', regionCode: district, username: 'cal.viewer' });
  viewerLogin = { username: viewer.username, password: viewer.password };
  app = await buildApp(t.ctx);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the shipped calendar', () => {
  it('covers 2019–2026 with STANDARDS §4\'s example: Spring Festival 2024 is 10–17 Feb, 4 and 18 Feb are working days', async () => {
    const { days } = await listSpecialDays({ db: t.ctx.db, districtCode: district, year: 2024 });
    const february = days.filter((d) => d.date.startsWith('2024-02'));
    expect(february.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual(
      ['10', '11', '12', '13', '14', '15', '16', '17'].map((d) => `2024-02-${d}`),
    );
    expect(february.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2024-02-04', '2024-02-18']);
    const { years } = await getCalendar({ db: t.ctx.db, actor: admin, districtCode: district });
    expect(years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('counts a deadline across the holiday and the makeup Sunday', async () => {
    const result = await calculateDeadline({ db: t.ctx.db, districtCode: district, start: new Date('2024-02-09T16:00:00+08:00'), kind: 'working_hours', amount: 4 });
    expect(result.deadline).toBe(new Date('2024-02-18T11:00:00+08:00').toISOString());
    expect(result.explanation).toMatch(/2024年2月18日\(周日\)11:00/);
  });

  it('reads the dataset\'s own iCalendar file back as nothing new', async () => {
    const require = createRequire(import.meta.url);
    const ics = readFileSync(require.resolve('chinese-days/dist/holidays.ics'), 'utf8');
    expect(parseIcsDays(ics).rejected).toEqual([]);
    const result = await importIcs({ db: t.ctx.db, actor: admin, districtCode: district, text: ics });
    expect(result).toMatchObject({ holidays: 0, workdays: 0, rejected: [] });
    expect(result.unchanged).toBeGreaterThan(100);
  });

  it('matches the dataset for every shipped year', () => {
    const days = shippedSpecialDays();
    expect(new Set(days.map((d) => d.date.slice(0, 4)))).toEqual(new Set(['2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']));
  });
});

describe('editing', () => {
  it('sets and clears a special day, and the deadline follows', async () => {
    const start = new Date('2030-03-01T09:00:00+08:00'); // a Friday
    const before = await calculateDeadline({ db: t.ctx.db, districtCode: district, start, kind: 'working_days', amount: 1 });
    expect(before.deadline).toBe(new Date('2030-03-04T17:30:00+08:00').toISOString());
    await setSpecialDay({ db: t.ctx.db, actor: admin, districtCode: district, day: { date: '2030-03-04', kind: 'holiday', name: '测试假日' } });
    const after = await calculateDeadline({ db: t.ctx.db, districtCode: district, start, kind: 'working_days', amount: 1 });
    expect(after.deadline).toBe(new Date('2030-03-05T17:30:00+08:00').toISOString());
    expect((await clearSpecialDay({ db: t.ctx.db, actor: admin, districtCode: district, date: '2030-03-04' })).removed).toBe(true);
  });

  it('changes working hours with optimistic concurrency and rejects overlapping periods', async () => {
    const { calendar } = await getCalendar({ db: t.ctx.db, actor: admin, districtCode: district });
    const summer = [{ start: '08:00', end: '12:00' }, { start: '14:00', end: '18:00' }];
    const changed = await setWorkingHours({ db: t.ctx.db, actor: admin, districtCode: district, workingHours: summer, weekendDays: [6, 7], version: calendar.version });
    expect(changed.calendar.workingHours).toEqual(summer);
    await expect(
      setWorkingHours({ db: t.ctx.db, actor: admin, districtCode: district, workingHours: summer, weekendDays: [6, 7], version: calendar.version }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      setWorkingHours({
        db: t.ctx.db,
        actor: admin,
        districtCode: district,
        workingHours: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }],
        weekendDays: [6, 7],
        version: changed.calendar.version,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await setWorkingHours({
      db: t.ctx.db,
      actor: admin,
      districtCode: district,
      workingHours: [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }],
      weekendDays: [6, 7],
      version: changed.calendar.version,
    });
  });
});

describe('over HTTP', () => {
  let cookie = '';
  beforeAll(async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: viewerLogin });
    cookie = `shuzhi_session=${login.cookies.find((c) => c.name === 'shuzhi_session')!.value}`;
  });

  it('computes a deadline and rejects a start without a time zone or an unknown kind', async () => {
    const ok = await app.inject({ method: 'GET', url: '/api/calendar/deadline?start=2024-02-09T10:00:00%2B08:00&kind=working_days&amount=1', headers: { cookie } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().deadline).toBe(new Date('2024-02-18T17:30:00+08:00').toISOString());
    const noZone = await app.inject({ method: 'GET', url: '/api/calendar/deadline?start=2024-02-09T10:00:00&kind=working_days&amount=1', headers: { cookie } });
    expect(noZone.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.start' });
    const kind = await app.inject({ method: 'GET', url: '/api/calendar/deadline?start=2024-02-09T10:00:00%2B08:00&kind=weeks&amount=1', headers: { cookie } });
    expect(kind.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.kind' });
  });

  it('lets only an admin change the calendar, and rejects a date that does not exist', async () => {
    const forbidden = await app.inject({ method: 'PUT', url: '/api/calendar/days/2030-05-06', headers: { cookie }, payload: { kind: 'holiday' } });
    expect(forbidden.statusCode).toBe(403);
    const badDate = await app.inject({ method: 'PUT', url: '/api/calendar/days/2030-02-30', headers: { cookie }, payload: { kind: 'holiday' } });
    expect(badDate.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.date' });
  });
});
