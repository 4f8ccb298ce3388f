import type { FastifyInstance } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '@/domains/demo/demo-cases.js';
import { getCaseMetrics } from '@/domains/cases/case-metrics-service.js';
import { getStatus } from '@/domains/indicators/indicators-service.js';
import { buildApp } from '@/http/app.js';
import { systemActor, type Role } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { getScorecard } from './scorecard-service.js';

let t: TestDatabase;
let app: FastifyInstance;
const district = '330109';
const guali = '330109112';
const now = new Date('2026-11-20T02:00:00Z');

async function login(role: Role, regionCode = district): Promise<string> {
  const user = await createTestUser(t.ctx, { role, regionCode });
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
  expect(response.statusCode).toBe(200);
  return `shuzhi_session=${response.cookies.find((c) => c.name === 'shuzhi_session')?.value}`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  await seedDemoCases({ db: t.ctx.db, cache: t.ctx.cases, districtCode: district, count: 60, now });
  app = await buildApp(t.ctx);
}, 240_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the scorecard from live data', () => {
  it('states every indicator figure as the indicators domain computes it', async () => {
    const actor = systemActor('test');
    const doc = await getScorecard({ db: t.ctx.db, cache: t.ctx.cases, actor, regionCode: guali, period: '2026-H1', now });
    const status = await getStatus({ db: t.ctx.db, actor, regionCode: guali, period: { year: 2026, month: 6 } });
    const text = doc.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    const gdp = status.rows.find((r) => r.indicator.code === 'GDP');
    expect(gdp?.actual?.cumulativeText).toBeTruthy();
    expect(text).toContain(`上半年实现地区生产总值${gdp?.actual?.cumulativeText}`);
    expect(text).toContain(`完成年度目标的${((gdp?.completion ?? 0) * 100).toFixed(1)}%`);
    const reds = status.rows.filter((r) => r.colour === 'red').map((r) => r.indicator.name);
    expect(doc.redItems.filter((i) => i.startsWith('指标：')).map((i) => i.slice(3).split('，')[0])).toEqual(reds);
  });

  it('counts the cases of the period from the roll-up', async () => {
    const actor = systemActor('test');
    const doc = await getScorecard({ db: t.ctx.db, cache: t.ctx.cases, actor, regionCode: district, period: '2026', now });
    const metrics = await getCaseMetrics({ db: t.ctx.db, cache: t.ctx.cases, actor, region: district, from: '2026-01', to: '2026-12', groupBy: 'month' });
    expect(metrics.totals.received).toBeGreaterThan(0);
    const text = doc.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toContain(`全年（数据截至10月）`);
    expect(text).toContain(`共受理各类事件${metrics.totals.received}件`);
  });

  it('downloads a Word document that is a valid package with the title, tables and chart images', async () => {
    const cookie = await login('admin');
    const response = await app.inject({ method: 'GET', url: `/api/reports/scorecard?region=${guali}&period=2026-H1&format=docx`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('瓜沥镇2026年上半年工作成绩单.docx')}`);
    const files = unzipSync(new Uint8Array(response.rawPayload));
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    expect(xml).toContain('瓜沥镇2026年上半年工作成绩单');
    expect(xml).toContain('<w:tbl>');
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
    expect(media.some((name) => name.endsWith('.png'))).toBe(true);
    expect(media.some((name) => name.endsWith('.svg'))).toBe(true);
  });

  it('shows HTML with inline charts and Markdown with tables', async () => {
    const cookie = await login('viewer');
    const html = await app.inject({ method: 'GET', url: `/api/reports/scorecard?region=${district}&period=2026-Q3&format=html`, headers: { cookie } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-disposition']).toBeUndefined();
    expect(html.body).toContain('<svg');
    expect(html.body).toContain('前三季度');
    expect(html.body).not.toContain('<script');
    const md = await app.inject({ method: 'GET', url: `/api/reports/scorecard?region=${district}&period=2026-Q3&format=md`, headers: { cookie } });
    expect(md.statusCode).toBe(200);
    expect(md.body).toContain('| 指标 | 累计 | 同比 | 年度目标 | 完成率 | 序时进度差 | 评价 |');
  });

  it('keeps a town to its own region and refuses roles that do not report', async () => {
    const otherTown = await t.ctx.db.selectFrom('regions').select('code').where('level', '=', 'town').where('code', '!=', guali).orderBy('code').executeTakeFirstOrThrow();
    const townAdmin = await login('town_admin', guali);
    const own = await app.inject({ method: 'GET', url: `/api/reports/scorecard?region=${guali}&period=2026-H1&format=md`, headers: { cookie: townAdmin } });
    expect(own.statusCode).toBe(200);
    const other = await app.inject({ method: 'GET', url: `/api/reports/scorecard?region=${otherTown.code}&period=2026-H1&format=md`, headers: { cookie: townAdmin } });
    expect(other.statusCode).toBe(404);
    const operator = await login('operator');
    const refused = await app.inject({ method: 'GET', url: `/api/reports/scorecard?region=${district}&period=2026-H1`, headers: { cookie: operator } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
  });

  it('rejects a bad period or format naming the field', async () => {
    const cookie = await login('admin');
    for (const [query, field] of [
      [`region=${district}&period=2026-H3`, 'period'],
      [`region=${district}&period=2026-13`, 'period'],
      [`region=${district}&period=2026-H1&format=pdf`, 'format'],
      [`period=2026-H1`, 'region'],
    ] as const) {
      const response = await app.inject({ method: 'GET', url: `/api/reports/scorecard?${query}`, headers: { cookie } });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().field).toBe(`querystring.${field}`);
    }
    const anonymous = await app.inject({ method: 'GET', url: `/api/reports/scorecard?region=${district}&period=2026-H1` });
    expect(anonymous.statusCode).toBe(401);
  });
});
