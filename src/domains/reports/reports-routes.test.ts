import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '@/domains/demo/demo-cases.js';
import { seedDemoGovernance } from '@/domains/demo/demo-governance.js';
import { listProjects } from '@/domains/projects/projects-service.js';
import { getCaseMetrics } from '@/domains/cases/case-metrics-service.js';
import { getStatus } from '@/domains/indicators/indicators-service.js';
import { buildApp } from '@/http/app.js';
import { systemActor, type Role } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { sessionCookie } from '../../../test/helpers/inject-login.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { getScorecard } from './scorecard-service.js';

let t: TestDatabase;
let app: FastifyInstance;
const district = '330109';
const guali = '330109112';
const now = new Date('2026-11-20T02:00:00Z');

async function login(role: Role, regionCode = district): Promise<string> {
  const user = await createTestUser(t.ctx, { role, regionCode });
  return sessionCookie(app, user);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  await seedDemoCases({ db: t.ctx.db, cache: t.ctx.cases, districtCode: district, count: 60, now });
  await seedDemoGovernance({ db: t.ctx.db, districtCode: district, now });
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

  it('reports the key projects, livelihood promises and supervision from their own domains', async () => {
    const actor = systemActor('test');
    const doc = await getScorecard({ db: t.ctx.db, cache: t.ctx.cases, actor, regionCode: guali, period: '2026-10', now });
    const text = doc.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    const townActor = { ...actor, districtCode: district, regionCode: guali, regionPath: `/${district}/${guali}/` };
    const library = await listProjects({ db: t.ctx.db, actor: townActor, query: { year: 2026, month: 10 } });
    expect(library.totals.count).toBeGreaterThan(0);
    expect(text).toContain(`1—10月共推进重点项目${library.totals.count}个`);
    expect(text).toContain(`红灯${library.totals.lights.red}个`);
    const reds = library.projects.filter((p) => p.light === 'red').map((p) => `项目：${p.name}`);
    expect(doc.redItems.filter((i) => i.startsWith('项目：')).map((i) => i.split('，')[0])).toEqual(reds);
    const tables = doc.blocks.filter((b) => b.type === 'table').map((b) => (b as { caption: string }).caption);
    expect(tables).toContain('表3 民生实事项目进展');
    expect(text).toMatch(/共督办事项\d+件/);
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

describe('importing a report into indicators', () => {
  const text = '2023年1-5月,全镇完成工业投资13.05亿元,同比增长12.3%。规模以上工业增加值增长8.1%。力争全年工业投资增长15%。新增停车位500个。';

  it('reads an uploaded text file and refuses a .docx that is not a zip', async () => {
    const cookie = await login('admin');
    const read = await app.inject({ method: 'POST', url: '/api/reports/read?name=report.txt', headers: { cookie, 'content-type': 'application/octet-stream' }, payload: Buffer.from(text, 'utf8') });
    expect(read.statusCode).toBe(200);
    expect(read.json().text).toBe(text);
    const docx = await app.inject({
      method: 'POST',
      url: '/api/reports/read?name=report.docx',
      headers: { cookie, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      payload: Buffer.from('not a zip at all'),
    });
    expect(docx.statusCode).toBe(400);
    expect(docx.json().code).toBe('INVALID_DOCUMENT');
  });

  it('proposes records for a seed report without storing anything', async () => {
    const cookie = await login('admin');
    const seed = readFileSync(new URL('../../../test/fixtures/reports/003_87d7a1d99ea65eae.txt', import.meta.url), 'utf8');
    const before = await t.ctx.db.selectFrom('indicator_actuals').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const response = await app.inject({ method: 'POST', url: '/api/reports/proposals', headers: { cookie }, payload: { text: seed, regionCode: guali, year: 2021, month: 12 } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.mentions.length).toBeGreaterThan(100);
    const gdp = body.proposals.find((p: { indicatorCode: string | null; field: string | null }) => p.indicatorCode === 'GDP' && p.field === 'actual_cumulative');
    expect(gdp).toMatchObject({ year: 2021, month: 12, value: 110_020_000_000, confidence: 1 });
    const after = await t.ctx.db.selectFrom('indicator_actuals').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('stores the accepted records with the report as their source, and keeps the report', async () => {
    const cookie = await login('town_admin', guali);
    const proposed = (
      await app.inject({ method: 'POST', url: '/api/reports/proposals', headers: { cookie }, payload: { text, regionCode: guali, year: 2023, month: 5 } })
    ).json();
    const accepted = proposed.proposals
      .filter((p: { indicatorCode: string | null; confidence: number }) => p.indicatorCode && p.confidence >= 0.75)
      .map((p: { mention: number; indicatorCode: string; field: string; year: number; month: number | null; value: number }) => ({
        span: proposed.mentions[p.mention].span,
        indicatorCode: p.indicatorCode,
        field: p.field,
        year: p.year,
        month: p.month,
        value: p.value,
      }));
    expect(accepted.map((r: { indicatorCode: string; field: string }) => `${r.indicatorCode}/${r.field}`)).toEqual([
      'GYTZ/actual_cumulative',
      'GYTZ/actual_yoy',
      'GYZJZ/actual_yoy',
      'GYTZ/target_growth',
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/reports/imports',
      headers: { cookie },
      payload: { regionCode: guali, title: '瓜沥镇1-5月经济运行', fileName: 'report.txt', year: 2023, month: 5, text, mentions: proposed.mentions.length, records: accepted },
    });
    expect(response.statusCode).toBe(201);
    const { document, records } = response.json();
    expect(records.map((r: { outcome: string }) => r.outcome)).toEqual(['stored', 'stored', 'stored', 'stored']);
    const target = await t.ctx.db.selectFrom('indicator_targets').selectAll().where('indicator_code', '=', 'GYTZ').where('region_code', '=', guali).where('year', '=', 2023).executeTakeFirstOrThrow();
    expect(target.growth_rate).toBeCloseTo(0.15);
    // A target already set is not overwritten from a report.
    const again = await app.inject({
      method: 'POST',
      url: '/api/reports/imports',
      headers: { cookie },
      payload: { regionCode: guali, title: '再次导入', year: 2023, month: 5, text, mentions: proposed.mentions.length, records: accepted.slice(3) },
    });
    expect(again.json().records[0]).toMatchObject({ outcome: 'unchanged' });
    expect(again.json().records[0].message).toContain('已存在');
    const actual = await t.ctx.db
      .selectFrom('indicator_actuals')
      .selectAll()
      .where('indicator_code', '=', 'GYTZ')
      .where('region_code', '=', guali)
      .where('year', '=', 2023)
      .where('month', '=', 5)
      .executeTakeFirstOrThrow();
    expect(actual.cumulative_value).toBe(1_305_000_000);
    expect(actual.yoy_rate).toBeCloseTo(0.123);
    expect(actual.source).toBe(`报告#${document.id} 瓜沥镇1-5月经济运行`);
    const list = await app.inject({ method: 'GET', url: '/api/reports/imports', headers: { cookie } });
    expect(list.json().items.find((d: { id: number }) => d.id === document.id)).toMatchObject({ stored: 4 });
    const shown = await app.inject({ method: 'GET', url: `/api/reports/imports/${document.id}`, headers: { cookie } });
    expect(shown.json().document.text).toBe(text);
  });

  it('stores nothing when one accepted record is wrong, and names it', async () => {
    const cookie = await login('admin');
    const count = async () => Number((await t.ctx.db.selectFrom('report_documents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const good = { span: [20, 28], indicatorCode: 'GYTZ', field: 'actual_cumulative', year: 2023, month: 4, value: 1e9 };
    for (const [bad, field] of [
      [{ ...good, indicatorCode: 'NOPE' }, 'records.1.indicatorCode'],
      [{ ...good, value: -5 }, 'records.1.value'],
      [{ ...good, field: 'actual_yoy', value: -1.5 }, 'records.1.value'],
      [{ ...good, month: null }, 'records.1.month'],
      [{ ...good, span: [20, 9999] }, 'records.1.span'],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/reports/imports',
        headers: { cookie },
        payload: { regionCode: guali, title: '坏数据', year: 2023, month: 4, text, mentions: 1, records: [good, bad] },
      });
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().field, JSON.stringify(bad)).toBe(field);
    }
    expect(await count()).toBe(before);
    const stored = await t.ctx.db.selectFrom('indicator_actuals').selectAll().where('indicator_code', '=', 'GYTZ').where('region_code', '=', guali).where('year', '=', 2023).where('month', '=', 4).execute();
    expect(stored).toEqual([]);
  });

  it('refuses roles that do not enter figures and regions outside scope', async () => {
    const viewer = await login('viewer');
    const refused = await app.inject({ method: 'POST', url: '/api/reports/proposals', headers: { cookie: viewer }, payload: { text, regionCode: guali, year: 2023, month: 5 } });
    expect(refused.statusCode).toBe(403);
    const otherTown = await t.ctx.db.selectFrom('regions').select('code').where('level', '=', 'town').where('code', '!=', guali).orderBy('code').executeTakeFirstOrThrow();
    const townAdmin = await login('town_admin', guali);
    const outside = await app.inject({ method: 'POST', url: '/api/reports/proposals', headers: { cookie: townAdmin }, payload: { text, regionCode: otherTown.code, year: 2023, month: 5 } });
    expect(outside.statusCode).toBe(404);
  });
});
