import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/domains/audit/audit-service.js';
import { actorOf } from '@/domains/auth/auth-service.js';
import { buildApp } from '@/http/app.js';
import type { Actor } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { findAuthUserByUsername } from '../auth/auth-repository.js';
import { parseIndicatorSheet, readSheet, writeIndicatorWorkbook } from './indicator-sheet.js';
import {
  confirmActual,
  getActualHistory,
  getBoard,
  getRanking,
  getStatus,
  listTargets,
  loadImportContext,
  loadYearForExport,
  reportActual,
  saveIndicator,
  saveTarget,
  setThresholds,
  storeImportedFigures,
} from './indicators-service.js';

let t: TestDatabase;
let app: FastifyInstance;
let admin: Actor;
let guali: Actor;
let gualiLogin: { username: string; password: string };

async function actorFor(username: string): Promise<Actor> {
  return actorOf((await findAuthUserByUsername(t.ctx.db, username))!);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  admin = await actorFor('admin');
  const user = await createTestUser(t.ctx, { role: 'town_admin', regionCode: '330109112', username: 'ind.guali' });
  gualiLogin = { username: user.username, password: user.password };
  guali = await actorFor(user.username);
  app = await buildApp(t.ctx);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the demo district\'s figures', () => {
  it('has a status table for a town with targets, figures, ranks and colours', async () => {
    const status = await getStatus({ db: t.ctx.db, actor: guali, regionCode: '330109112', period: { year: 2026, month: 6 } });
    expect(status.rows).toHaveLength(20);
    const investment = status.rows.find((r) => r.indicator.code === 'GYTZ')!;
    expect(investment.target?.growth).toBeCloseTo(0.16, 10);
    expect(investment.actual?.cumulative).toBeGreaterThan(0);
    expect(investment.rankOf).toBe(6);
    expect(investment.colour).toMatch(/green|yellow|red/);
    expect(status.latestPeriod).toBe('2026-10');
  });

  it('ranks the towns with ties sharing a rank, and shows a town only its own row', async () => {
    const ranking = await getRanking({ db: t.ctx.db, actor: admin, indicatorCode: 'GYTZ', period: { year: 2026, month: 6 } });
    expect(ranking.rows).toHaveLength(6);
    expect(ranking.rows.map((r) => r.rank)).toEqual([...ranking.rows.map((r) => r.rank)].sort((a, b) => a! - b!));
    const own = await getRanking({ db: t.ctx.db, actor: guali, indicatorCode: 'GYTZ', period: { year: 2026, month: 6 } });
    expect(own.rows.map((r) => r.regionCode)).toEqual(['330109112']);
  });

  it('checks that towns\' targets add up to the district\'s', async () => {
    const { items } = await listTargets({ db: t.ctx.db, actor: admin, year: 2026 });
    const investment = items.find((i) => i.indicator.code === 'GYTZ')!;
    expect(investment.towns).toHaveLength(6);
    expect(investment.check).toMatchObject({ kind: 'sum', consistent: true });
  });

  it('builds the red-yellow-black board', async () => {
    const board = await getBoard({ db: t.ctx.db, actor: admin, period: { year: 2026, month: 10 } });
    expect(board.green + board.red.length + board.yellow.length).toBeGreaterThan(50);
    for (const entry of board.black) expect(entry.redStreak).toBeGreaterThanOrEqual(2);
  });
});

describe('entering figures', () => {
  it('converts units, keeps every revision and flags a falling cumulative value', async () => {
    const key = { indicatorCode: 'GYTZ', regionCode: '330109112', year: 2030 };
    const first = await reportActual({ db: t.ctx.db, actor: guali, input: { ...key, month: 4, cumulative: { value: 13.05, unit: '亿元' }, yoy: 0.166, source: '统计局月报' } });
    expect(first.actual.cumulative).toBe(1_305_000_000);
    expect(first.actual.cumulativeText).toBe('13.05亿元');
    const revised = await reportActual({ db: t.ctx.db, actor: guali, input: { ...key, month: 4, cumulative: { value: 131000, unit: '万元' } } });
    expect(revised.actual).toMatchObject({ cumulative: 1_310_000_000, yoy: 0.166, revision: 2 });
    const history = await getActualHistory({ db: t.ctx.db, actor: guali, ...key, month: 4 });
    expect(history.revisions.map((r) => r.cumulative)).toEqual([1_310_000_000, 1_305_000_000]);
    const falling = await reportActual({ db: t.ctx.db, actor: guali, input: { ...key, month: 5, cumulative: { value: 12, unit: '亿元' } } });
    expect(falling.warnings[0]).toMatchObject({ code: 'CUMULATIVE_DECREASE' });
    expect(falling.actual).toMatchObject({ cumulative: 1_200_000_000, flagged: true });
    const confirmed = await confirmActual({ db: t.ctx.db, actor: guali, key: { ...key, month: 5 } });
    expect(confirmed.actual).toMatchObject({ flagged: false, confirmed: true });
  });

  it('refuses a town administrator another town and a viewer any entry', async () => {
    await expect(reportActual({ db: t.ctx.db, actor: guali, input: { indicatorCode: 'GYTZ', regionCode: '330109110', year: 2030, month: 1, yoy: 0.1 } })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'regionCode' });
    const viewer = await actorFor('viewer');
    await expect(reportActual({ db: t.ctx.db, actor: viewer, input: { indicatorCode: 'GYTZ', regionCode: '330109', year: 2030, month: 1, yoy: 0.1 } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sets a target with optimistic concurrency', async () => {
    const created = await saveTarget({ db: t.ctx.db, actor: admin, input: { indicatorCode: 'GDZCTZ', regionCode: '330109', year: 2031, level: { value: 128.5, unit: '亿元' }, growth: 0.09, qualifier: '以上' } });
    expect(created).toMatchObject({ level: 12_850_000_000, levelText: '128.5亿元', version: 1 });
    await saveTarget({ db: t.ctx.db, actor: admin, input: { indicatorCode: 'GDZCTZ', regionCode: '330109', year: 2031, growth: 0.1, version: 1 } });
    await expect(saveTarget({ db: t.ctx.db, actor: admin, input: { indicatorCode: 'GDZCTZ', regionCode: '330109', year: 2031, growth: 0.11, version: 1 } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('review fixes', () => {
  const k = { indicatorCode: 'GYTZ', regionCode: '330109112', year: 2035 };
  const cum = (month: number, value: number) =>
    reportActual({ db: t.ctx.db, actor: guali, input: { ...k, month, cumulative: { value, unit: '亿元' } } });

  it('clears a flag when the month before is corrected, and keeps a confirmation through a source-only revision', async () => {
    await cum(5, 100);
    expect((await cum(6, 90)).actual.flagged).toBe(true);
    await cum(5, 80);
    const june = (await getStatus({ db: t.ctx.db, actor: guali, regionCode: k.regionCode, period: { year: 2035, month: 6 } })).rows.find((r) => r.indicator.code === 'GYTZ')!;
    expect(june.actual?.flagged).toBe(false);
    await cum(7, 70);
    await confirmActual({ db: t.ctx.db, actor: guali, key: { ...k, month: 7 } });
    const sourceOnly = await reportActual({ db: t.ctx.db, actor: guali, input: { ...k, month: 7, source: '更正来源' } });
    expect(sourceOnly.actual).toMatchObject({ flagged: false, confirmed: true });
  });

  it('judges an imported series as the import leaves it, and checks quarterly indicators by quarter', async () => {
    const context = await loadImportContext({ db: t.ctx.db, actor: guali });
    const rising = ['年份,地区编码,指标编码,项目,单位,1月,2月,3月', '2036,330109112,GYTZ,累计值,亿元,10,20,30'].join('\n');
    const first = parseIndicatorSheet(await readSheet(Buffer.from(rising), 'csv'), context);
    await storeImportedFigures({ db: t.ctx.db, actor: guali, districtCode: context.districtCode, figures: first.figures });
    const restated = ['年份,地区编码,指标编码,项目,单位,1月,2月,3月', '2036,330109112,GYTZ,累计值,亿元,25,45,65'].join('\n');
    const second = parseIndicatorSheet(await readSheet(Buffer.from(restated), 'csv'), context);
    const stored = await storeImportedFigures({ db: t.ctx.db, actor: guali, districtCode: context.districtCode, figures: second.figures });
    expect(stored.warnings).toEqual([]);
    await reportActual({ db: t.ctx.db, actor: guali, input: { indicatorCode: 'GDP', regionCode: '330109112', year: 2036, month: 3, cumulative: { value: 300, unit: '亿元' } } });
    const q2 = await reportActual({ db: t.ctx.db, actor: guali, input: { indicatorCode: 'GDP', regionCode: '330109112', year: 2036, month: 6, cumulative: { value: 250, unit: '亿元' } } });
    expect(q2.warnings[0]).toMatchObject({ code: 'CUMULATIVE_DECREASE' });
  });

  it('reports a figure that cannot stand at its cell and keeps the rest', async () => {
    const context = await loadImportContext({ db: t.ctx.db, actor: guali });
    const csv = ['年份,地区编码,指标编码,项目,单位,1月,2月', '2037,330109112,GYTZ,累计值,亿元,5,', '2037,330109112,GYTZ,上年同期,亿元,4,8'].join('\n');
    const parsed = parseIndicatorSheet(await readSheet(Buffer.from(csv), 'csv'), context);
    const stored = await storeImportedFigures({ db: t.ctx.db, actor: guali, districtCode: context.districtCode, figures: parsed.figures });
    expect(stored.accepted).toBe(1);
    expect(stored.rejected).toEqual([expect.objectContaining({ cell: 'G3' })]);
  });

  it('reads a GBK-encoded CSV and a percent-formatted XLSX growth cell', async () => {
    const gbk = Buffer.from([0xc4, 0xea, 0xb7, 0xdd, 0x2c, 0xd6, 0xb8, 0xb1, 0xea]); // "年份,指标" in GBK
    expect((await readSheet(gbk, 'csv'))[0]).toEqual(['年份', '指标']);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['年份', '地区编码', '指标编码', '项目', '1月']);
    sheet.addRow([2038, '330109112', 'GYTZ', '同比增长(%)', 0.166]);
    sheet.getCell('E2').numFmt = '0.0%';
    const rows = await readSheet(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    const parsed = parseIndicatorSheet(rows, await loadImportContext({ db: t.ctx.db, actor: guali }));
    expect(parsed.figures[0]?.yoy).toBeCloseTo(0.166, 12);
  });

  it('ranks towns on one measure: a town with only a growth figure gets no rank among completions', async () => {
    const ranking = await getRanking({ db: t.ctx.db, actor: admin, indicatorCode: 'GYTZ', period: { year: 2026, month: 6 } });
    expect(ranking.measure).toBe('completion');
    for (const row of ranking.rows) expect(row.rank === null).toBe(row.completion === null);
  });

  it('refuses extreme values and a target of zero', async () => {
    await expect(
      reportActual({ db: t.ctx.db, actor: guali, input: { ...k, month: 9, cumulative: { value: 1e301, unit: '亿元' } } }),
    ).rejects.toBeTruthy();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: gualiLogin });
    const cookie = `shuzhi_session=${login.cookies.find((c) => c.name === 'shuzhi_session')!.value}`;
    const huge = await app.inject({ method: 'POST', url: '/api/indicators/actuals', headers: { cookie }, payload: { ...k, month: 9, cumulative: { value: 1e301, unit: '亿元' } } });
    expect(huge.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.cumulative.value' });
    const zero = await app.inject({ method: 'PUT', url: '/api/indicators/targets', headers: { cookie }, payload: { ...k, level: { value: 0, unit: '亿元' } } });
    expect(zero.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.level.value' });
  });

  it('keeps the catalogue and thresholds from an admin scoped to one town', async () => {
    const townAdmin = await actorFor((await createTestUser(t.ctx, { role: 'admin', regionCode: '330109112', username: 'ind.town.superuser' })).username);
    await expect(
      setThresholds({ db: t.ctx.db, actor: townAdmin, thresholds: { yellowBehindPp: 1, redBehindPp: 2, growthYellowBelowPp: 0, growthRedBelowPp: 1 } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('catalogue and thresholds', () => {
  it('adds and changes catalogue entries, refusing a unit of another kind and stale versions', async () => {
    const created = await saveIndicator({
      db: t.ctx.db,
      actor: admin,
      code: 'WLSC',
      input: { name: '网络零售额', displayUnit: '亿元', kind: 'level', priceBasis: 'current', frequency: 'monthly_cumulative', direction: 'higher' },
    });
    expect(created).toMatchObject({ code: 'WLSC', baseUnit: '元', version: 1 });
    const changed = await saveIndicator({
      db: t.ctx.db,
      actor: admin,
      code: 'WLSC',
      input: { name: '网络零售额', displayUnit: '万元', kind: 'level', priceBasis: 'current', frequency: 'monthly_cumulative', direction: 'higher', version: 1 },
    });
    expect(changed).toMatchObject({ displayUnit: '万元', version: 2 });
    const input = { name: '网络零售额', displayUnit: '家', kind: 'level', priceBasis: null, frequency: 'monthly_cumulative', direction: 'higher', version: 2 } as const;
    await expect(saveIndicator({ db: t.ctx.db, actor: admin, code: 'WLSC', input })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'displayUnit' });
    await expect(saveIndicator({ db: t.ctx.db, actor: admin, code: 'WLSC', input: { ...input, displayUnit: '元', version: 1 } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(saveIndicator({ db: t.ctx.db, actor: guali, code: 'WLSC', input: { ...input, displayUnit: '元' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('rates with the thresholds an administrator sets', async () => {
    await saveTarget({ db: t.ctx.db, actor: admin, input: { indicatorCode: 'JSJTZ', regionCode: '330109112', year: 2040, level: { value: 100, unit: '亿元' } } });
    await reportActual({ db: t.ctx.db, actor: admin, input: { indicatorCode: 'JSJTZ', regionCode: '330109112', year: 2040, month: 6, cumulative: { value: 38, unit: '亿元' } } });
    const colour = async () =>
      (await getStatus({ db: t.ctx.db, actor: admin, regionCode: '330109112', period: { year: 2040, month: 6 } })).rows.find((r) => r.indicator.code === 'JSJTZ')!.colour;
    expect(await colour()).toBe('yellow');
    await setThresholds({ db: t.ctx.db, actor: admin, thresholds: { yellowBehindPp: 5, redBehindPp: 10, growthYellowBelowPp: 0, growthRedBelowPp: 5 } });
    expect(await colour()).toBe('red');
    await setThresholds({ db: t.ctx.db, actor: admin, thresholds: { yellowBehindPp: 10, redBehindPp: 30, growthYellowBelowPp: 0, growthRedBelowPp: 5 } });
  });
});

describe('bad input over HTTP', () => {
  let cookie = '';
  beforeAll(async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: gualiLogin });
    cookie = `shuzhi_session=${login.cookies.find((c) => c.name === 'shuzhi_session')!.value}`;
  });
  const post = (payload: object) => app.inject({ method: 'POST', url: '/api/indicators/actuals', headers: { cookie }, payload });
  const base = { indicatorCode: 'GYTZ', regionCode: '330109112', year: 2032, month: 3 };

  it.each([
    [{ ...base, yoy: -1 }, 'body.yoy'],
    [{ ...base, yoy: 100.5 }, 'body.yoy'],
    [{ ...base, month: 13, yoy: 0.1 }, 'body.month'],
    [{ ...base, month: 0, yoy: 0.1 }, 'body.month'],
  ])('rejects %o naming %s', async (payload, field) => {
    const response = await post(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('rejects a unit of another dimension and an unknown indicator', async () => {
    const unit = await post({ ...base, cumulative: { value: 3, unit: '家' } });
    expect(unit.statusCode).toBe(400);
    expect(unit.json()).toMatchObject({ field: 'cumulative.unit' });
    const unknown = await post({ ...base, indicatorCode: 'NOPE', yoy: 0.1 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ field: 'indicatorCode' });
  });

  it('rejects thresholds whose red line is below the yellow one', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: gualiLogin });
    const townCookie = `shuzhi_session=${login.cookies.find((c) => c.name === 'shuzhi_session')!.value}`;
    const response = await app.inject({
      method: 'PUT',
      url: '/api/indicators/thresholds',
      headers: { cookie: townCookie },
      payload: { yellowBehindPp: 20, redBehindPp: 10, growthYellowBelowPp: 0, growthRedBelowPp: 5 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.redBehindPp' });
  });

  it('serves the status, board and an xlsx export', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/indicators/status?region=330109112&period=2026-06', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/indicators/status?region=330109112&period=2026-13', headers: { cookie } })).json()).toMatchObject({ field: 'querystring.period' });
    const exported = await app.inject({ method: 'GET', url: '/api/indicators/export?year=2026', headers: { cookie } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/spreadsheetml/);
  });
});

describe('spreadsheet import', () => {
  it('round-trips: an export imports again without a change', async () => {
    const data = await loadYearForExport({ db: t.ctx.db, actor: admin, year: 2025 });
    const buffer = await writeIndicatorWorkbook({ year: 2025, ...data });
    const rows = await readSheet(buffer, 'xlsx');
    const context = await loadImportContext({ db: t.ctx.db, actor: admin });
    const parsed = parseIndicatorSheet(rows, context);
    expect(parsed.rejected).toEqual([]);
    const stored = await storeImportedFigures({ db: t.ctx.db, actor: admin, districtCode: context.districtCode, figures: parsed.figures });
    expect(stored.accepted).toBe(0);
    expect(stored.unchanged).toBe(data.actuals.length);
  });

  it('reports every bad cell by address and keeps the good ones, changing nothing else', async () => {
    const csv = [
      '年份,地区编码,地区,指标编码,指标,项目,单位,1月,2月,13月',
      '2033,330109112,瓜沥镇,GYTZ,工业投资,累计值,亿元,1.5,abc,',
      '2033,330109112,瓜沥镇,GYTZ,工业投资,同比增长(%),%,12.5,-100,',
      '2033,330109999,不存在,GYTZ,工业投资,累计值,亿元,1,2,',
      '2033,330109112,瓜沥镇,NOPE,没有的指标,累计值,亿元,1,2,',
      '2033,330109110,所前镇,GYTZ,工业投资,累计值,亿元,1,2,',
    ].join('\n');
    const rows = await readSheet(Buffer.from(csv), 'csv');
    const parsed = parseIndicatorSheet(rows, await loadImportContext({ db: t.ctx.db, actor: guali }));
    const cells = parsed.rejected.map((p) => p.cell);
    expect(cells).toEqual(expect.arrayContaining(['J1', 'I2', 'I3', 'B4', 'D5', 'B6']));
    expect(parsed.figures).toHaveLength(1);
    expect(parsed.figures[0]).toMatchObject({ month: 1, cumulative: 150_000_000, yoy: 0.125 });
  });

  it('imports a CSV over HTTP with a per-cell report', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: gualiLogin });
    const cookie = `shuzhi_session=${login.cookies.find((c) => c.name === 'shuzhi_session')!.value}`;
    const csv = '地区编码,指标,项目,1月,2月\n330109112,工业投资,累计值,2.5,x\n';
    const response = await app.inject({ method: 'POST', url: '/api/indicators/import?year=2034', headers: { cookie, 'content-type': 'text/csv' }, payload: csv });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accepted: 1, rejected: [{ cell: 'E2' }] });
  });

  it('kept the audit chain intact through all of it', async () => {
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
